//! 伴走支援評価 against real SQLite files: forms, summary, CSV, meeting deletion.

mod common;

use bansou::analysis::evaluation::summarize;
use bansou::files::csv::evaluations_csv;
use bansou::files::write_atomically;
use bansou::model::evaluation::{EvalItem, EvaluationFilter, EvaluationInput, EvaluatorKind};
use bansou::model::meeting::MeetingInput;
use bansou::{demo, Store};
use common::{member_input, project_input, store};

fn form(
    meeting_id: i64,
    kind: &str,
    written_on: &str,
    scores: [Option<i32>; 4],
) -> EvaluationInput {
    EvaluationInput {
        meeting_id,
        kind: kind.into(),
        evaluator_id: None,
        written_on: written_on.into(),
        scores: scores.to_vec(),
        comments: vec![
            "傾聴してくれた".into(),
            String::new(),
            String::new(),
            "柔軟だった".into(),
        ],
    }
}

fn setup() -> (tempfile::TempDir, std::path::PathBuf, Store, i64, i64) {
    let (dir, path, mut s) = store();
    let p = s.create_project(&project_input("腰痛予防事業")).unwrap();
    let m = s
        .create_meeting(&MeetingInput {
            kind: "進捗会議".into(),
            held_on: "2024-12-05".into(),
            format: "オンライン".into(),
            project_ids: vec![p.id],
            ..Default::default()
        })
        .unwrap();
    (dir, path, s, p.id, m.id)
}

#[test]
fn forms_are_saved_summarised_and_kept() {
    let (_dir, path, mut s, p, m) = setup();
    let leader = s.add_member(p, &member_input("今井", "リーダー")).unwrap();
    let mut other = form(
        m,
        "他者評価",
        "2024-12-09",
        [Some(4), Some(4), Some(3), Some(4)],
    );
    other.evaluator_id = Some(leader.id);
    let e = s.create_evaluation(&other).unwrap();
    assert_eq!(e.evaluator, "今井");
    assert_eq!(e.scores, [4, 4, 3, 4]);
    s.create_evaluation(&form(
        m,
        "自己評価",
        "2024-12-05",
        [Some(3), Some(3), Some(3), Some(2)],
    ))
    .unwrap();
    drop(s);

    let mut s = Store::open(&path).unwrap();
    let evals = s
        .evaluations(Some(p), &EvaluationFilter::default())
        .unwrap();
    assert_eq!(evals.len(), 2);
    assert_eq!(evals[1].evaluator, "匿名");
    assert_eq!(evals[0].comments[3], "柔軟だった");
    let sum = summarize(&evals);
    assert_eq!(
        sum.stat(m, EvalItem::D, EvaluatorKind::Other).unwrap().mean,
        Some(4.0)
    );
    assert_eq!(
        sum.sentence.as_deref(),
        Some("A・Bは1.0ポイント、Dは2.0ポイント自己評価が低い（Cは差がない）")
    );

    // Editing changes the scores; the filter by kind narrows the list.
    let mut changed = form(
        m,
        "他者評価",
        "2024-12-10",
        [Some(2), Some(4), Some(3), Some(4)],
    );
    changed.evaluator_id = Some(leader.id);
    s.update_evaluation(e.id, &changed).unwrap();
    let only_other = EvaluationFilter {
        kind: "他者評価".into(),
        ..Default::default()
    };
    let evals = s.evaluations(Some(p), &only_other).unwrap();
    assert_eq!(evals.len(), 1);
    assert_eq!(evals[0].scores[0], 2);
    let later = EvaluationFilter {
        from: "2024-12-06".into(),
        ..Default::default()
    };
    assert!(s.evaluations(Some(p), &later).unwrap().is_empty());
    s.delete_evaluation(e.id).unwrap();
    assert_eq!(
        s.evaluations(None, &EvaluationFilter::default())
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn invalid_forms_save_nothing() {
    let (_dir, _path, mut s, p, m) = setup();
    let other_project = s.create_project(&project_input("他の事業")).unwrap();
    let stranger = s
        .add_member(other_project.id, &member_input("他人", "メンバー"))
        .unwrap();
    let e = s
        .create_evaluation(&form(
            m,
            "",
            "2024-12-09",
            [Some(4), None, Some(9), Some(4)],
        ))
        .unwrap_err();
    let fields: Vec<&str> = e.fields().iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, ["kind", "score.B", "score.C"]);
    let early = s
        .create_evaluation(&form(m, "他者評価", "2024-12-04", [Some(4); 4]))
        .unwrap_err();
    assert_eq!(early.fields()[0].field, "written_on");
    assert!(
        early.fields()[0].message.contains("令和6年12月5日"),
        "{}",
        early.fields()[0].message
    );
    let mut outsider = form(m, "他者評価", "2024-12-09", [Some(4); 4]);
    outsider.evaluator_id = Some(stranger.id);
    assert_eq!(
        s.create_evaluation(&outsider).unwrap_err().fields()[0].field,
        "evaluator_id"
    );
    assert_eq!(
        s.create_evaluation(&form(9999, "他者評価", "2024-12-09", [Some(4); 4]))
            .unwrap_err()
            .code(),
        "not_found"
    );
    assert!(s
        .evaluations(Some(p), &EvaluationFilter::default())
        .unwrap()
        .is_empty());
    let bad_filter = EvaluationFilter {
        kind: "相互評価".into(),
        ..Default::default()
    };
    assert_eq!(
        s.evaluations(Some(p), &bad_filter).unwrap_err().code(),
        "validation"
    );
}

#[test]
fn a_meeting_with_evaluations_cannot_be_deleted_and_the_message_names_them() {
    let (_dir, _path, mut s, _p, m) = setup();
    s.create_evaluation(&form(m, "自己評価", "2024-12-09", [Some(3); 4]))
        .unwrap();
    let e = s.delete_meeting(m).unwrap_err();
    let message = &e.fields()[0].message;
    assert!(message.contains("評価が1件"), "{message}");
    assert!(
        message.contains("自己評価：匿名（令和6年12月9日）"),
        "{message}"
    );
    assert!(s.meeting(m).is_ok());
}

#[test]
fn csv_opens_in_excel_one_row_per_evaluation_and_item() {
    let (dir, _path, mut s) = store();
    demo::load(&mut s).unwrap();
    let y = s.resolve_project("山口").unwrap();
    let evals = s
        .evaluations(Some(y.id), &EvaluationFilter::default())
        .unwrap();
    assert!(!evals.is_empty());
    let bytes = evaluations_csv(&evals).unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 BOM for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.contains("\r\n"));
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let head: Vec<String> = r.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(head[..3], ["事業（士会）", "会議日", "会議名"]);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), evals.len() * 4);
    assert_eq!(&rows[0][7], "A");
    assert_eq!(&rows[3][8], "臨機応変な支援に関すること");
    // A comment with a comma, a quote and a line break survives quoting: the
    // file read back has the same 12 columns and the comment whole.
    let mut tricky = evals[0].clone();
    tricky.comments[0] = "傾聴、承認, そして\"フィードバック\"\n次回も".into();
    let out = dir.path().join("評価.csv");
    write_atomically(&out, &evaluations_csv(&[tricky]).unwrap()).unwrap();
    let bytes = std::fs::read(&out).unwrap();
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    assert!(rows.iter().all(|row| row.len() == 12));
    assert_eq!(&rows[0][11], "傾聴、承認, そして\"フィードバック\"\n次回も");
}

