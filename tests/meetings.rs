//! 会議, タスク and 中長期計画 against real SQLite files.

mod common;

use bansou::chart::svg;
use bansou::chart::timeline::{plan_scene, timeline_scene};
use bansou::model::meeting::{MeetingFilter, MeetingInput};
use bansou::model::task::{PlanStepInput, TaskInput, TaskStatus};
use bansou::{demo, Store};
use chrono::NaiveDate;
use common::{member_input, project_input, store};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn meeting(project_ids: Vec<i64>, kind: &str, on: &str) -> MeetingInput {
    MeetingInput {
        kind: kind.into(),
        held_on: on.into(),
        format: "オンライン".into(),
        project_ids,
        ..Default::default()
    }
}

fn task(title: &str, status: &str) -> TaskInput {
    TaskInput {
        title: title.into(),
        status: status.into(),
        ..Default::default()
    }
}

#[test]
fn a_decision_becomes_a_task_that_is_completed_and_kept() {
    let (_dir, path, mut s) = store();
    let p = s.create_project(&project_input("腰痛予防事業")).unwrap();
    let leader = s
        .add_member(p.id, &member_input("今井", "リーダー"))
        .unwrap();
    let mut input = meeting(vec![p.id], "チーム会議", "2024-06-17");
    input.participant_ids = vec![leader.id];
    input.guests = "酒造会社 総務課長".into();
    input.decisions = "7/8 事業協力会社へ説明".into();
    input.start_time = "19:00".into();
    let m = s.create_meeting(&input).unwrap();
    assert_eq!(m.title, "第1回チーム会議");
    assert_eq!(m.held_on_label, "令和6年6月17日");
    assert_eq!(m.participants[0].name, "今井");

    let mut t = task(&m.decisions[0], "未着手");
    t.meeting_id = Some(m.id);
    t.owner_id = Some(leader.id);
    t.due_date = "2024-07-08".into();
    t.phase = Some(1);
    let t = s.create_task(p.id, &t, d("2024-06-18")).unwrap();
    let mut done = task(&t.title, "完了");
    done.meeting_id = Some(m.id);
    done.due_date = "2024-07-08".into();
    s.update_task(t.id, &done, d("2024-07-09")).unwrap();
    drop(s);

    let s = Store::open(&path).unwrap();
    let tasks = s.tasks(p.id, d("2024-07-09")).unwrap();
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].status, TaskStatus::Done);
    assert_eq!(
        tasks[0].meeting_title.as_deref(),
        Some("第1回チーム会議（令和6年6月17日）")
    );
    assert!(!tasks[0].overdue);
    let m = s.meeting(m.id).unwrap();
    assert_eq!(m.task_count, 1);
    assert_eq!(m.guests, ["酒造会社 総務課長"]);
    assert_eq!(m.start_time.as_deref(), Some("19:00"));
}

#[test]
fn numbering_runs_per_kind_project_and_fiscal_year() {
    let (_dir, _path, mut s) = store();
    let p = s.create_project(&project_input("事業")).unwrap();
    let a = s
        .create_meeting(&meeting(vec![p.id], "チーム会議", "2024-06-17"))
        .unwrap();
    let b = s
        .create_meeting(&meeting(vec![p.id], "チーム会議", "2024-07-16"))
        .unwrap();
    let c = s
        .create_meeting(&meeting(vec![p.id], "研修会", "2024-07-26"))
        .unwrap();
    let next_year = s
        .create_meeting(&meeting(vec![p.id], "チーム会議", "2025-04-10"))
        .unwrap();
    let mut custom = meeting(vec![p.id], "チーム会議", "2024-08-19");
    custom.title = "第3回チーム会議（拡大）".into();
    let custom = s.create_meeting(&custom).unwrap();
    assert_eq!(
        (a.title.as_str(), b.title.as_str(), c.title.as_str()),
        ("第1回チーム会議", "第2回チーム会議", "研修会")
    );
    assert_eq!(next_year.title, "第1回チーム会議");
    assert_eq!(
        (custom.number, custom.title.as_str()),
        (Some(3), "第3回チーム会議（拡大）")
    );

    let filter = MeetingFilter {
        kind: "チーム会議".into(),
        from: "2024-07-01".into(),
        to: "2025-03-31".into(),
    };
    let titles: Vec<String> = s
        .meetings(p.id, &filter)
        .unwrap()
        .into_iter()
        .map(|m| m.title)
        .collect();
    assert_eq!(titles, ["第2回チーム会議", "第3回チーム会議（拡大）"]);
    let bad = MeetingFilter {
        kind: "宴会".into(),
        ..Default::default()
    };
    assert_eq!(s.meetings(p.id, &bad).unwrap_err().code(), "validation");
}

