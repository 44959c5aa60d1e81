//! 伴走ガイド on a real database: suggestions from the demo's state, set aside
//! until their trigger changes, taken as a task once; the society's own rules
//! and practices; reflections after a meeting; 会議の準備 and its one page.

mod common;

use bansou::analysis::guide::{practice_usage, prepare, suggestions, take};
use bansou::demo;
use bansou::model::guide::{
    DismissInput, PracticeInput, ReflectionEntry, ReflectionInput, RuleInput,
};
use bansou::model::member::MemberRemoval;
use bansou::model::{ItemUpdateInput, Role};
use bansou::Store;
use chrono::NaiveDate;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn demo_store() -> (tempfile::TempDir, Store) {
    let (dir, _path, mut s) = common::store();
    demo::load(&mut s).unwrap();
    (dir, s)
}

fn keys(list: &[bansou::model::guide::Suggestion]) -> Vec<&str> {
    list.iter().map(|s| s.rule_key.as_str()).collect()
}

#[test]
fn the_demo_s_state_gives_the_same_suggestions_each_time() {
    let (_dir, s) = demo_store();
    let y = s.resolve_project("山口").unwrap();
    let today = day("2025-05-20");
    let first = suggestions(&s, y.id, today).unwrap();
    assert_eq!(first, suggestions(&s, y.id, today).unwrap());
    // No 研修会 is called without a survey: 山口 ran its 職員アンケート (JLEQ…,
    // 外向き⑦ 完了), which the report describes.
    assert_eq!(
        keys(&first),
        ["no-meeting", "weakest-axis", "overdue-tasks"]
    );
    let meeting = first.iter().find(|x| x.rule_key == "no-meeting").unwrap();
    assert_eq!(
        meeting.trigger,
        "最後の会議（第2回進捗会議、令和6年12月5日）から166日、次の会議は未定"
    );
    // A month earlier the last meeting was recent: that rule is quiet.
    let earlier = suggestions(&s, y.id, day("2024-12-20")).unwrap();
    assert!(
        !keys(&earlier).contains(&"no-meeting"),
        "{:?}",
        keys(&earlier)
    );
}

#[test]
fn a_new_project_is_offered_its_members_and_a_first_meeting_first() {
    let (_dir, _path, mut s) = common::store();
    let p = s
        .create_project(&common::project_input("新しいチーム"))
        .unwrap();
    let today = day("2024-06-10");
    let first = suggestions(&s, p.id, today).unwrap();
    assert_eq!(
        keys(&first)[..3],
        ["few-members", "first-meeting", "outer-not-started"]
    );
    for name in ["田島 一郎", "森川 さやか"] {
        s.add_member(p.id, &common::member_input(name, "メンバー"))
            .unwrap();
    }
    let later = suggestions(&s, p.id, today).unwrap();
    assert_eq!(keys(&later)[0], "first-meeting", "{:?}", keys(&later));
}

#[test]
fn a_dismissed_suggestion_stays_away_until_its_trigger_changes() {
    let (_dir, mut s) = demo_store();
    let y = s.resolve_project("山口").unwrap();
    let today = day("2025-05-20");
    let overdue = suggestions(&s, y.id, today)
        .unwrap()
        .into_iter()
        .find(|x| x.rule_key == "overdue-tasks")
        .unwrap();
    let bad = DismissInput {
        rule_key: overdue.rule_key.clone(),
        fingerprint: overdue.fingerprint.clone(),
        reason: "  ".into(),
    };
    let e = s.dismiss_suggestion(y.id, &bad, today).unwrap_err();
    assert!(e.fields()[0]
        .message
        .contains("見送る理由を入力してください"));
    assert!(s.dismissals(y.id).unwrap().is_empty(), "nothing written");
    let fine = DismissInput {
        reason: "次年度4月に実施するため".into(),
        ..bad
    };
    s.dismiss_suggestion(y.id, &fine, today).unwrap();
    // Once set aside (or taken) it is not recorded again over the first record.
    assert!(s.dismiss_suggestion(y.id, &fine, today).is_err());
    assert!(!keys(&suggestions(&s, y.id, today).unwrap()).contains(&"overdue-tasks"));
    // Another task runs late: a new state, and the suggestion comes back.
    let mut task = bansou::model::task::TaskInput {
        title: "報告書の原稿".into(),
        due_date: "2025-05-10".into(),
        status: "進行中".into(),
        ..Default::default()
    };
    s.create_task(y.id, &task, today).unwrap();
    let back = suggestions(&s, y.id, today).unwrap();
    let again = back.iter().find(|x| x.rule_key == "overdue-tasks").unwrap();
    assert!(
        again.trigger.contains("期限を過ぎたタスク2件"),
        "{}",
        again.trigger
    );
    task.title = String::new();
    assert!(s.create_task(y.id, &task, today).is_err());
}

