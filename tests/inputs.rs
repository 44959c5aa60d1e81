//! A record opened for editing gives back the form it was saved from: the
//! window's 編集 opens on `to_input()` (one conversion, in Rust, next to the
//! form), so nothing typed is dropped or changed by opening and saving again.

mod common;

use bansou::model::evaluation::EvaluationInput;
use bansou::model::issue::IssueInput;
use bansou::model::meeting::MeetingInput;
use bansou::model::task::TaskInput;
use chrono::NaiveDate;
use common::{member_input, project_input, store};

#[test]
fn every_edited_record_reads_back_as_the_form_it_was_saved_from() {
    let (_dir, _path, mut s) = store();
    let today = NaiveDate::from_ymd_opt(2024, 7, 20).unwrap();
    let p = s.create_project(&project_input("職場の腰痛予防")).unwrap();
    let lead = s
        .add_member(p.id, &member_input("原田 美咲", "リーダー"))
        .unwrap();
    let other = s
        .add_member(p.id, &member_input("岡部 誠", "メンバー"))
        .unwrap();

    let meeting = MeetingInput {
        kind: "チーム会議".into(),
        title: "第1回チーム会議".into(),
        held_on: "2024-07-16".into(),
        start_time: "13:30".into(),
        end_time: "15:00".into(),
        format: "対面".into(),
        project_ids: vec![p.id],
        participant_ids: vec![lead.id, other.id],
        guests: "総務課長\n保健師".into(),
        agenda: "目標の確認".into(),
        minutes: "事業所へ説明することになった。".into(),
        decisions: "7/8 事業協力会社へ説明\n8月に職員アンケート".into(),
        resource_ids: vec![],
        program_id: None,
        person_ids: vec![],
    };
    let m = s.create_meeting(&meeting).unwrap();
    assert_eq!(m.to_input(), meeting);

    let task = TaskInput {
        title: "事業所へ説明".into(),
        owner_id: Some(lead.id),
        due_date: "2024-08-08".into(),
        status: "進行中".into(),
        phase: Some(2),
        meeting_id: Some(m.id),
        milestone: true,
        note: "資料は共有フォルダ".into(),
    };
    let t = s.create_task(p.id, &task, today).unwrap();
    assert_eq!(t.to_input(), task);
    let undated = TaskInput {
        due_date: String::new(),
        owner_id: None,
        phase: None,
        meeting_id: None,
        milestone: false,
        ..task.clone()
    };
    assert_eq!(
        s.create_task(p.id, &undated, today).unwrap().to_input(),
        undated
    );

    let issue = IssueInput {
        kind: "課題".into(),
        title: "参加者が集まらない".into(),
        detail: "夜勤明けの職員が多い".into(),
        status: "対応済み".into(),
        response: "昼休みに実施".into(),
        raised_on: "2024-07-16".into(),
        settled_on: "2024-07-20".into(),
        meeting_id: Some(m.id),
    };
    let i = s.create_issue(p.id, &issue, today).unwrap();
    assert_eq!(i.to_input(), issue);

    let evaluation = EvaluationInput {
        meeting_id: m.id,
        kind: "他者評価".into(),
        evaluator_id: Some(other.id),
        written_on: "2024-07-17".into(),
        scores: vec![Some(4), Some(3), Some(3), Some(2)],
        comments: vec![
            "丁寧に傾聴".into(),
            String::new(),
            "現実的".into(),
            String::new(),
        ],
    };
    let e = s.create_evaluation(&evaluation).unwrap();
    assert_eq!(e.to_input(), evaluation);
}