#[test]
fn a_meeting_dated_between_two_others_moves_the_later_ones_on_and_says_so_first() {
    let (_dir, _path, mut s) = store();
    let p = s.create_project(&project_input("事業")).unwrap();
    let first = s
        .create_meeting(&meeting(vec![p.id], "チーム会議", "2024-06-17"))
        .unwrap();
    let late = s
        .create_meeting(&meeting(vec![p.id], "チーム会議", "2024-07-31"))
        .unwrap();
    let mut custom = meeting(vec![p.id], "チーム会議", "2024-09-02");
    custom.title = "第3回チーム会議（拡大）".into();
    let custom = s.create_meeting(&custom).unwrap();
    assert_eq!(late.title, "第2回チーム会議");

    // Said before saving; nothing is written by asking.
    let between = meeting(vec![p.id], "チーム会議", "2024-07-01");
    let said = s.meeting_renumbering(&between, None).unwrap();
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(
        said[0].contains("令和6年7月31日の「第2回チーム会議」は第3回に"),
        "{}",
        said[0]
    );
    assert_eq!(s.meeting(late.id).unwrap().number, Some(2));
    let incomplete = meeting(vec![p.id], "チーム会議", "");
    assert!(s.meeting_renumbering(&incomplete, None).unwrap().is_empty());

    let m = s.create_meeting(&between).unwrap();
    assert_eq!(m.title, "第2回チーム会議");
    let numbers = |s: &Store| -> Vec<(Option<i64>, String)> {
        s.meetings(p.id, &MeetingFilter::default())
            .unwrap()
            .into_iter()
            .map(|m| (m.number, m.title))
            .collect()
    };
    assert_eq!(
        numbers(&s),
        [
            (Some(1), "第1回チーム会議".to_owned()),
            (Some(2), "第2回チーム会議".to_owned()),
            (Some(3), "第3回チーム会議".to_owned()),
            // A title the user wrote stays; its number moves on.
            (Some(4), "第3回チーム会議（拡大）".to_owned()),
        ]
    );
    assert_eq!(s.meeting(custom.id).unwrap().number, Some(4));

    // Editing other fields keeps the numbers; moving a meeting's day gives it
    // its place and says so before.
    let mut edit = meeting(vec![p.id], "チーム会議", "2024-06-17");
    edit.minutes = "議事録".into();
    assert!(s
        .meeting_renumbering(&edit, Some(first.id))
        .unwrap()
        .is_empty());
    s.update_meeting(first.id, &edit).unwrap();
    assert_eq!(s.meeting(first.id).unwrap().number, Some(1));
    let mut moved = meeting(vec![p.id], "チーム会議", "2024-06-10");
    moved.minutes = "議事録".into();
    assert!(s
        .meeting_renumbering(&moved, Some(first.id))
        .unwrap()
        .is_empty());
    let mut numbers_now: Vec<i64> = numbers(&s).into_iter().filter_map(|x| x.0).collect();
    numbers_now.sort_unstable();
    numbers_now.dedup();
    assert_eq!(numbers_now.len(), 4, "no 第N回 twice");
}

