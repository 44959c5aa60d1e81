//! 事業全体: the migration that gave the program its own level, its people and
//! their assignments, its meetings and tasks, the secretariat's dashboard and
//! its documents (read back with lopdf).

mod common;

use bansou::analysis::program::{program_dashboard, year_summary};
use bansou::model::meeting::MeetingInput;
use bansou::model::program::{PersonInput, ProgramInput, ProgramRole};
use bansou::model::task::TaskInput;
use bansou::{demo, Error, Store};
use chrono::NaiveDate;
use rusqlite::Connection;
use std::path::Path;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn demo_store() -> (tempfile::TempDir, std::path::PathBuf, Store) {
    let (dir, path, mut s) = common::store();
    demo::load(&mut s).unwrap();
    (dir, path, s)
}

/// A number asked of the database file beside the store, as another reader would.
fn count(db: &Path, sql: &str, key: i64) -> i64 {
    Connection::open(db)
        .unwrap()
        .query_row(sql, [key], |r| r.get(0))
        .unwrap()
}

fn rows(conn: &Connection, sql: &str) -> Vec<String> {
    let mut st = conn.prepare(sql).unwrap();
    let n = st.column_count();
    st.query_map([], |r| {
        (0..n)
            .map(|i| {
                r.get::<_, rusqlite::types::Value>(i)
                    .map(|v| format!("{v:?}"))
            })
            .collect::<rusqlite::Result<Vec<_>>>()
            .map(|v| v.join("|"))
    })
    .unwrap()
    .collect::<rusqlite::Result<_>>()
    .unwrap()
}

const KEPT: [&str; 6] = [
    "SELECT id, project_id, name, role, affiliation, retired_at FROM members ORDER BY id",
    "SELECT id, meeting_id, evaluator_id, kind, written_on FROM evaluations ORDER BY id",
    "SELECT evaluation_id, item, score, comment FROM evaluation_items ORDER BY 1, 2",
    "SELECT id, project_id, title, owner_id, due_date, status, meeting_id FROM tasks ORDER BY id",
    "SELECT id, title, held_on FROM meetings ORDER BY id",
    "SELECT meeting_id, member_id FROM meeting_participants ORDER BY 1, 2",
];

#[test]
fn the_previous_schema_filled_with_the_demo_migrates_without_loss() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/demo-v10.sqlite3");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bansou.sqlite3");
    std::fs::copy(&fixture, &path).unwrap();
    let before: Vec<Vec<String>> = {
        let c = Connection::open(&path).unwrap();
        let v: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 10, "the fixture is the schema before 事業全体");
        KEPT.iter().map(|q| rows(&c, q)).collect()
    };
    assert!(
        before[1].len() > 50,
        "the fixture holds the demo's evaluations"
    );
    assert!(before[3].len() > 10, "and its tasks");

    let mut s = Store::open(&path).unwrap();
    for (q, old) in KEPT.iter().zip(&before) {
        assert_eq!(
            &rows(&Connection::open(&path).unwrap(), q),
            old,
            "changed by the migration: {q}"
        );
    }
    // Supporters and the secretariat became the program's people, once each.
    let g = s.resolve_program(None).unwrap();
    assert_eq!(g.teams, 2);
    let people = s.program_people(g.id).unwrap();
    let kitamura: Vec<_> = people.iter().filter(|p| p.name == "北村 浩一").collect();
    assert_eq!(kitamura.len(), 1, "one person");
    assert_eq!(kitamura[0].role, ProgramRole::SupportLeader);
    assert_eq!(kitamura[0].assignments.len(), 2, "following both teams");
    let supporters = people
        .iter()
        .filter(|p| matches!(p.role, ProgramRole::SupportLeader | ProgramRole::Supporter))
        .count();
    assert_eq!(supporters, 6);
    // Every supporter's member row points at their person; team members do not.
    let unlinked = count(
        &path,
        "SELECT count(*) FROM members WHERE person_id IS NULL AND ?1
           AND role IN ('伴走支援者', '伴走支援リーダー', '事務局')",
        1,
    );
    assert_eq!(unlinked, 0);
    let linked_team_members = count(
        &path,
        "SELECT count(*) FROM members WHERE person_id IS NOT NULL AND ?1 AND role IN ('メンバー', 'リーダー')",
        1,
    );
    assert_eq!(linked_team_members, 0);
    // Their evaluations count as theirs across the program.
    let work = s.supporter_work(g.id).unwrap();
    let k = work.iter().find(|w| w.name == "北村 浩一").unwrap();
    let direct = count(
        &path,
        "SELECT count(*) FROM evaluations e JOIN members m ON m.id = e.evaluator_id
         WHERE m.name = '北村 浩一' AND ?1",
        1,
    );
    assert_eq!(i64::from(k.evaluations_written), direct);
    assert!(direct > 0);
    // An archived team's evaluations leave the list with its row.
    let archived = s.resolve_project("山口").unwrap();
    let in_it = count(
        &path,
        "SELECT count(*) FROM evaluations e JOIN members m ON m.id = e.evaluator_id
         WHERE m.name = '北村 浩一' AND m.project_id = ?1",
        archived.id,
    );
    assert!(in_it > 0);
    s.archive_project(archived.id).unwrap();
    let work = s.supporter_work(g.id).unwrap();
    let k = work.iter().find(|w| w.name == "北村 浩一").unwrap();
    assert_eq!(i64::from(k.evaluations_written), direct - in_it);
}

