//! `bansou bench sync --url ADMIN_URL`: the 共有サーバー's figures against a
//! real PostgreSQL (a database of its own on that server, dropped at the
//! end): the secretariat's first full pull of 94 teams / ~10,000
//! evaluations, an incremental sync with nothing new and with one new
//! evaluation, and 20 team PCs syncing at once.

use super::report::seeded_project;
use crate::error::Result as StoreResult;
use crate::model::evaluation::EvaluationInput;
use crate::model::meeting::MeetingFilter;
use crate::model::project::PREFECTURES;
use crate::store::Store;
use crate::sync::{self, Error, Result, Role};
use std::path::PathBuf;
use std::time::{Duration, Instant};

const TEAMS: usize = 94;
/// 13 meetings × 8 evaluations × 94 teams ≈ 9,800 evaluations.
const MEETINGS: u64 = 13;
const AT_ONCE: usize = 20;

struct Pc {
    _dir: tempfile::TempDir,
    store: Store,
}

fn pc(file: &sync::ConnectionFile) -> Result<Pc> {
    let dir = tempfile::tempdir().map_err(|e| io(e, "一時フォルダ"))?;
    let mut store = Store::open(&dir.path().join("bansou.sqlite3"))?;
    sync::connect(&mut store, file)?;
    Ok(Pc { _dir: dir, store })
}

