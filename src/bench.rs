//! Benchmarks that print figures (not pass/fail tests): `bansou bench report`,
//! `bansou bench crash` (kill -9 during writes, then check what survived) and
//! `bansou bench analysis` (the co-occurrence network against a MeCab peer).

use crate::demo;
use crate::error::Result;
use crate::model::evaluation::EvaluationInput;
use crate::model::meeting::MeetingInput;
use crate::model::{MemberInput, ProjectInput};
use crate::report::progress::{render, ReportOptions};
use crate::store::{evaluation, meeting, member, project, Store};
use chrono::{Days, NaiveDate};
use std::time::{Duration, Instant};

fn options(today: NaiveDate) -> ReportOptions {
    ReportOptions {
        from: None,
        to: None,
        sections: Vec::new(),
        author: "ベンチマーク".into(),
        wareki: true,
        meetings: None,
        comments: true,
        today,
        created: chrono::Local::now(),
    }
}

/// Median time and the size of `runs` reports of one project.
fn measure(
    store: &Store,
    project_id: i64,
    today: NaiveDate,
    runs: usize,
) -> Result<(Duration, usize)> {
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let opts = options(today);
        let src = store.report_source(project_id, opts.from, opts.to, today)?;
        let pdf = render(&src, &opts, &mut |_| {}).bytes;
        times.push(t.elapsed());
        size = pdf.len();
    }
    times.sort();
    Ok((times[times.len() / 2], size))
}

/// A project with `meetings` meetings over one 年度 and 8 evaluations each
/// (the benchmark uses 500: 4,000 evaluations). `bansou bench seed` adds one
/// to a database for trying the window with years of data.
pub fn large_project(store: &mut Store, meetings: u64) -> Result<i64> {
    store.write(|tx| {
        let p = ProjectInput {
            name: "大規模ベンチマーク事業".into(),
            program: "ベンチマーク".into(),
            prefecture: "東京都".into(),
            profession: "合同".into(),
            theme: "その他".into(),
            target: "企業".into(),
            start_date: "2024-04-01".into(),
            end_date: "2025-03-31".into(),
            goal: "大量のデータでの報告書作成時間を測る。".repeat(3),
        };
        let pid = project::insert(tx, &p.validate()?)?;
        let mut people = Vec::new();
        for (name, role) in [
            ("会員 一", "リーダー"),
            ("会員 二", "メンバー"),
            ("会員 三", "メンバー"),
            ("支援 一", "伴走支援者"),
            ("支援 二", "伴走支援者"),
        ] {
            let m = MemberInput {
                name: name.into(),
                role: role.into(),
                affiliation: String::new(),
                email: String::new(),
            };
            people.push(member::insert(tx, pid, &m.validate()?)?);
        }
        let start = NaiveDate::from_ymd_opt(2024, 4, 1).expect("valid");
        for i in 0..meetings {
            let day = start + Days::new(i * 364 / meetings.max(1));
            let m = MeetingInput {
                kind: "チーム会議".into(),
                held_on: day.to_string(),
                format: "オンライン".into(),
                project_ids: vec![pid],
                participant_ids: people.clone(),
                decisions: format!("決定事項{i}の一\n決定事項{i}の二"),
                ..Default::default()
            };
            let mid = meeting::insert(tx, &m.validate()?)?;
            for k in 0..8u8 {
                let e = EvaluationInput {
                    meeting_id: mid,
                    kind: if k < 5 {
                        "他者評価"
                    } else {
                        "自己評価"
                    }
                    .into(),
                    evaluator_id: None,
                    written_on: day.to_string(),
                    scores: (0..4)
                        .map(|j| Some(i32::from(1 + (k + j + (i % 3) as u8) % 4)))
                        .collect(),
                    comments: vec!["丁寧な傾聴と情報提供があった".into(); 4],
                };
                evaluation::insert(tx, &e.validate()?)?;
            }
        }
        Ok(pid)
    })
}