#[test]
fn the_demo_holds_the_program_its_people_and_the_four_partner_meetings() {
    let (_dir, _db, s) = demo_store();
    let g = s.resolve_program(None).unwrap();
    assert_eq!(g.fiscal_year_label.as_deref(), Some("令和6年度"));
    assert_eq!(g.organizer, "日本理学療法士協会・日本作業療法士協会");
    assert_eq!(g.teams, 2);
    let people = s.program_people(g.id).unwrap();
    let roles = |r: ProgramRole| people.iter().filter(|p| p.role == r).count();
    assert_eq!(roles(ProgramRole::SupportLeader), 1);
    assert_eq!(roles(ProgramRole::Supporter), 5);
    assert_eq!(roles(ProgramRole::Training), 2);
    assert!(people
        .iter()
        .filter(|p| p.role.team_role().is_some())
        .all(|p| !p.assignments.is_empty()));
    let meetings = s.program_meetings(g.id).unwrap();
    let partners: Vec<_> = meetings
        .iter()
        .filter(|m| m.kind.label() == "事業協力者会議")
        .map(|m| (m.title.as_str(), m.held_on.to_string()))
        .collect();
    assert_eq!(
        partners,
        [
            ("第1回事業協力者会議", "2024-06-11".to_owned()),
            ("第2回事業協力者会議", "2024-08-26".to_owned()),
            ("第3回事業協力者会議", "2024-12-18".to_owned()),
            ("第4回事業協力者会議", "2025-02-05".to_owned()),
        ]
    );
    assert!(meetings.iter().all(|m| m.project_ids.is_empty()));
    assert_eq!(
        s.program_tasks(g.id, d("2025-03-01")).unwrap()[0].title,
        "事業報告の取りまとめ"
    );
}