#[test]
fn a_suggestion_becomes_one_task_with_its_reason() {
    let (_dir, mut s) = demo_store();
    let y = s.resolve_project("山口").unwrap();
    let today = day("2025-05-20");
    let survey = suggestions(&s, y.id, today)
        .unwrap()
        .into_iter()
        .find(|x| x.rule_key == "weakest-axis")
        .unwrap();
    let before = s.tasks(y.id, today).unwrap().len();
    let task = take(&mut s, y.id, &survey.rule_key, &survey.fingerprint, today).unwrap();
    assert_eq!(
        task.title,
        "弱い強みを補う資料を確認し、使えそうなものを話し合う"
    );
    assert!(
        task.note
            .contains("きっかけ：強み分析で財力が直近2回続けて最も低い"),
        "{}",
        task.note
    );
    assert!(task.note.contains("出典：報告書 第2章 第4節"));
    assert_eq!(s.tasks(y.id, today).unwrap().len(), before + 1);
    assert!(!keys(&suggestions(&s, y.id, today).unwrap()).contains(&"weakest-axis"));
    // Twice, or a state that is no longer shown: refused, nothing added.
    assert!(take(&mut s, y.id, &survey.rule_key, &survey.fingerprint, today).is_err());
    assert!(take(&mut s, y.id, "no-meeting", "last=999", today).is_err());
    assert_eq!(s.tasks(y.id, today).unwrap().len(), before + 1);
    // Deleting the task keeps the record that it was taken.
    s.delete_task(task.id).unwrap();
    let d = s.dismissals(y.id).unwrap();
    assert_eq!((d.len(), d[0].task_id), (1, None));
}

#[test]
fn a_society_edits_rules_and_practices_and_can_go_back() {
    let (_dir, mut s) = demo_store();
    let y = s.resolve_project("山口").unwrap();
    let today = day("2025-05-20");
    let rule = s
        .rules()
        .unwrap()
        .into_iter()
        .find(|r| r.key == "no-meeting")
        .unwrap();
    let mut input = RuleInput {
        key: rule.key.clone(),
        condition: "no_meeting".into(),
        item: String::new(),
        value: "200".into(),
        title: rule.title.clone(),
        reason: rule.reason.clone(),
        source: rule.source.clone(),
        task: rule.task.clone(),
        enabled: true,
    };
    let rules = s.save_rule(&input).unwrap();
    let edited = rules.iter().find(|r| r.key == "no-meeting").unwrap();
    assert!(edited.custom && edited.when.contains("200日"));
    assert!(
        !keys(&suggestions(&s, y.id, today).unwrap()).contains(&"no-meeting"),
        "166 days < 200"
    );
    input.value = "1000".into();
    assert!(s.save_rule(&input).unwrap_err().fields()[0]
        .message
        .contains("1〜365"));
    assert_eq!(s.rules().unwrap(), rules, "a refused edit changes nothing");

    // The society's own rule, with a new key.
    let own = RuleInput {
        key: String::new(),
        condition: "overdue_tasks".into(),
        value: "1".into(),
        title: "期限切れを理事会前に確認".into(),
        source: "山口県士会の独自ルール".into(),
        task: "理事会前に期限切れのタスクを確認する".into(),
        enabled: true,
        ..input.clone()
    };
    let rules = s.save_rule(&own).unwrap();
    let added = rules.last().unwrap();
    assert!(added.key.starts_with("rule-"));
    assert!(keys(&suggestions(&s, y.id, today).unwrap()).contains(&added.key.as_str()));

    // Back to the template.
    s.reset_rule("no-meeting").unwrap();
    let rules = s.reset_rule(&added.key.clone()).unwrap();
    assert_eq!(rules.len(), 8);
    assert!(rules.iter().all(|r| !r.custom));

    let practices = s
        .save_practice(&PracticeInput {
            key: String::new(),
            timing: "全体".into(),
            mark: String::new(),
            text: "会議の終わりに次回までの宿題を確認する".into(),
            active: true,
        })
        .unwrap();
    assert_eq!(practices.len(), 10);
    let e = s
        .save_practice(&PracticeInput {
            key: "nothing".into(),
            timing: "全体".into(),
            text: "x".into(),
            ..Default::default()
        })
        .unwrap_err();
    assert!(e.fields()[0].message.contains("ありません"));
}