pub fn report(out: &mut dyn FnMut(&str)) -> Result<()> {
    let dir = std::env::temp_dir().join(format!("bansou-bench-{}", std::process::id()));
    let path = dir.join("bench.sqlite3");
    let result = (|| {
        let mut store = Store::open(&path)?;
        demo::load(&mut store)?;
        let demo_id = store.resolve_project("山口")?.id;
        let today = NaiveDate::from_ymd_opt(2024, 12, 20).expect("valid");
        let (t, size) = measure(&store, demo_id, today, 5)?;
        out(&format!(
            "報告書（デモ・山口）: {:.1} ms（5回の中央値）, {:.1} KB",
            t.as_secs_f64() * 1000.0,
            size as f64 / 1024.0
        ));
        let t0 = Instant::now();
        let big = large_project(&mut store, 500)?;
        out(&format!(
            "大規模データの作成（会議500件・評価4,000件）: {:.0} ms",
            t0.elapsed().as_secs_f64() * 1000.0
        ));
        let (t, size) = measure(
            &store,
            big,
            NaiveDate::from_ymd_opt(2025, 3, 31).expect("valid"),
            3,
        )?;
        out(&format!(
            "報告書（会議500件・評価4,000件）: {:.1} ms（3回の中央値）, {:.1} KB",
            t.as_secs_f64() * 1000.0,
            size as f64 / 1024.0
        ));
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

/// What `bench crash` found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CrashReport {
    pub trials: u32,
    /// Writes the killed process had reported committed.
    pub committed: u32,
    /// Of those, the ones missing after reopening (must be 0).
    pub lost: u32,
    /// Forms found half-written: an evaluation without its four items, a
    /// meeting without its project (must be 0).
    pub half_written: u32,
    /// Trials where `PRAGMA integrity_check` did not answer ok (must be 0).
    pub corrupt: u32,
}

/// The writer side of `bench crash`: on a fresh database, records meetings,
/// their evaluations and checklist changes one transaction at a time, printing
/// `committed <what> <id>` after each commit, until it is killed.
pub fn crash_writer(store: &mut Store, out: &mut dyn std::io::Write) -> Result<()> {
    use crate::model::checklist::ItemUpdateInput;
    let project = store.create_project(&ProjectInput {
        name: "書き込み試験".into(),
        program: String::new(),
        prefecture: "山口県".into(),
        profession: "PT".into(),
        theme: "腰痛予防".into(),
        target: "企業".into(),
        start_date: "2024-04-01".into(),
        end_date: "2025-03-31".into(),
        goal: String::new(),
    })?;
    let member = store.add_member(
        project.id,
        &MemberInput {
            name: "試験 一".into(),
            role: "リーダー".into(),
            affiliation: String::new(),
            email: String::new(),
        },
    )?;
    let items = store.checklist(
        project.id,
        NaiveDate::from_ymd_opt(2024, 4, 1).expect("valid"),
    )?;
    let say = |out: &mut dyn std::io::Write, line: String| {
        let _ = writeln!(out, "{line}");
        let _ = out.flush();
    };
    say(out, "ready".into());
    let statuses = ["進行中", "完了", "未着手"];
    for i in 0u64.. {
        let day = NaiveDate::from_ymd_opt(2024, 4, 1).expect("valid") + Days::new(i % 360);
        let m = store.create_meeting(&MeetingInput {
            kind: "チーム会議".into(),
            held_on: day.to_string(),
            format: "オンライン".into(),
            project_ids: vec![project.id],
            participant_ids: vec![member.id],
            minutes: "議事録".repeat(50),
            decisions: "決定事項の一\n決定事項の二".into(),
            ..Default::default()
        })?;
        say(out, format!("committed meeting {}", m.id));
        let e = store.create_evaluation(&EvaluationInput {
            meeting_id: m.id,
            kind: "他者評価".into(),
            evaluator_id: Some(member.id),
            written_on: day.to_string(),
            scores: vec![Some(4), Some(3), Some(3), Some(2)],
            comments: vec!["丁寧な傾聴と情報提供があった".into(); 4],
        })?;
        say(out, format!("committed evaluation {}", e.id));
        let n = items.items.len();
        let item = &items.items[(i as usize) % n];
        // Each visit to an item moves it on (未着手 → 進行中 → 完了 → 未着手 …), so
        // every reported change leaves a history row to look for. (Cycling by
        // `i` alone set an untouched item to 未着手, which is no change.)
        let status = statuses[(i as usize / n) % statuses.len()];
        store.update_checklist_item(
            item.id,
            &ItemUpdateInput {
                status: status.into(),
                changed_by: "試験 一".into(),
                changed_on: day.to_string(),
                ..Default::default()
            },
            day,
        )?;
        say(out, format!("committed checklist {} {status}", item.id));
    }
    Ok(())
}

/// Kills a writer (`exe --db … bench crash-writer`) with SIGKILL at a random
/// moment, `trials` times, and checks after each that the database opens
/// intact with every reported write in it and no form half-written.
pub fn crash(exe: &std::path::Path, trials: u32, out: &mut dyn FnMut(&str)) -> Result<CrashReport> {
    use std::io::BufRead;
    use std::process::{Command, Stdio};
    let mut report = CrashReport {
        trials,
        ..Default::default()
    };
    // A small linear congruential generator: the same trials each run.
    let mut seed: u64 = 0x2024_0716;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        seed >> 33
    };
    for trial in 0..trials {
        let dir = tempfile::tempdir().map_err(|source| crate::Error::Io {
            path: std::env::temp_dir(),
            source,
        })?;
        let db = dir.path().join("crash.sqlite3");
        let mut child = Command::new(exe)
            .args(["--db"])
            .arg(&db)
            .args(["bench", "crash-writer"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|source| crate::Error::Io {
                path: exe.to_owned(),
                source,
            })?;
        let stdout = child.stdout.take().expect("piped");
        let reader = std::thread::spawn(move || {
            std::io::BufReader::new(stdout)
                .lines()
                .map_while(|l| l.ok())
                .collect::<Vec<String>>()
        });
        // Let it get going, then kill it somewhere in its stream of writes.
        std::thread::sleep(Duration::from_millis(150 + next() % 400));
        let _ = child.kill();
        let _ = child.wait();
        let lines = reader.join().unwrap_or_default();
        let store = Store::open(&db)?;
        let ok: String = store
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if ok != "ok" {
            report.corrupt += 1;
        }
        let mut lost = 0;
        let mut committed = 0;
        for line in &lines {
            let words: Vec<&str> = line.split(' ').collect();
            let found = match words.as_slice() {
                ["committed", "meeting", id] => store.meeting(id.parse().unwrap_or(-1)).is_ok(),
                ["committed", "evaluation", id] => store.evaluation(id.parse().unwrap_or(-1)).is_ok(),
                ["committed", "checklist", id, status] => store
                    .conn()
                    .query_row(
                        "SELECT count(*) FROM checklist_history WHERE item_id = ?1 AND to_status = ?2",
                        rusqlite::params![id.parse::<i64>().unwrap_or(-1), status],
                        |r| r.get::<_, i64>(0),
                    )
                    .map(|n| n > 0)
                    .unwrap_or(false),
                _ => continue,
            };
            committed += 1;
            if !found {
                lost += 1;
            }
        }
        let half: i64 = store.conn().query_row(
            "SELECT (SELECT count(*) FROM evaluations e
                     WHERE (SELECT count(*) FROM evaluation_items i WHERE i.evaluation_id = e.id) <> 4)
                  + (SELECT count(*) FROM meetings m
                     WHERE NOT EXISTS (SELECT 1 FROM meeting_projects p WHERE p.meeting_id = m.id))",
            [],
            |r| r.get(0),
        )?;
        report.committed += committed;
        report.lost += lost;
        report.half_written += half as u32;
        out(&format!(
            "試行 {:>3}: 書き込み {committed} 件を確認、失われた書き込み {lost} 件、書きかけ {half} 件、整合性 {ok}",
            trial + 1
        ));
    }
    out(&format!(
        "強制終了 {} 回：報告された書き込み {} 件、失われた書き込み {} 件、書きかけの記録 {} 件、整合性の異常 {} 回",
        report.trials, report.committed, report.lost, report.half_written, report.corrupt
    ));
    Ok(report)
}

/// `bansou bench exchange`: a project's bundle — its size, the time to write
/// it, and the time to import it into an empty database and into one that
/// has it already (nothing to do) — for the demo and for 500 meetings.
pub fn exchange(out: &mut dyn FnMut(&str)) -> Result<()> {
    use crate::exchange::bundle;
    use crate::model::exchange::Choices;
    let dir = tempfile::tempdir().map_err(|source| crate::Error::Io {
        path: std::env::temp_dir(),
        source,
    })?;
    let mut source = Store::open(&dir.path().join("source.sqlite3"))?;
    demo::load(&mut source)?;
    let demo_id = source.resolve_project("山口")?.id;
    let big = large_project(&mut source, 500)?;
    for (label, id) in [("デモ・山口", demo_id), ("会議500件・評価4,000件", big)] {
        let t = Instant::now();
        let bytes = bundle::to_bytes(&source.project_bundle(id)?);
        let export = t.elapsed();
        let t = Instant::now();
        let parsed = bundle::parse(&bytes)?;
        let read = t.elapsed();
        let target_path = dir.path().join(format!("target-{id}.sqlite3"));
        let mut target = Store::open(&target_path)?;
        let t = Instant::now();
        let first = target.import_bundle(&parsed, &Choices::default())?;
        let import = t.elapsed();
        let t = Instant::now();
        let again = target.import_bundle(&parsed, &Choices::default())?;
        let twice = t.elapsed();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        out(&format!(
            "{label}: {:.1} KB（記録 {} 件）、書き出し {:.0} ms、読み込みと検査 {:.0} ms、取り込み {:.0} ms（{}）、2回目 {:.0} ms（{}）",
            bytes.len() as f64 / 1024.0,
            parsed.records(),
            ms(export),
            ms(read),
            ms(import),
            first.sentence,
            ms(twice),
            again.sentence
        ));
    }
    Ok(())
}

/// `n` comments of two sentences each from the demo's vocabulary (the same
/// comments every run).
pub fn generated_comments(n: usize) -> Vec<String> {
    let sentences = demo::comment_sentences();
    let mut seed: u64 = 42;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as usize
    };
    (0..n)
        .map(|_| {
            let a = sentences[next() % sentences.len()];
            let b = sentences[next() % sentences.len()];
            format!("{a}。{b}。")
        })
        .collect()
}