#[test]
fn a_joint_meeting_shows_under_each_project_of_its_program() {
    let (_dir, _path, mut s) = store();
    let a = s.create_project(&project_input("山口の事業")).unwrap();
    let b = s.create_project(&project_input("茨城の事業")).unwrap();
    let mut other = project_input("別プログラムの事業");
    other.program = "令和7年度 別の事業".into();
    let c = s.create_project(&other).unwrap();
    let m = s
        .create_meeting(&meeting(vec![a.id, b.id], "進捗会議", "2024-09-05"))
        .unwrap();
    assert!(m.joint);
    for p in [a.id, b.id] {
        let list = s.meetings(p, &MeetingFilter::default()).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].title, "第1回進捗会議");
    }
    let e = s
        .create_meeting(&meeting(vec![a.id, c.id], "進捗会議", "2024-09-05"))
        .unwrap_err();
    assert!(e.fields()[0].message.contains("同じ事業プログラム"));
}

#[test]
fn bad_meetings_and_tasks_save_nothing() {
    let (_dir, _path, mut s) = store();
    let p = s.create_project(&project_input("事業")).unwrap();
    let other = s.create_project(&project_input("他の事業")).unwrap();
    let stranger = s
        .add_member(other.id, &member_input("他人", "メンバー"))
        .unwrap();
    let e = s.create_meeting(&meeting(vec![p.id], "", "")).unwrap_err();
    let fields: Vec<&str> = e.fields().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["kind", "held_on"]);
    let mut outsider = meeting(vec![p.id], "チーム会議", "2024-06-17");
    outsider.participant_ids = vec![stranger.id];
    let e = s.create_meeting(&outsider).unwrap_err();
    assert!(e.fields()[0]
        .message
        .contains("ゲストとして名前で入力してください"));
    assert!(s
        .meetings(p.id, &MeetingFilter::default())
        .unwrap()
        .is_empty());

    let foreign = s
        .create_meeting(&meeting(vec![other.id], "チーム会議", "2024-06-17"))
        .unwrap();
    let mut t = task("説明", "未着手");
    t.meeting_id = Some(foreign.id);
    t.owner_id = Some(stranger.id);
    let e = s.create_task(p.id, &t, d("2024-06-18")).unwrap_err();
    assert_eq!(e.fields().len(), 2);
    assert!(s.tasks(p.id, d("2024-06-18")).unwrap().is_empty());
}

#[test]
fn deleting_a_meeting_keeps_its_tasks() {
    let (_dir, _path, mut s) = store();
    let p = s.create_project(&project_input("事業")).unwrap();
    let m = s
        .create_meeting(&meeting(vec![p.id], "臨時会議", "2024-06-17"))
        .unwrap();
    let mut t = task("資料を送る", "未着手");
    t.meeting_id = Some(m.id);
    s.create_task(p.id, &t, d("2024-06-17")).unwrap();
    s.delete_meeting(m.id).unwrap();
    let tasks = s.tasks(p.id, d("2024-06-17")).unwrap();
    assert_eq!(tasks.len(), 1);
    assert_eq!(tasks[0].meeting_id, None);
    assert_eq!(s.delete_meeting(m.id).unwrap_err().code(), "not_found");
}