#[test]
fn a_supporter_reflects_on_a_meeting_and_keeps_a_name_on_it() {
    let (_dir, mut s) = demo_store();
    let y = s.resolve_project("山口").unwrap();
    let meeting = s.meetings(y.id, &Default::default()).unwrap()[0].clone();
    let members = s.members(y.id).unwrap();
    let supporter = members.iter().find(|m| m.role == Role::Supporter).unwrap();
    let leader = members.iter().find(|m| m.role == Role::Leader).unwrap();
    let entry = |key: &str, state: &str| ReflectionEntry {
        practice_key: key.into(),
        state: state.into(),
        note: String::new(),
    };
    let input = ReflectionInput {
        meeting_id: meeting.id,
        member_id: supporter.id,
        entries: vec![
            entry("goal", "実施"),
            entry("worries", "一部"),
            entry("voices", "今回はなし"),
        ],
    };
    let saved = s.save_reflection(&input).unwrap();
    assert_eq!((saved.len(), saved[0].entries.len()), (1, 3));
    // The team's leader does not reflect as a supporter; a bad state is named.
    let e = s
        .save_reflection(&ReflectionInput {
            member_id: leader.id,
            ..input.clone()
        })
        .unwrap_err();
    assert!(e.fields()[0].message.contains("伴走支援者ではありません"));
    let mut bad = input.clone();
    bad.entries[0].state = "たぶん".into();
    assert!(s.save_reflection(&bad).is_err());
    assert_eq!(s.reflections(meeting.id).unwrap(), saved, "nothing changed");

    // Two entries for one practice are named, not left to the database.
    let mut twice = input.clone();
    twice.entries.push(entry("goal", "一部"));
    let e = s.save_reflection(&twice).unwrap_err();
    assert!(e.fields()[0].message.contains("2回"), "{e:?}");
    // A practice switched off leaves the form; saving again keeps its entry.
    s.save_practice(&PracticeInput {
        key: "voices".into(),
        timing: "全体".into(),
        mark: String::new(),
        text: "参加者全ての発言を引き出す".into(),
        active: false,
    })
    .unwrap();
    let shown = ReflectionInput {
        entries: vec![entry("goal", "実施"), entry("worries", "実施")],
        ..input.clone()
    };
    let again = s.save_reflection(&shown).unwrap();
    let mut keys: Vec<(&str, &str)> = again[0]
        .entries
        .iter()
        .map(|e| (e.practice_key.as_str(), e.state.as_str()))
        .collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            ("goal", "実施"),
            ("voices", "今回はなし"),
            ("worries", "実施")
        ]
    );
    s.reset_practice("voices").unwrap();
    s.save_reflection(&input).unwrap();

    let usage = practice_usage(&s, y.id).unwrap();
    let goal = usage.iter().find(|u| u.practice_key == "goal").unwrap();
    assert_eq!(
        (goal.done, goal.meetings.clone()),
        (1, vec![meeting.title.clone()])
    );
    let voices = usage.iter().find(|u| u.practice_key == "voices").unwrap();
    assert_eq!((voices.not_this_time, voices.meetings.len()), (1, 0));

    // A supporter with a reflection (and nothing else) retires instead of vanishing.
    let fresh = s
        .add_member(
            y.id,
            &bansou::model::MemberInput {
                name: "新井 みのり".into(),
                role: "伴走支援者".into(),
                ..Default::default()
            },
        )
        .unwrap();
    s.save_reflection(&ReflectionInput {
        member_id: fresh.id,
        ..input
    })
    .unwrap();
    assert!(s
        .member_records(fresh.id)
        .unwrap()
        .summary
        .contains("振り返り 1件"));
    assert_eq!(s.remove_member(fresh.id).unwrap(), MemberRemoval::Retired);
    assert_eq!(s.reflections(meeting.id).unwrap().len(), 2);
}