#[test]
fn a_supporter_of_two_teams_is_one_person_and_renaming_reaches_both() {
    let (_dir, db, mut s) = demo_store();
    let g = s.resolve_program(None).unwrap();
    let yamaguchi = s.resolve_project("山口").unwrap();
    let ibaraki = s.resolve_project("茨城").unwrap();
    let nakagawa = s
        .program_people(g.id)
        .unwrap()
        .into_iter()
        .find(|p| p.name == "中川 智也")
        .unwrap();
    assert_eq!(nakagawa.assignments.len(), 1);

    let p = s.assign_person(nakagawa.id, ibaraki.id).unwrap();
    assert_eq!(p.assignments.len(), 2);
    let on_team = s.members(ibaraki.id).unwrap();
    let m = on_team.iter().find(|m| m.name == "中川 智也").unwrap();
    assert_eq!(m.role.label(), "伴走支援者");
    // Assigning again changes nothing.
    assert_eq!(
        s.assign_person(nakagawa.id, ibaraki.id)
            .unwrap()
            .assignments
            .len(),
        2
    );

    let renamed = s
        .update_person(
            nakagawa.id,
            &PersonInput {
                name: "中川 智也（改）".into(),
                role: "伴走支援者".into(),
                affiliation: nakagawa.affiliation.clone(),
                email: String::new(),
            },
        )
        .unwrap();
    assert_eq!(renamed.name, "中川 智也（改）");
    for team in [yamaguchi.id, ibaraki.id] {
        assert!(s
            .members(team)
            .unwrap()
            .iter()
            .any(|m| m.name == "中川 智也（改）"));
    }

    // Off 茨城, where he has no records: the member row goes; on 山口, where
    // he wrote evaluations, he stays as 退任 so nothing loses its name.
    let p = s.unassign_person(nakagawa.id, ibaraki.id).unwrap();
    assert_eq!(p.assignments.len(), 1);
    assert!(!s
        .members(ibaraki.id)
        .unwrap()
        .iter()
        .any(|m| m.name.starts_with("中川")));
    let p = s.unassign_person(nakagawa.id, yamaguchi.id).unwrap();
    assert!(p.assignments.iter().all(|a| a.retired));
    let written = count(
        &db,
        "SELECT count(*) FROM evaluations e JOIN members m ON m.id = e.evaluator_id WHERE m.person_id = ?1",
        nakagawa.id,
    );
    assert!(written > 0, "his evaluations keep their evaluator");

    // Roles a team does not have are refused in Japanese, nothing changes.
    let trainer = s
        .program_people(g.id)
        .unwrap()
        .into_iter()
        .find(|p| p.role == ProgramRole::Training)
        .unwrap();
    let says = |e: Error, text: &str| {
        assert!(
            e.fields().iter().any(|f| f.message.contains(text)),
            "{text}: {:?}",
            e.fields()
        )
    };
    says(
        s.assign_person(trainer.id, yamaguchi.id).unwrap_err(),
        "チームに割り当てられない役割",
    );
    let kitamura = s
        .program_people(g.id)
        .unwrap()
        .into_iter()
        .find(|p| p.name == "北村 浩一")
        .unwrap();
    let err = s
        .update_person(
            kitamura.id,
            &PersonInput {
                name: kitamura.name.clone(),
                role: "事業協力者".into(),
                affiliation: String::new(),
                email: String::new(),
            },
        )
        .unwrap_err();
    assert!(matches!(err, Error::Validation(_)), "{err}");
    assert_eq!(
        s.person(kitamura.id).unwrap().role,
        ProgramRole::SupportLeader
    );
    // A team of another program is not this person's to follow.
    let stranger = someone_of_another_program(&mut s);
    says(
        s.assign_person(stranger.id, yamaguchi.id).unwrap_err(),
        "この事業全体のチームではありません",
    );
}

/// A supporter of a second program (令和7年度).
fn someone_of_another_program(s: &mut Store) -> bansou::model::program::Person {
    let other = s
        .create_program(&ProgramInput {
            name: "令和7年度 地域保健総合推進事業".into(),
            fiscal_year: 2025,
            ..Default::default()
        })
        .unwrap();
    s.add_person(
        other.id,
        &PersonInput {
            name: "別所 一郎".into(),
            role: "伴走支援者".into(),
            ..Default::default()
        },
    )
    .unwrap()
}

fn program_meeting(program: i64, kind: &str, date: &str, people: Vec<i64>) -> MeetingInput {
    MeetingInput {
        kind: kind.into(),
        held_on: date.into(),
        format: "オンライン".into(),
        program_id: Some(program),
        person_ids: people,
        decisions: "研修会の講師を決める".into(),
        ..Default::default()
    }
}

