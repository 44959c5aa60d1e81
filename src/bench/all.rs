//! `bench all`: the library's figures for docs/PERFORMANCE.md.

#[allow(unused_imports)]
use super::*;

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