#[test]
fn the_meeting_handout_shows_what_changed_and_fits_one_page() {
    let (dir, mut s) = demo_store();
    let i = s.resolve_project("茨城").unwrap();
    let meetings = s.meetings(i.id, &Default::default()).unwrap();
    let last = meetings.last().unwrap().clone();
    let today = day("2025-01-20");
    // Something done since: an external item completed after the last meeting.
    let item = s
        .checklist(i.id, today)
        .unwrap()
        .items
        .into_iter()
        .find(|x| x.side == bansou::model::Side::Outer && x.status.is_open())
        .unwrap();
    s.update_checklist_item(
        item.id,
        &ItemUpdateInput {
            status: "完了".into(),
            changed_by: "事務局".into(),
            changed_on: "2025-01-10".into(),
            ..Default::default()
        },
        today,
    )
    .unwrap();
    let next = s
        .create_meeting(&bansou::model::meeting::MeetingInput {
            project_ids: vec![i.id],
            kind: "チーム会議".into(),
            held_on: "2025-02-03".into(),
            format: "オンライン".into(),
            ..Default::default()
        })
        .unwrap();
    let p = prepare(&s, next.id, None, today).unwrap();
    assert_eq!(
        p.previous.as_deref(),
        Some(format!("{}（{}）", last.title, last.held_on_label).as_str())
    );
    assert!(
        p.changes.iter().any(|c| c.starts_with(&format!(
            "準備チェック 外向き{}：完了（令和7年1月10日）",
            bansou::model::issue::circled(item.number)
        ))),
        "{:?}",
        p.changes
    );
    assert!(p.agenda.iter().any(|a| a.starts_with("タスク：")));
    assert_eq!(p.phase.as_ref().map(|ph| ph.number), Some(4));
    for r in &p.resources {
        assert!(
            !r.resource.project_ids.contains(&i.id),
            "only what the team has not had"
        );
    }

    let pdf = bansou::report::guide::preparation_pdf(&p, chrono::Local::now());
    assert_eq!(pdf.pages, 1);
    let path = dir.path().join("準備.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    let text = common::pdf_text(&path);
    for want in [
        "会議の準備：",
        "議題の案",
        "前回からの変化",
        "伴走支援者の役割：情報の有効活用方法について丁寧な説明や提案",
    ] {
        assert!(text.contains(want), "{want} in {text}");
    }
    // A program meeting has no team to prepare for.
    let program_meeting = s.program_meetings(i.program_id.unwrap()).unwrap()[0].id;
    assert!(prepare(&s, program_meeting, None, today).is_err());
}

#[test]
fn resources_are_offered_for_the_team_s_prefecture_or_the_whole_country() {
    let (_dir, s) = demo_store();
    let library = s.resource_library().unwrap();
    let yamaguchi_only: Vec<i64> = library
        .iter()
        .filter(|r| r.prefecture == "山口県")
        .map(|r| r.id)
        .collect();
    assert!(!yamaguchi_only.is_empty());
    let today = day("2025-05-20");
    for name in ["茨城", "山口"] {
        let p = s.resolve_project(name).unwrap();
        let offered: Vec<bansou::model::Resource> = suggestions(&s, p.id, today)
            .unwrap()
            .into_iter()
            .flat_map(|x| x.resources)
            .chain(
                s.meetings(p.id, &Default::default())
                    .unwrap()
                    .last()
                    .map(|m| prepare(&s, m.id, Some(p.id), today).unwrap().resources)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|f| f.resource),
            )
            .collect();
        for r in &offered {
            assert!(
                r.prefecture == "全国" || r.prefecture == p.prefecture,
                "{name} is offered {} ({})",
                r.title,
                r.prefecture
            );
        }
    }
    // Before prefectures, 茨城 was offered 山口's 健康応援団 (制度 fits 財力).
    let i = s.resolve_project("茨城").unwrap();
    let for_ibaraki =
        bansou::analysis::guide::fitting_resources("財力", &library, i.id, &i.prefecture);
    assert!(for_ibaraki.iter().all(|r| !yamaguchi_only.contains(&r.id)));
    // A new 山口 team (no resources given yet) is offered them.
    assert!(
        bansou::analysis::guide::fitting_resources("財力", &library, 0, "山口県")
            .iter()
            .any(|r| yamaguchi_only.contains(&r.id)),
        "山口's own are offered to a 山口 team"
    );
}
