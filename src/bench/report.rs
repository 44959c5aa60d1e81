//! `bench report` and `bench seed`: the progress report's time and size, and
//! the large project they are measured on.

#[allow(unused_imports)]
use super::*;

pub(super) fn options(today: NaiveDate) -> ReportOptions {
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
pub(super) fn measure(
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
    seeded_project(store, "大規模ベンチマーク事業", "東京都", "合同", meetings)
}

/// A project of one society with `meetings` meetings and 8 evaluations each.
pub(super) fn seeded_project(
    store: &mut Store,
    name: &str,
    prefecture: &str,
    profession: &str,
    meetings: u64,
) -> Result<i64> {
    store.write(|tx| {
        let p = ProjectInput {
            name: name.into(),
            program: "ベンチマーク".into(),
            prefecture: prefecture.into(),
            profession: profession.into(),
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