/// Figures of `bench analysis`.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalysisFigures {
    pub comments: usize,
    pub dictionary_load: Duration,
    pub tokenize: Duration,
    pub from_stored: Duration,
    pub count_and_edges: Duration,
    pub layout: Duration,
    pub nodes: usize,
    pub edges: usize,
    pub communities: u32,
}

/// Tokenizes `n` comments from scratch, stores them as evaluations in a
/// temporary database, then draws their network from the stored words; times
/// each stage. `peer`: the MeCab (fugashi + networkx) script to run on the
/// same number of comments in the same run, when python3 can run it.
pub fn analysis(
    n: usize,
    peer: Option<&std::path::Path>,
    out: &mut dyn FnMut(&str),
) -> Result<AnalysisFigures> {
    use crate::analysis::cooc::network;
    use crate::model::text::{NetworkOptions, TextScope};
    let comments = generated_comments(n);

    let t = Instant::now();
    crate::text::warm_up();
    let dictionary_load = t.elapsed();

    let t = Instant::now();
    let words: Vec<Vec<crate::text::Word>> =
        comments.iter().map(|c| crate::text::words(c)).collect();
    let tokenize = t.elapsed();
    let total_words: usize = words.iter().map(Vec::len).sum();

    // Store them: 4 comments per evaluation, as 表1 has.
    let dir = tempfile::tempdir().map_err(|source| crate::Error::Io {
        path: std::env::temp_dir(),
        source,
    })?;
    let mut store = Store::open(&dir.path().join("analysis.sqlite3"))?;
    let project = store.create_project(&ProjectInput {
        name: "テキスト分析の計測".into(),
        program: String::new(),
        prefecture: "茨城県".into(),
        profession: "OT".into(),
        theme: "メンタルヘルス不調".into(),
        target: "企業".into(),
        start_date: "2024-04-01".into(),
        end_date: "2025-03-31".into(),
        goal: String::new(),
    })?;
    store.write(|tx| {
        let m = meeting::insert(
            tx,
            &MeetingInput {
                kind: "チーム会議".into(),
                held_on: "2024-07-31".into(),
                format: "オンライン".into(),
                project_ids: vec![project.id],
                ..Default::default()
            }
            .validate()?,
        )?;
        for (k, chunk) in comments.chunks(4).enumerate() {
            let mut texts: Vec<String> = chunk.to_vec();
            texts.resize(4, String::new());
            evaluation::insert(
                tx,
                &EvaluationInput {
                    meeting_id: m,
                    kind: if k % 2 == 0 {
                        "他者評価"
                    } else {
                        "自己評価"
                    }
                    .into(),
                    evaluator_id: None,
                    written_on: "2024-08-01".into(),
                    scores: vec![Some(4); 4],
                    comments: texts,
                }
                .validate()?,
            )?;
        }
        Ok(())
    })?;
    let opts = NetworkOptions {
        min_freq: 2,
        top: 60,
        classes: crate::text::WordClass::ALL.to_vec(),
        stop_words: crate::store::text::DEFAULT_STOP_WORDS
            .iter()
            .map(|s| s.to_string())
            .collect(),
    };

    // From the stored words: read, count, select edges, lay out.
    let t = Instant::now();
    let docs = store.comment_documents(&TextScope {
        project_id: Some(project.id),
        ..Default::default()
    })?;
    let read = t.elapsed();
    let t = Instant::now();
    let lists: Vec<&[(String, crate::text::WordClass)]> =
        docs.iter().map(|d| d.words.as_slice()).collect();
    let net = network(&lists, &opts);
    let count_and_edges = t.elapsed();
    let t = Instant::now();
    let points = crate::chart::network::layout(&net);
    let layout = t.elapsed();
    assert_eq!(points.len(), net.nodes.len());
    let from_stored = read + count_and_edges + layout;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    out(&format!(
        "コメント {n} 件（語 {total_words}）：辞書の読み込み {:.0} ms、形態素解析（最初から）{:.0} ms",
        ms(dictionary_load),
        ms(tokenize)
    ));
    out(&format!(
        "保存した語から：読み出し {:.0} ms ＋ 数え上げ・共起の選択 {:.0} ms ＋ 配置 {:.0} ms ＝ {:.0} ms（語 {}・共起 {}・グループ {}）",
        ms(read),
        ms(count_and_edges),
        ms(layout),
        ms(from_stored),
        net.nodes.len(),
        net.edges.len(),
        net.communities
    ));
    out(&format!(
        "合計（最初から）：{:.0} ms（辞書の読み込みを含めて {:.0} ms）",
        ms(tokenize + count_and_edges + layout),
        ms(dictionary_load + tokenize + count_and_edges + layout)
    ));
    if let Some(script) = peer.filter(|p| p.exists()) {
        match std::process::Command::new("python3")
            .arg(script)
            .arg(n.to_string())
            .output()
        {
            Ok(o) if o.status.success() => {
                for line in String::from_utf8_lossy(&o.stdout).lines() {
                    out(&format!("比較（MeCab・fugashi＋networkx）：{line}"));
                }
            }
            Ok(o) => out(&format!(
                "比較のスクリプトを実行できませんでした：{}",
                String::from_utf8_lossy(&o.stderr)
                    .lines()
                    .last()
                    .unwrap_or_default()
            )),
            Err(e) => out(&format!("比較のスクリプトを実行できませんでした：{e}")),
        }
    }
    Ok(AnalysisFigures {
        comments: n,
        dictionary_load,
        tokenize,
        from_stored,
        count_and_edges,
        layout,
        nodes: net.nodes.len(),
        edges: net.edges.len(),
        communities: net.communities,
    })
}