#[test]
fn program_meetings_are_numbered_in_the_program_and_refuse_what_is_not_theirs() {
    let (_dir, _db, mut s) = demo_store();
    let g = s.resolve_program(None).unwrap();
    let people: Vec<i64> = s
        .program_people(g.id)
        .unwrap()
        .iter()
        .map(|p| p.id)
        .collect();
    // A fifth 事業協力者会議 in the same 年度 is 第5回; a team's own meetings do
    // not count.
    let m = s
        .create_meeting(&program_meeting(
            g.id,
            "事業協力者会議",
            "2025-03-10",
            people[..3].to_vec(),
        ))
        .unwrap();
    assert_eq!(m.title, "第5回事業協力者会議");
    assert_eq!(m.people.len(), 3);
    assert!(m.project_ids.is_empty());
    // Tasks from it belong to the program and are owned by its people.
    let t = s
        .create_program_task(
            g.id,
            &TaskInput {
                title: "研修会の講師を決める".into(),
                owner_id: Some(people[0]),
                due_date: "2025-03-20".into(),
                status: "未着手".into(),
                meeting_id: Some(m.id),
                ..Default::default()
            },
            d("2025-03-10"),
        )
        .unwrap();
    assert_eq!(t.project_id, None);
    assert_eq!(t.program_id, Some(g.id));
    assert!(t.owner_name.is_some());

    let before = s.program_meetings(g.id).unwrap().len();
    // Someone of another program, a team's project and a missing program are refused.
    let stranger = someone_of_another_program(&mut s);
    let err = s
        .create_meeting(&program_meeting(
            g.id,
            "班会議",
            "2025-03-11",
            vec![stranger.id],
        ))
        .unwrap_err();
    assert!(
        err.fields().iter().any(|f| f.field == "person_ids"),
        "{err}"
    );
    let mut with_team = program_meeting(g.id, "班会議", "2025-03-11", vec![]);
    with_team.project_ids = vec![s.resolve_project("山口").unwrap().id];
    let err = s.create_meeting(&with_team).unwrap_err();
    assert!(
        err.fields().iter().any(|f| f.field == "project_ids"),
        "{err}"
    );
    let err = s
        .create_meeting(&program_meeting(999_999, "班会議", "2025-03-11", vec![]))
        .unwrap_err();
    assert!(
        err.fields().iter().any(|f| f.field == "program_id"),
        "{err}"
    );
    assert_eq!(s.program_meetings(g.id).unwrap().len(), before);
    // A team's owner for a program task is refused.
    let member = s.members(s.resolve_project("山口").unwrap().id).unwrap()[0].id;
    let err = s
        .create_program_task(
            g.id,
            &TaskInput {
                title: "x".into(),
                owner_id: Some(member + 10_000),
                status: "未着手".into(),
                ..Default::default()
            },
            d("2025-03-10"),
        )
        .unwrap_err();
    assert!(err.fields().iter().any(|f| f.field == "owner_id"), "{err}");
}

#[test]
fn the_dashboard_shows_every_team_and_warns_of_quiet_teams_and_overdue_tasks() {
    let (_dir, _db, s) = demo_store();
    let g = s.resolve_program(None).unwrap();
    // 2025-02-01: both teams last met on 2024-12-05 (58 days) and plan nothing.
    let rows = program_dashboard(&s, g.id, d("2025-02-01")).unwrap();
    assert_eq!(rows.len(), 2);
    let y = rows
        .iter()
        .find(|r| r.society == "山口県理学療法士会")
        .unwrap();
    assert_eq!(
        (
            y.inner_done + y.outer_done,
            y.inner_applicable + y.outer_applicable
        ),
        (10, 16)
    );
    assert_eq!(y.completion, 63);
    assert_eq!(y.last_meeting_on, Some(d("2024-12-05")));
    assert!(
        y.warnings.iter().any(|w| w == "58日間、会議がありません"),
        "{:?}",
        y.warnings
    );
    assert!(y.phase.as_deref().unwrap().starts_with("5. "));
    assert!(
        y.other_mean.unwrap() > y.self_mean.unwrap(),
        "the report: 他者 above 自己"
    );
    let gap = y.latest_gap.unwrap();
    assert!(gap > 0.0 && gap < 2.0, "{gap}");
    assert!(
        y.trend.len() >= 5,
        "one point per evaluated meeting: {:?}",
        y.trend
    );
    assert!(y.weakest_strength.as_deref().unwrap().starts_with("財力"));
    // 44 days after the last meeting is still quiet enough.
    let rows = program_dashboard(&s, g.id, d("2025-01-18")).unwrap();
    assert!(rows
        .iter()
        .all(|r| !r.warnings.iter().any(|w| w.contains("会議がありません"))));
    // After the project's period, a quiet team is not warned about.
    let rows = program_dashboard(&s, g.id, d("2025-06-01")).unwrap();
    assert!(rows
        .iter()
        .all(|r| !r.warnings.iter().any(|w| w.contains("会議がありません"))));
    // Overdue tasks are counted and warned about.
    let i = rows
        .iter()
        .find(|r| r.society == "茨城県作業療法士会")
        .unwrap();
    assert_eq!(
        i.overdue_tasks,
        s.tasks(s.resolve_project("茨城").unwrap().id, d("2025-06-01"))
            .unwrap()
            .iter()
            .filter(|t| t.overdue)
            .count() as u32
    );
    assert_eq!(
        i.warnings.iter().any(|w| w.contains("期限を過ぎたタスク")),
        i.overdue_tasks > 0
    );
    assert!(program_dashboard(&s, 999_999, d("2025-06-01")).is_err());
}