fn io(e: std::io::Error, what: &str) -> Error {
    Error::Store(crate::Error::Io {
        path: PathBuf::from(what),
        source: e,
    })
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

pub fn sync(admin: &str, out: &mut dyn FnMut(&str)) -> Result<()> {
    let name = format!(
        "bansou_bench_{}",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    );
    let mut c =
        postgres::Client::connect(admin, postgres::NoTls).map_err(|e| Error::from_pg(e, ""))?;
    c.batch_execute(&format!("CREATE DATABASE {name}"))
        .map_err(|e| Error::from_pg(e, ""))?;
    let url = format!(
        "{}/{name}",
        admin.rsplit_once('/').map(|(a, _)| a).unwrap_or(admin)
    );
    let result = run(&url, &name, out);
    // Its group roles, named in its meta table: read before the database goes.
    let prefix = postgres::Client::connect(&url, postgres::NoTls)
        .and_then(|mut b| b.query_one("SELECT value FROM bansou.meta WHERE key = 'roles'", &[]))
        .map(|r| r.get::<_, String>(0))
        .ok();
    // Dropped whatever happened: the bench leaves the server as it found it.
    let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
    let mut patterns = vec![format!("{name}\\_%")];
    patterns.extend(prefix.map(|p| format!("{p}\\_%")));
    for pattern in patterns {
        if let Ok(rows) = c.query(
            "SELECT rolname FROM pg_roles WHERE rolname LIKE $1",
            &[&pattern],
        ) {
            for r in rows {
                let role: String = r.get(0);
                let _ = c.batch_execute(&format!("DROP ROLE IF EXISTS \"{role}\""));
            }
        }
    }
    result
}

fn seed(store: &mut Store) -> StoreResult<()> {
    for i in 0..TEAMS {
        let (prefecture, profession) = (PREFECTURES[i / 2], if i % 2 == 0 { "PT" } else { "OT" });
        seeded_project(
            store,
            &format!("ベンチ{i:02}の事業"),
            prefecture,
            profession,
            MEETINGS,
        )?;
    }
    Ok(())
}

fn run(url: &str, name: &str, out: &mut dyn FnMut(&str)) -> Result<()> {
    sync::init(url, None)?;
    let login = |who: &str, role: Role, teams: &[String]| {
        sync::user_add(url, None, &format!("{name}_{who}"), role, teams, None)
    };
    let mut seeder = pc(&login("seeder", Role::Secretariat, &[])?)?;
    let t = Instant::now();
    seed(&mut seeder.store)?;
    out(&format!(
        "共有サーバー: {TEAMS} チームを用意（{}）",
        ms(t.elapsed())
    ));
    let t = Instant::now();
    let first = sync::sync(&mut seeder.store, None)?;
    out(&format!(
        "  最初の送信（事務局）: {} 件、{}",
        first.sent,
        ms(t.elapsed())
    ));

    let mut secretariat = pc(&login("jimu", Role::Secretariat, &[])?)?;
    let t = Instant::now();
    let pulled = sync::sync(&mut secretariat.store, None)?;
    let evaluations = count(&secretariat.store, "evaluations");
    out(&format!(
        "  事務局の最初の受信: {} 件（評価 {evaluations} 件）、{}（目標 10 s 以内）",
        pulled.received,
        ms(t.elapsed())
    ));

    let mut idle = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        sync::sync(&mut secretariat.store, None)?;
        idle.push(t.elapsed());
    }
    out(&format!(
        "  新しいものがない同期: 中央値 {}（5 回、目標 200 ms 以内）",
        ms(median(idle))
    ));

    let mut one = Vec::new();
    for round in 0..5 {
        add_evaluation(&mut seeder.store, round)?;
        sync::sync(&mut seeder.store, None)?;
        let t = Instant::now();
        let r = sync::sync(&mut secretariat.store, None)?;
        one.push(t.elapsed());
        if r.received != 1 {
            return Err(Error::Server(format!(
                "評価 1 件のはずが {} 件届きました",
                r.received
            )));
        }
    }
    out(&format!(
        "  評価 1 件が届く同期: 中央値 {}（5 回、目標 300 ms 以内）",
        ms(median(one))
    ));

    // 20 teams' PCs, each syncing its team for the first time, all at once.
    let mut teams = Vec::new();
    for i in 0..AT_ONCE {
        let file = login(
            &format!("team{i}"),
            Role::Team,
            &[format!("ベンチ{i:02}の事業")],
        )?;
        teams.push(pc(&file)?);
    }
    let t = Instant::now();
    let results: Vec<Result<(Duration, u32)>> = std::thread::scope(|s| {
        let handles: Vec<_> = teams
            .iter_mut()
            .map(|p| {
                s.spawn(move || {
                    let t = Instant::now();
                    let r = sync::sync(&mut p.store, None)?;
                    Ok((t.elapsed(), r.received))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a sync thread does not panic"))
            .collect()
    });
    let wall = t.elapsed();
    let mut slowest = Duration::ZERO;
    for (i, r) in results.into_iter().enumerate() {
        let (took, received) = r?;
        slowest = slowest.max(took);
        let got = count(&teams[i].store, "evaluations");
        if got < (MEETINGS * 8) as i64 || received == 0 {
            return Err(Error::Server(format!(
                "チーム{i}に評価が {got} 件しか届きませんでした"
            )));
        }
    }
    out(&format!(
        "  {AT_ONCE} 台が同時に最初の同期: 全体 {}、最も遅い 1 台 {}（同時接続 {AT_ONCE}、届かなかった記録 0）",
        ms(wall),
        ms(slowest)
    ));
    Ok(())
}

fn count(store: &Store, table: &str) -> i64 {
    store.count_rows(table).unwrap_or(-1)
}

fn add_evaluation(store: &mut Store, round: i32) -> Result<()> {
    let p = store.resolve_project("ベンチ00")?.id;
    let meeting = store.meetings(p, &MeetingFilter::default())?[0].id;
    store.create_evaluation(&EvaluationInput {
        meeting_id: meeting,
        kind: "他者評価".into(),
        evaluator_id: None,
        written_on: "2024-04-01".into(),
        scores: vec![Some(1 + round % 4), Some(2), Some(3), Some(4)],
        comments: vec![
            format!("追加の評価{round}"),
            String::new(),
            String::new(),
            String::new(),
        ],
    })?;
    Ok(())
}