#[test]
fn overview_timeline_and_plan_from_the_demo() {
    let (_dir, _path, mut s) = store();
    demo::load(&mut s).unwrap();
    let y = s.resolve_project("山口").unwrap();
    let i = s.resolve_project("茨城").unwrap();
    let ym = s.meetings(y.id, &MeetingFilter::default()).unwrap();
    let im = s.meetings(i.id, &MeetingFilter::default()).unwrap();
    assert_eq!(
        ym.iter().filter(|m| m.kind.label() == "チーム会議").count(),
        5
    );
    assert_eq!(
        im.iter().filter(|m| m.kind.label() == "チーム会議").count(),
        6
    );
    assert!(
        im.iter()
            .any(|m| m.title == "産業保健総合支援センターとの打ち合わせ"
                && m.format.label() == "対面")
    );
    let joint_y: Vec<i64> = ym.iter().filter(|m| m.joint).map(|m| m.id).collect();
    let joint_i: Vec<i64> = im.iter().filter(|m| m.joint).map(|m| m.id).collect();
    assert_eq!(joint_y.len(), 3);
    assert_eq!(joint_y, joint_i);

    let today = d("2024-12-25");
    let o = s.overview(i.id, today).unwrap();
    assert_eq!(o.last_meeting.as_ref().unwrap().title, "第2回進捗会議");
    assert!(o.next_meeting.is_none());
    assert_eq!(o.overdue_task_count, 0, "nothing is late on 12/25");
    assert_eq!(o.next_tasks[0].title, "事業実践対象との講座内容の協議");
    assert_eq!(
        o.open_issues.len(),
        9,
        "茨城's six 課題 and the three of 10月30日"
    );
    assert!(o.next_tasks.iter().all(|t| t.status.is_open()));
    let open = s
        .tasks(i.id, today)
        .unwrap()
        .iter()
        .filter(|t| t.status.is_open())
        .count();
    assert!(open > 0);
    assert_eq!(o.open_task_count, open as i64);

    let tasks = s.tasks(y.id, today).unwrap();
    let scene = timeline_scene(
        2024,
        &tasks,
        bansou::chart::timeline::DayMarker::for_year(2024, today, None),
    );
    let text = svg::render(&scene);
    let doc = roxmltree::Document::parse(&text).unwrap();
    let labels: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    assert!(labels.contains(&"4月") && labels.contains(&"3月"));
    assert!(
        labels.contains(&"7/26 腰痛予防対策研修会 第1回"),
        "{labels:?}"
    );
    assert!(labels.contains(&"今日"), "12/25 lies in 令和6年度");

    // 令和6年 事業計画 → 令和7年 事業実施 → 継続実施 → 関連団体との協働実施へ: the
    // report gives no year to the last two, which the roadmap shows under 令和7年度.
    let plan = s.plan(i.id).unwrap();
    assert_eq!(plan.len(), 2);
    assert_eq!(plan[1].fiscal_year_label, "令和7年度");
    let drawn = svg::render(&plan_scene(&plan));
    assert!(drawn.contains(">事業実施</text>"), "{drawn}");
    assert!(drawn.contains("継続実施"), "{drawn}");
}

/// The overview reads only the last and the next meeting; on every day around
/// the demo's meetings (two on one day among them) they are the ones the full
/// list gives.
#[test]
fn last_and_next_meeting_agree_with_the_full_list() {
    let (_dir, _path, mut s) = store();
    demo::load(&mut s).unwrap();
    let p = s.resolve_project("茨城").unwrap();
    // A second meeting on the day of an existing one, earlier in the day.
    let all = s.meetings(p.id, &MeetingFilter::default()).unwrap();
    let mut same_day = meeting(vec![p.id], "チーム会議", &all[2].held_on.to_string());
    same_day.start_time = "09:00".into();
    s.create_meeting(&same_day).unwrap();
    let all = s.meetings(p.id, &MeetingFilter::default()).unwrap();
    let first = all.first().unwrap().held_on - chrono::Days::new(3);
    let last = all.last().unwrap().held_on + chrono::Days::new(3);
    let mut day = first;
    let mut seen = std::collections::HashSet::new();
    while day <= last {
        let (l, n) = s.last_and_next_meeting(p.id, day).unwrap();
        let want_last = all.iter().rev().find(|m| m.held_on <= day);
        let want_next = all.iter().find(|m| m.held_on > day);
        assert_eq!(
            l.as_ref().map(|m| m.id),
            want_last.map(|m| m.id),
            "last on {day}"
        );
        assert_eq!(
            n.as_ref().map(|m| m.id),
            want_next.map(|m| m.id),
            "next on {day}"
        );
        assert_eq!(l.as_ref(), want_last, "the whole record on {day}");
        seen.insert((l.map(|m| m.id), n.map(|m| m.id)));
        day = day + chrono::Days::new(1);
    }
    assert!(seen.len() > all.len() / 2, "the walk passed many meetings");
    assert_eq!(
        s.last_and_next_meeting(999_999, first).unwrap_err().code(),
        "not_found"
    );
}