/// 94 teams (47 prefectures × PT/OT), each with 10 meetings, 40 evaluations and
/// 5 tasks, their supporters shared among teams: the dashboard's query time and
/// the 「事業全体の進捗一覧」's pages.
pub fn program(out: &mut dyn FnMut(&str)) -> Result<()> {
    let dir = tempfile::tempdir().map_err(|source| crate::Error::Io {
        path: std::env::temp_dir(),
        source,
    })?;
    let path = dir.path().join("program.sqlite3");
    let mut store = Store::open(&path)?;
    let t = Instant::now();
    seed_program(&mut store, 10)?;
    let seeded = t.elapsed();
    let g = store.resolve_program(Some("ベンチマーク"))?;
    let today = NaiveDate::from_ymd_opt(2025, 2, 1).expect("valid");
    let mut times = Vec::new();
    let mut rows = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        rows = crate::analysis::program::program_dashboard(&store, g.id, today)?;
        times.push(t.elapsed());
    }
    times.sort();
    let t = Instant::now();
    let pdf = crate::report::program::dashboard_pdf(&g, &rows, today, chrono::Local::now());
    let drawn = t.elapsed();
    let t = Instant::now();
    let summary = crate::report::program::year_summary_pdf(
        &crate::analysis::program::year_summary(&store, g.id)?,
        chrono::Local::now(),
    );
    let summarized = t.elapsed();
    let people = store.supporter_work(g.id)?;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    out(&format!(
        "事業全体: {} チーム（会議 {}・評価 {}・関係者 {}）を {:.1} 秒で用意（{:.1} MB）",
        rows.len(),
        rows.len() * 10,
        rows.len() * 40,
        people.len(),
        seeded.as_secs_f64(),
        std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1_048_576.0
    ));
    out(&format!(
        "一覧の集計（program_dashboard）: {:.0} ms（5回の中央値、最短 {:.0} ms）",
        ms(times[2]),
        ms(times[0])
    ));
    out(&format!(
        "「事業全体の進捗一覧」PDF（A4 横）: {} ページ、{:.1} KB、{:.0} ms",
        pdf.pages,
        pdf.bytes.len() as f64 / 1024.0,
        ms(drawn)
    ));
    out(&format!(
        "年間まとめ PDF: {} ページ、{:.1} KB、{:.0} ms（集計を含む）",
        summary.pages,
        summary.bytes.len() as f64 / 1024.0,
        ms(summarized)
    ));
    Ok(())
}