#[test]
fn one_evaluation_per_meeting_evaluator_and_kind() {
    let (_dir, path, mut s, p, m) = setup();
    let leader = s.add_member(p, &member_input("今井", "リーダー")).unwrap();
    let mut mine = form(
        m,
        "自己評価",
        "2024-12-09",
        [Some(3), Some(3), Some(3), Some(3)],
    );
    mine.evaluator_id = Some(leader.id);
    let first = s.create_evaluation(&mine).unwrap();
    let before = common::dump(&path);

    // A second one by the same person, of the same kind, for the same meeting.
    mine.scores = vec![Some(1), Some(1), Some(1), Some(1)];
    let e = s.create_evaluation(&mine).unwrap_err();
    assert_eq!(e.code(), "validation");
    let bansou::Error::Validation(fields) = &e else {
        panic!("{e:?}")
    };
    assert_eq!(fields.len(), 1, "{fields:?}");
    assert_eq!(fields[0].field, "evaluator_id");
    assert!(
        fields[0].message.contains("今井さんの自己評価")
            && fields[0].message.contains("令和6年12月9日"),
        "{}",
        fields[0].message
    );
    assert_eq!(common::dump(&path), before, "nothing written");
    // Named with the form's other errors too.
    mine.scores[0] = None;
    let Err(bansou::Error::Validation(fields)) = s.create_evaluation(&mine) else {
        panic!("refused")
    };
    assert!(
        fields.iter().any(|f| f.field == "evaluator_id"),
        "{fields:?}"
    );
    mine.scores[0] = Some(1);

    // Its own edit is no second one; the other kind, or 匿名, is allowed.
    s.update_evaluation(first.id, &mine).unwrap();
    mine.kind = "他者評価".into();
    let other = s.create_evaluation(&mine).unwrap();
    // Turning the 他者評価 into a second 自己評価 is refused as well.
    mine.kind = "自己評価".into();
    assert_eq!(
        s.update_evaluation(other.id, &mine).unwrap_err().code(),
        "validation"
    );
    let mut anonymous = form(m, "他者評価", "2024-12-09", [Some(2); 4]);
    s.create_evaluation(&anonymous).unwrap();
    anonymous.scores = vec![Some(4); 4];
    s.create_evaluation(&anonymous).unwrap();
    assert_eq!(s.meeting_evaluations(m).unwrap().len(), 4);
}