#[test]
fn a_team_from_a_bundle_appears_with_the_date_of_its_bundle_and_its_supporters_linked() {
    let (_dir, _db, s) = demo_store();
    let yamaguchi = s.resolve_project("山口").unwrap();
    let bundle = s.project_bundle(yamaguchi.id).unwrap();
    // The secretariat's PC, empty until the team's file arrives.
    let (_dir2, db2, mut secretariat) = common::store();
    secretariat
        .import_bundle(&bundle, &Default::default())
        .unwrap();
    let g = secretariat.resolve_program(None).unwrap();
    let rows = program_dashboard(&secretariat, g.id, d("2025-02-01")).unwrap();
    let row = rows
        .iter()
        .find(|r| r.society == "山口県理学療法士会")
        .unwrap();
    let made = chrono::DateTime::parse_from_rfc3339(&bundle.exported_at).unwrap();
    let shown =
        chrono::DateTime::parse_from_rfc3339(row.bundle_imported_at.as_deref().unwrap()).unwrap();
    assert_eq!(shown.timestamp(), made.timestamp());
    let people = secretariat.program_people(g.id).unwrap();
    assert!(people
        .iter()
        .any(|p| p.name == "北村 浩一" && p.role == ProgramRole::SupportLeader));
    let unlinked = count(
        &db2,
        "SELECT count(*) FROM members WHERE person_id IS NULL AND ?1
           AND role IN ('伴走支援者', '伴走支援リーダー', '事務局')",
        1,
    );
    assert_eq!(unlinked, 0);
    // An older file taken in later does not turn the date back.
    let mut older = bundle.clone();
    older.exported_at = "2024-01-01T00:00:00+09:00".into();
    secretariat
        .import_bundle(&older, &Default::default())
        .unwrap();
    let again = program_dashboard(&secretariat, g.id, d("2025-02-01")).unwrap();
    assert_eq!(again[0].bundle_imported_at, row.bundle_imported_at);
}

use common::{pdf_info, pdf_text};

/// Width and height in whole points, as pdfinfo prints them (842 × 595 for A4 landscape).
fn size(path: &Path) -> (i32, i32) {
    let i = pdf_info(path);
    (i.width.round() as i32, i.height.round() as i32)
}

#[test]
fn the_dashboard_and_the_year_summary_read_back_from_their_pdfs() {
    let (dir, _db, s) = demo_store();
    let g = s.resolve_program(None).unwrap();
    let today = d("2025-02-01");
    let rows = program_dashboard(&s, g.id, today).unwrap();
    let pdf = bansou::report::program::dashboard_pdf(&g, &rows, today, chrono::Local::now());
    let path = dir.path().join("dashboard.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    assert_eq!(size(&path), (842, 595), "A4 landscape");
    assert_eq!(pdf_info(&path).pages, 1, "two teams fit on one page");
    let text = pdf_text(&path);
    for want in [
        "事業全体の進捗一覧",
        "令和6年度地域保健総合推進事業",
        "山口県理学療法士会",
        "茨城県作業療法士会",
        "58日間、会議がありません",
        "令和7年2月1日現在",
    ] {
        assert!(text.contains(want), "missing {want}");
    }

    let summary = year_summary(&s, g.id).unwrap();
    assert_eq!(summary.teams.len(), 2);
    assert_eq!(summary.program_meetings.len(), 15);
    let pdf = bansou::report::program::year_summary_pdf(&summary, chrono::Local::now());
    let path = dir.path().join("summary.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    assert_eq!(size(&path), (595, 842), "A4 portrait");
    let text = pdf_text(&path);
    for want in [
        "事業の年間まとめ",
        "第4回事業協力者会議",
        "研修会（オンライン）",
        "A関係性",
    ] {
        assert!(text.contains(want), "missing {want}");
    }
    let y = &summary
        .teams
        .iter()
        .find(|t| t.society == "山口県理学療法士会")
        .unwrap();
    let (other_a, self_a) = y.means[0];
    let want = format!("{:.2}/{:.2}", other_a.unwrap(), self_a.unwrap());
    assert!(text.contains(&want), "missing A's means {want}");

    // The CSV Excel opens: a header and one row per team.
    let csv = bansou::files::csv::dashboard_csv(&rows).unwrap();
    let text = String::from_utf8(csv).unwrap();
    assert!(text.starts_with('\u{feff}'));
    assert_eq!(text.trim_end().split("\r\n").count(), 3);
    assert!(text.contains("58日間、会議がありません"));
}