/// 94 teams (47 prefectures × PT/OT) of the program 「ベンチマーク」, each with
/// `meetings` team meetings of 4 evaluations, 5 tasks and its checklist a third
/// done; 30 supporters shared among the teams.
fn seed_program(store: &mut Store, meetings: u64) -> Result<()> {
    use crate::model::task::TaskInput;
    use crate::store::{program as people, task};
    store.write(|tx| {
        let start = NaiveDate::from_ymd_opt(2024, 6, 1).expect("valid");
        for (i, (prefecture, profession)) in crate::model::project::PREFECTURES
            .iter()
            .flat_map(|p| [(p, "PT"), (p, "OT")])
            .enumerate()
        {
            let p = ProjectInput {
                name: format!("健康づくり事業{}", i + 1),
                program: "地域保健総合推進事業（ベンチマーク）".into(),
                prefecture: (*prefecture).into(),
                profession: profession.into(),
                theme: "腰痛予防".into(),
                target: "企業".into(),
                start_date: "2024-06-01".into(),
                end_date: "2025-03-31".into(),
                goal: "事業全体の一覧の時間を測る。".into(),
            };
            let pid = project::insert(tx, &p.validate()?)?;
            let mut team = Vec::new();
            // 30 supporters for 94 teams: each follows three or four.
            for (name, role) in [
                ("会員 一".to_owned(), "リーダー"),
                ("会員 二".to_owned(), "メンバー"),
                ("会員 三".to_owned(), "メンバー"),
                (format!("支援者 {:02}", i % 30), "伴走支援者"),
                (format!("支援者 {:02}", (i + 11) % 30), "伴走支援者"),
            ] {
                let m = MemberInput {
                    name,
                    role: role.into(),
                    affiliation: String::new(),
                    email: String::new(),
                };
                team.push(member::insert(tx, pid, &m.validate()?)?);
            }
            people::link_people(tx, pid)?;
            for k in 0..meetings {
                // Meetings every 28 days, then (for the larger sets) on the
                // same days again: a meeting's date only orders the lists.
                let day = start + Days::new(k * 28 % 300);
                let m = MeetingInput {
                    kind: "チーム会議".into(),
                    held_on: day.to_string(),
                    format: "オンライン".into(),
                    project_ids: vec![pid],
                    participant_ids: team.clone(),
                    ..Default::default()
                };
                let mid = meeting::insert(tx, &m.validate()?)?;
                for (j, &who) in team.iter().enumerate().take(4) {
                    let e = EvaluationInput {
                        meeting_id: mid,
                        kind: if j < 3 {
                            "他者評価"
                        } else {
                            "自己評価"
                        }
                        .into(),
                        evaluator_id: Some(who),
                        written_on: day.to_string(),
                        scores: (0..4)
                            .map(|a| Some(1 + ((i as u64 + k + a) % 4) as i32))
                            .collect(),
                        comments: vec![String::new(); 4],
                    };
                    evaluation::insert(tx, &e.validate()?)?;
                }
            }
            for k in 0..5u64 {
                let t = TaskInput {
                    title: format!("タスク{k}"),
                    owner_id: Some(team[0]),
                    due_date: (start + Days::new(k * 60)).to_string(),
                    status: if k % 2 == 0 { "完了" } else { "進行中" }.into(),
                    ..Default::default()
                };
                task::insert(tx, pid, &t.validate()?)?;
            }
        }
        Ok(())
    })?;
    // About a third of each checklist done, as in a year under way.
    store.write(|tx| {
        tx.execute(
            "UPDATE checklist_items SET status = '完了' WHERE id % 3 = 0",
            [],
        )?;
        Ok(())
    })?;
    Ok(())
}