#[test]
fn plan_steps_are_one_per_year() {
    let (_dir, _path, mut s) = store();
    let p = s.create_project(&project_input("事業")).unwrap();
    s.set_plan_step(
        p.id,
        &PlanStepInput {
            fiscal_year: 2025,
            title: "事業実施".into(),
            note: String::new(),
        },
    )
    .unwrap();
    s.set_plan_step(
        p.id,
        &PlanStepInput {
            fiscal_year: 2025,
            title: "事業実施（拡大）".into(),
            note: String::new(),
        },
    )
    .unwrap();
    s.set_plan_step(
        p.id,
        &PlanStepInput {
            fiscal_year: 2024,
            title: "事業計画".into(),
            note: String::new(),
        },
    )
    .unwrap();
    let plan = s.plan(p.id).unwrap();
    let titles: Vec<&str> = plan.iter().map(|x| x.title.as_str()).collect();
    assert_eq!(titles, ["事業計画", "事業実施（拡大）"]);
    assert_eq!(
        s.set_plan_step(
            p.id,
            &PlanStepInput {
                fiscal_year: 1999,
                title: "".into(),
                note: String::new()
            }
        )
        .unwrap_err()
        .fields()
        .len(),
        2
    );
    s.delete_plan_step(plan[0].id).unwrap();
    assert_eq!(s.plan(p.id).unwrap().len(), 1);
}

#[test]
fn numbering_counts_every_meeting_of_the_kind_and_slips_are_warned_not_refused() {
    let (_d, _p, mut s) = store();
    let p = s.create_project(&project_input("番号の事業")).unwrap();
    let input = |title: &str, on: &str| MeetingInput {
        kind: "チーム会議".into(),
        title: title.into(),
        held_on: on.into(),
        format: "オンライン".into(),
        project_ids: vec![p.id],
        ..Default::default()
    };
    let kickoff = s
        .create_meeting(&input("第1回チーム会議（キックオフ）", "2024-06-17"))
        .unwrap();
    assert_eq!(kickoff.number, Some(1));
    // Same day, untitled: the kickoff counts whatever its title.
    assert_eq!(
        s.create_meeting(&input("", "2024-06-17")).unwrap().title,
        "第2回チーム会議"
    );
    assert_eq!(
        s.create_meeting(&input("", "令和6年7月16日"))
            .unwrap()
            .title,
        "第3回チーム会議"
    );

    let projects = s.projects().unwrap();
    assert!(bansou::model::meeting::warnings(&projects, &input("", "2024-07-16")).is_empty());
    let w = bansou::model::meeting::warnings(&projects, &input("", "2025-05-01"));
    assert!(
        w[0].contains("期間") && w[0].contains("令和7年5月1日"),
        "{w:?}"
    );

    let leader = member_input("田中", "リーダー");
    s.add_member(p.id, &leader).unwrap();
    let team = s.members(p.id).unwrap();
    let w = bansou::model::member::warnings(&team, None, &member_input("佐藤", "リーダー"));
    assert!(w[0].contains("〇田中"), "{w:?}");
    assert!(bansou::model::member::warnings(&team, Some(team[0].id), &leader).is_empty());
    assert!(
        bansou::model::member::warnings(&team, None, &member_input("佐藤", "メンバー")).is_empty()
    );
    // A warning is not a refusal.
    assert!(s
        .add_member(p.id, &member_input("佐藤", "リーダー"))
        .is_ok());
}
