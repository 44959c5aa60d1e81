//! `bench crash`: kill -9 during writes, then check what survived.

#[allow(unused_imports)]
use super::*;

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
    /// Writes reported in each trial before the kill.
    pub per_trial: Vec<u32>,
    /// Trials in which the writer reported no write at all: they prove
    /// nothing, and a run with any is not a result.
    pub empty: u32,
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

/// Kills a writer (`exe --db … bench crash-writer`) with SIGKILL `trials`
/// times, each time at a random point after it has reported a random number
/// of commits (1–40), so a kill lands among the writes on a fast machine and
/// a slow one alike; then checks that the database opens intact with every
/// reported write in it and no form half-written.
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
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            for line in std::io::BufReader::new(stdout)
                .lines()
                .map_while(|l| l.ok())
            {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Wait for the writer's first commits — loading the dictionary and
        // creating the database take longer on a slow machine — then kill it
        // a few milliseconds into the next writes.
        let want = 1 + next() % 40;
        let mut lines = Vec::new();
        let mut seen = 0;
        let quiet = Duration::from_secs(if trial == 0 { 60 } else { 20 });
        while seen < want {
            match rx.recv_timeout(if seen == 0 {
                quiet
            } else {
                Duration::from_secs(2)
            }) {
                Ok(line) => {
                    seen += u64::from(line.starts_with("committed"));
                    lines.push(line);
                }
                Err(_) => break,
            }
        }
        std::thread::sleep(Duration::from_millis(next() % 15));
        let _ = child.kill();
        let _ = child.wait();
        let _ = reader.join();
        lines.extend(rx.try_iter());
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
        report.per_trial.push(committed);
        if committed == 0 {
            report.empty += 1;
        }
        report.lost += lost;
        report.half_written += half as u32;
        out(&format!(
            "試行 {:>3}: 書き込み {committed} 件を確認、失われた書き込み {lost} 件、書きかけ {half} 件、整合性 {ok}",
            trial + 1
        ));
    }
    let mut sorted = report.per_trial.clone();
    sorted.sort_unstable();
    out(&format!(
        "強制終了 {} 回：報告された書き込み {} 件（1回あたり 最少 {}・中央 {}・最多 {}）、失われた書き込み {} 件、書きかけの記録 {} 件、整合性の異常 {} 回、書き込みを報告しなかった試行 {} 回",
        report.trials,
        report.committed,
        sorted.first().copied().unwrap_or(0),
        sorted.get(sorted.len() / 2).copied().unwrap_or(0),
        sorted.last().copied().unwrap_or(0),
        report.lost,
        report.half_written,
        report.corrupt,
        report.empty
    ));
    Ok(report)
}