/// 10,000 answer sheets of the 研修会アンケート as a Google Forms CSV: reading
/// the file, the preview (every row checked), the import, the same file again
/// (nothing added) and the results over 10,048 sheets.
pub fn survey(sheets: usize, out: &mut dyn FnMut(&str)) -> Result<()> {
    use crate::exchange::{evaluation_csv::read_table, survey_csv};
    let dir = tempfile::tempdir().map_err(|source| crate::Error::Io {
        path: std::env::temp_dir(),
        source,
    })?;
    let mut store = Store::open(&dir.path().join("survey.sqlite3"))?;
    demo::load(&mut store)?;
    let survey = store.resolve_survey("研修会アンケート")?;
    let prefectures = crate::model::project::PREFECTURES;
    let scale = [
        "非常に満足",
        "満足",
        "どちらともいえない",
        "やや不満",
        "不満",
    ];
    let mut csv = String::from(
        "タイムスタンプ,職種,氏名,所属の都道府県,研修会全体の満足度についてお答えください,\
         厚生労働省の講演の理解度,保健師の講演の理解度,モデルチームの講演の理解度,\
         グループワークを通じて、今後貴士会では何に取り組めそうですか\n",
    );
    for i in 0..sheets {
        csv.push_str(&format!(
            "2024/10/05 {:02}:{:02}:{:02},{},,{},{},{},{},{},回答{i}：士会内での情報共有から始めたい\n",
            i / 3600 % 24,
            i / 60 % 60,
            i % 60,
            if i % 2 == 0 { "理学療法士（PT）" } else { "作業療法士（OT）" },
            prefectures[i % prefectures.len()],
            scale[i % 3],
            5 - i % 4,
            4 + i % 2,
            3 + i % 3,
        ));
    }
    let bytes = csv.into_bytes();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;

    let t = Instant::now();
    let table = read_table(&bytes)?;
    let read = t.elapsed();
    let t = Instant::now();
    let preview = survey_csv::import(&mut store, survey.id, &table, None, true)?;
    let check = t.elapsed();
    let t = Instant::now();
    let done = survey_csv::import(&mut store, survey.id, &table, None, false)?;
    let import = t.elapsed();
    let t = Instant::now();
    let again = survey_csv::import(&mut store, survey.id, &table, None, false)?;
    let twice = t.elapsed();
    let t = Instant::now();
    let responses = store.responses(survey.id)?;
    let r = crate::analysis::survey::results(&survey, &responses);
    let tally = t.elapsed();
    out(&format!(
        "回答 {sheets} 件（{} KB・{} 問）：CSV の読み込み {:.0} ms、確認（プレビュー）{:.0} ms、取り込み {:.0} ms（新しいもの {}・取り込めない行 {}）",
        bytes.len() / 1024,
        survey.questions.len(),
        ms(read),
        ms(check),
        ms(import),
        done.new,
        preview.refused.len()
    ));
    out(&format!(
        "同じファイルをもう一度：{:.0} ms（新しいもの {}・取り込み済み {}）；集計（読み出しを含む）：{:.0} ms（n = {}）",
        ms(twice),
        again.new,
        again.already,
        ms(tally),
        r.n
    ));
    Ok(())
}

