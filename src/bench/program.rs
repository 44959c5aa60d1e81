//! `bench program`: the secretariat's dashboard over 94 teams.

#[allow(unused_imports)]
use super::*;

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
pub(super) fn seed_program(store: &mut Store, meetings: u64) -> Result<()> {
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