/// `bansou bench all`: the library's figures for docs/PERFORMANCE.md on a
/// generated program of 94 teams and about 10,000 evaluations — saving one
/// evaluation, a team's overview, the secretariat's dashboard — then the
/// report and the text analysis benchmarks. The window's figures (start-up,
/// memory, the .deb) come from scripts/bench-window.sh.
pub fn all(out: &mut dyn FnMut(&str)) -> Result<()> {
    let dir = tempfile::tempdir().map_err(|source| crate::Error::Io {
        path: std::env::temp_dir(),
        source,
    })?;
    let path = dir.path().join("all.sqlite3");
    let mut store = Store::open(&path)?;
    let t = Instant::now();
    // 27 meetings × 4 evaluations × 94 teams = 10,152 evaluations.
    seed_program(&mut store, 27)?;
    let seeded = t.elapsed();
    let g = store.resolve_program(Some("ベンチマーク"))?;
    let today = NaiveDate::from_ymd_opt(2025, 2, 1).expect("valid");
    let evaluations: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM evaluations", [], |r| r.get(0))?;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = |mut v: Vec<Duration>| {
        v.sort();
        (v[v.len() / 2], v[0], v[v.len() - 1])
    };
    out(&format!(
        "生成：94 チーム・評価 {evaluations} 件を {:.1} 秒で用意（{:.1} MB）",
        seeded.as_secs_f64(),
        std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1_048_576.0
    ));

    let project = store.projects()?[0].id;
    let meeting = store.meetings(project, &Default::default())?[0].id;
    let mut saves = Vec::new();
    for k in 0..50 {
        let input = EvaluationInput {
            meeting_id: meeting,
            kind: "他者評価".into(),
            evaluator_id: None,
            written_on: "2024-06-01".into(),
            scores: vec![Some(1 + k % 4), Some(3), Some(4), Some(2)],
            comments: vec![
                "丁寧に話を聞いてもらえた".into(),
                String::new(),
                String::new(),
                String::new(),
            ],
        };
        let t = Instant::now();
        store.create_evaluation(&input)?;
        saves.push(t.elapsed());
    }
    let (mid, low, high) = median(saves);
    out(&format!(
        "評価1件の保存（create_evaluation、検証と1トランザクション）：{:.2} ms（50回の中央値、{:.2}〜{:.2} ms）目標 5 ms",
        ms(mid),
        ms(low),
        ms(high)
    ));

    let mut views = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        store.overview(project, today)?;
        views.push(t.elapsed());
    }
    let (mid, low, high) = median(views);
    out(&format!(
        "概要（overview、1チーム）：{:.2} ms（20回の中央値、{:.2}〜{:.2} ms）目標 20 ms",
        ms(mid),
        ms(low),
        ms(high)
    ));

    let mut boards = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        crate::analysis::program::program_dashboard(&store, g.id, today)?;
        boards.push(t.elapsed());
    }
    let (mid, low, high) = median(boards);
    out(&format!(
        "事業全体の一覧（program_dashboard、94チーム）：{:.1} ms（10回の中央値、{:.1}〜{:.1} ms）目標 50 ms",
        ms(mid),
        ms(low),
        ms(high)
    ));
    drop(store);

    out("— 報告書（bench report）");
    report(out)?;
    out("— テキスト分析（bench analysis、コメント 10,000 件）");
    analysis(10_000, None, out)?;
    Ok(())
}
