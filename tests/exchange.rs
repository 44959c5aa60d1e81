//! 交換: bundles between PCs, each a real SQLite file in its own folder.

mod common;

use bansou::files::bundle_file;
use bansou::model::evaluation::{EvaluationFilter, EvaluationInput};
use bansou::model::meeting::MeetingInput;
use bansou::store::bundle::{Bundle, Choice, Choices};
use bansou::store::record::{Evaluations, Issues, Meetings, SurveyResponses, Surveys};
use bansou::{demo, Store};
use common::{dump, store};
use rusqlite::Connection;

fn through_file(b: &Bundle) -> Bundle {
    bundle_file::parse(&bundle_file::to_bytes(b)).expect("a bundle we wrote reads back")
}

fn count(s: &Store, sql: &str) -> i64 {
    Connection::open(s.path())
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_project_moves_to_another_pc_whole_and_twice_changes_nothing() {
    let (_a, _pa, mut team) = store();
    demo::load(&mut team).unwrap();
    let y = team.resolve_project("山口").unwrap();
    let file = through_file(&team.project_bundle(y.id).unwrap());
    assert_eq!(file.format, "bansou-note/bundle");
    assert!(file.records::<Evaluations>().unwrap().len() >= 20);

    let (_b, pb, mut other) = store();
    let preview = other.preview_import(&file).unwrap();
    assert!(
        preview.added > 50 && preview.conflicts.is_empty(),
        "{preview:?}"
    );
    assert_eq!(dump(&pb), dump(&pb), "a preview writes nothing");
    let done = other.import_bundle(&file, &Choices::default()).unwrap();
    assert!(done.applied);

    let y2 = other.resolve_project("山口").unwrap();
    assert_eq!(
        (y2.name.as_str(), y2.society.as_str()),
        (y.name.as_str(), y.society.as_str())
    );
    let f = EvaluationFilter::default();
    assert_eq!(
        other.evaluations(Some(y2.id), &f).unwrap().len(),
        team.evaluations(Some(y.id), &f).unwrap().len()
    );
    let today = "2024-12-20".parse().unwrap();
    let statuses = |s: &Store, id| -> Vec<String> {
        s.checklist(id, today)
            .unwrap()
            .items
            .iter()
            .map(|i| format!("{}{}{}", i.text, i.status, i.history.len()))
            .collect()
    };
    assert_eq!(statuses(&other, y2.id), statuses(&team, y.id));
    assert_eq!(
        other.meetings(y2.id, &Default::default()).unwrap().len(),
        11
    );
    // Format 2: the 課題 register, meetings cited by checklist items, and the
    // team's own strength scale travel too.
    let issues = |s: &Store, id| -> Vec<String> {
        s.issues(id)
            .unwrap()
            .iter()
            .map(|i| format!("{}{}{}{:?}", i.number, i.title, i.status, i.meeting_title))
            .collect()
    };
    assert_eq!(issues(&other, y2.id), issues(&team, y.id));
    assert_eq!(issues(&other, y2.id).len(), 6);
    let cited = |s: &Store, id| -> Vec<usize> {
        s.checklist(id, today)
            .unwrap()
            .items
            .iter()
            .map(|i| i.meeting_ids.len())
            .collect()
    };
    assert_eq!(cited(&other, y2.id), cited(&team, y.id));
    assert!(cited(&other, y2.id).iter().sum::<usize>() > 0);

    // The same file again: nothing changes, not even a backup is made.
    let before = dump(&pb);
    let backups = other.backups().unwrap().len();
    let again = other.import_bundle(&file, &Choices::default()).unwrap();
    assert_eq!(
        (again.added, again.updated, again.deleted),
        (0, 0, 0),
        "{}",
        again.sentence
    );
    assert_eq!(dump(&pb), before);
    assert_eq!(other.backups().unwrap().len(), backups);
}

fn edit_meeting(s: &mut Store, project: i64, title: &str, minutes: &str) -> i64 {
    let m = s
        .meetings(project, &Default::default())
        .unwrap()
        .into_iter()
        .find(|m| m.title == title)
        .unwrap();
    let input = MeetingInput {
        kind: m.kind.label().into(),
        title: m.title.clone(),
        held_on: m.held_on.to_string(),
        start_time: m.start_time.clone().unwrap_or_default(),
        end_time: m.end_time.clone().unwrap_or_default(),
        format: m.format.label().into(),
        project_ids: m.project_ids.clone(),
        participant_ids: m.participants.iter().map(|p| p.member_id).collect(),
        guests: m.guests.join("\n"),
        agenda: m.agenda.clone(),
        minutes: minutes.into(),
        decisions: m.decisions.join("\n"),
        resource_ids: m.resource_ids.clone(),
        ..Default::default()
    };
    s.update_meeting(m.id, &input).unwrap();
    m.id
}

fn minutes_of(s: &Store, project: i64, title: &str) -> String {
    s.meetings(project, &Default::default())
        .unwrap()
        .into_iter()
        .find(|m| m.title == title)
        .unwrap()
        .minutes
}

#[test]
fn changes_flow_back_and_changes_made_on_both_pcs_are_conflicts_the_user_settles() {
    let (_a, _pa, mut a) = store();
    demo::load(&mut a).unwrap();
    let ya = a.resolve_project("山口").unwrap().id;
    let (_b, _pb, mut b) = store();
    b.import_bundle(&a.project_bundle(ya).unwrap(), &Choices::default())
        .unwrap();
    let yb = b.resolve_project("山口").unwrap().id;

    // B edits, A takes it without a question (it builds on what A had).
    edit_meeting(&mut b, yb, "第2回チーム会議", "Bで追記した議事録");
    let from_b = through_file(&b.project_bundle(yb).unwrap());
    let p = a.preview_import(&from_b).unwrap();
    assert_eq!((p.updated, p.conflicts.len()), (1, 0), "{}", p.sentence);
    a.import_bundle(&from_b, &Choices::default()).unwrap();
    assert_eq!(minutes_of(&a, ya, "第2回チーム会議"), "Bで追記した議事録");

    // Both edit the same meeting: a conflict, refused until answered.
    edit_meeting(&mut a, ya, "第3回チーム会議", "Aの議事録");
    edit_meeting(&mut b, yb, "第3回チーム会議", "Bの議事録");
    let from_b = through_file(&b.project_bundle(yb).unwrap());
    let p = a.preview_import(&from_b).unwrap();
    assert_eq!(p.conflicts.len(), 1, "{p:?}");
    assert!(
        p.conflicts[0].here.contains("第3回チーム会議")
            && p.conflicts[0].there.contains("第3回チーム会議")
    );
    let e = a.import_bundle(&from_b, &Choices::default()).unwrap_err();
    assert!(e.fields()[0].message.contains("こちらを残す"), "{e}");
    assert_eq!(minutes_of(&a, ya, "第3回チーム会議"), "Aの議事録");

    // こちらを残す: A keeps its text; the same file asks nothing afterwards,
    // and B, importing A's file, takes A's version without a question.
    let keep = Choices {
        all: Some(Choice::Keep),
        ..Default::default()
    };
    a.import_bundle(&from_b, &keep).unwrap();
    assert_eq!(minutes_of(&a, ya, "第3回チーム会議"), "Aの議事録");
    assert!(a.preview_import(&from_b).unwrap().conflicts.is_empty());
    let from_a = through_file(&a.project_bundle(ya).unwrap());
    let p = b.preview_import(&from_a).unwrap();
    assert!(p.conflicts.is_empty(), "{p:?}");
    b.import_bundle(&from_a, &Choices::default()).unwrap();
    assert_eq!(minutes_of(&b, yb, "第3回チーム会議"), "Aの議事録");

    // 相手を採用 for one record.
    edit_meeting(&mut a, ya, "第4回チーム会議", "Aの第4回");
    let uuid_b4 = edit_meeting(&mut b, yb, "第4回チーム会議", "Bの第4回");
    let _ = uuid_b4;
    let from_b = through_file(&b.project_bundle(yb).unwrap());
    let c = &a.preview_import(&from_b).unwrap().conflicts[0];
    let mut take = Choices::default();
    take.each.insert(c.uuid.clone(), Choice::Take);
    a.import_bundle(&from_b, &take).unwrap();
    assert_eq!(minutes_of(&a, ya, "第4回チーム会議"), "Bの第4回");

    // A deletion travels as a tombstone.
    let task = b.tasks(yb, "2024-12-20".parse().unwrap()).unwrap()[0].clone();
    b.delete_task(task.id).unwrap();
    let from_b = through_file(&b.project_bundle(yb).unwrap());
    let p = a.preview_import(&from_b).unwrap();
    assert_eq!(p.deleted, 1, "{}", p.sentence);
    a.import_bundle(&from_b, &Choices::default()).unwrap();
    assert!(a
        .tasks(ya, "2024-12-20".parse().unwrap())
        .unwrap()
        .iter()
        .all(|t| t.title != task.title || t.due_date != task.due_date));
}

#[test]
fn a_supporter_evaluates_on_their_own_pc_and_the_team_sees_it_once() {
    let (_a, _pa, mut team) = store();
    demo::load(&mut team).unwrap();
    let y = team.resolve_project("山口").unwrap().id;
    let meeting = team.meetings(y, &Default::default()).unwrap()[0].clone();
    let request = through_file(&team.evaluation_request(meeting.id, y).unwrap());
    assert_eq!(request.records::<Meetings>().unwrap().len(), 1);
    assert!(request.records::<Evaluations>().unwrap().is_empty());

    let (_b, _pb, mut supporter) = store();
    supporter
        .import_bundle(&request, &Choices::default())
        .unwrap();
    let ys = supporter.resolve_project("山口").unwrap().id;
    let here = supporter.meetings(ys, &Default::default()).unwrap();
    assert_eq!(here.len(), 1);
    assert!(here[0].read_only);
    assert_eq!(
        supporter
            .update_meeting(here[0].id, &MeetingInput::default())
            .unwrap_err()
            .code(),
        "validation"
    );
    let me = supporter
        .members(ys)
        .unwrap()
        .into_iter()
        .find(|m| m.role.label() == "伴走支援者")
        .unwrap();
    let mut form = EvaluationInput {
        meeting_id: here[0].id,
        kind: "自己評価".into(),
        evaluator_id: Some(me.id),
        written_on: "2024-06-21".into(),
        scores: vec![Some(3), Some(3), Some(2), Some(2)],
        comments: vec!["".into(), "".into(), "情報提供が多すぎた".into(), "".into()],
    };
    let e = supporter.create_evaluation(&form).unwrap();

    let before = team.meeting_evaluations(meeting.id).unwrap().len();
    let answer = through_file(&supporter.evaluation_response(here[0].id, ys).unwrap());
    team.import_bundle(&answer, &Choices::default()).unwrap();
    let after = team.meeting_evaluations(meeting.id).unwrap();
    assert_eq!(after.len(), before + 1);
    let got = after
        .iter()
        .find(|x| x.comments[2] == "情報提供が多すぎた")
        .unwrap();
    assert_eq!(got.evaluator, me.name);

    // Edited and sent again: updated, never duplicated.
    form.scores[3] = Some(3);
    supporter.update_evaluation(e.id, &form).unwrap();
    let answer = through_file(&supporter.evaluation_response(here[0].id, ys).unwrap());
    let p = team.preview_import(&answer).unwrap();
    assert_eq!(
        (p.added, p.updated, p.conflicts.len()),
        (0, 1, 0),
        "{}",
        p.sentence
    );
    team.import_bundle(&answer, &Choices::default()).unwrap();
    let after2 = team.meeting_evaluations(meeting.id).unwrap();
    assert_eq!(after2.len(), before + 1);
    assert!(after2.iter().any(|x| x.scores == [3, 3, 2, 3]));
    assert_eq!(
        count(&team, "SELECT count(*) FROM meetings WHERE read_only = 1"),
        0
    );
}

#[test]
fn hostile_and_broken_files_are_refused_and_nothing_changes() {
    let (_a, _pa, mut team) = store();
    demo::load(&mut team).unwrap();
    let y = team.resolve_project("山口").unwrap().id;
    let good = serde_json::to_value(team.project_bundle(y).unwrap()).unwrap();
    let (_b, pb, mut other) = store();
    demo::load(&mut other).unwrap();
    let i = other.resolve_project("茨城").unwrap().id;
    other.archive_project(i).unwrap();
    let before = dump(&pb);

    let edit = |f: &dyn Fn(&mut serde_json::Value)| {
        let mut v = good.clone();
        f(&mut v);
        serde_json::to_vec(&v).unwrap()
    };
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    // Far deeper than any stack: refused at serde_json's depth limit.
    let abyss = format!("{}{}", "[".repeat(1_000_000), "]".repeat(1_000_000));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", Vec::new(), "空です"),
        (
            "not json",
            "これは JSON ではありません".as_bytes().to_vec(),
            "読めません",
        ),
        (
            "truncated",
            serde_json::to_vec(&good).unwrap()[..500].to_vec(),
            "途中で切れています",
        ),
        ("invalid utf-8", vec![b'{', 0xff, 0xfe, b'}'], "UTF-8"),
        (
            "nesting",
            deep.clone().into_bytes(),
            "受け渡しファイルではありません",
        ),
        (
            "nesting inside a record",
            String::from_utf8(edit(&|v| v["tasks"][0]["data"]["note"] = "@@DEEP@@".into()))
                .unwrap()
                .replace("\"@@DEEP@@\"", &abyss)
                .into_bytes(),
            "入れ子が深すぎます",
        ),
        (
            "other format",
            edit(&|v| v["format"] = "zip".into()),
            "受け渡しファイルではありません",
        ),
        (
            "newer",
            edit(&|v| v["format_version"] = 99.into()),
            "アプリを更新してください",
        ),
        (
            "wrong type",
            edit(&|v| v["meetings"][0]["data"]["held_on"] = 20240716.into()),
            "値の種類",
        ),
        (
            "missing field",
            edit(&|v| {
                v["members"][0]["data"]
                    .as_object_mut()
                    .unwrap()
                    .remove("name");
            }),
            "「name」がありません",
        ),
        (
            "unknown field",
            edit(&|v| v["tasks"][0]["data"]["priority"] = "高".into()),
            "知らない項目「priority」",
        ),
        (
            "duplicate uuid",
            edit(&|v| {
                let u = v["tasks"][0]["uuid"].clone();
                v["tasks"][1]["uuid"] = u;
            }),
            "2回出てきます",
        ),
        (
            "dangling",
            edit(&|v| {
                v["tasks"][0]["data"]["meeting"] = "7f1d7c1e-3b7a-4c2e-9a55-0d2f2b9b6a11".into()
            }),
            "このパソコンにもない記録",
        ),
        (
            "score 7",
            edit(&|v| v["evaluations"][0]["data"]["scores"][1] = 7.into()),
            "1〜4",
        ),
        (
            "no such day",
            edit(&|v| v["meetings"][0]["data"]["held_on"] = "2024-02-30".into()),
            "正しい日付",
        ),
        (
            // The forms read 令和6年7月16日; a file's dates are stored as they
            // come, so they must be YYYY-MM-DD.
            "wareki date",
            edit(&|v| v["meetings"][0]["data"]["held_on"] = "令和6年7月16日".into()),
            "YYYY-MM-DD",
        ),
        (
            "time as words",
            edit(&|v| v["meetings"][0]["data"]["start_time"] = "19時".into()),
            "HH:MM",
        ),
        (
            "issue without a kind",
            edit(&|v| v["issues"][0]["data"]["kind"] = "問題".into()),
            "区分",
        ),
        (
            "huge text",
            edit(&|v| v["meetings"][0]["data"]["minutes"] = "議".repeat(400_000).into()),
            "1 MB",
        ),
        (
            "bad uuid",
            edit(&|v| v["projects"][0]["uuid"] = "1".into()),
            "UUID",
        ),
    ];
    for (name, bytes, expect) in cases {
        let e = bundle_file::parse(&bytes)
            .and_then(|b| other.import_bundle(&b, &Choices::default()))
            .expect_err(name);
        let text = format!(
            "{e} {}",
            e.fields()
                .iter()
                .map(|f| f.message.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        );
        assert!(text.contains(expect), "{name}: {text}");
        assert_eq!(dump(&pb), before, "{name} changed the database");
    }

    // The same project name under another identity (the demo loaded on two PCs).
    let twin = bundle_file::parse(&serde_json::to_vec(&good).unwrap()).unwrap();
    let e = other.import_bundle(&twin, &Choices::default()).unwrap_err();
    assert!(e.fields()[0].message.contains("同じ名前の事業"), "{e:?}");
    assert_eq!(dump(&pb), before);

    // Too large to read at all.
    let big = tempfile::NamedTempFile::new().unwrap();
    big.as_file().set_len(bundle_file::MAX_FILE + 1).unwrap();
    let e = bundle_file::read(big.path()).unwrap_err();
    assert!(e.fields()[0].message.contains("大きすぎます"));
}

#[test]
fn older_files_still_read_and_the_current_format_carries_the_strength_scale() {
    let (_a, _pa, mut team) = store();
    demo::load(&mut team).unwrap();
    let y = team.resolve_project("山口").unwrap();
    let scale: Vec<String> = ["なし", "少し", "ある", "十分"].map(String::from).to_vec();
    team.set_strength_scale(y.id, Some(&scale)).unwrap();
    let file = through_file(&team.project_bundle(y.id).unwrap());
    assert_eq!(file.format_version, 5);

    let (_b, _pb, mut other) = store();
    other.import_bundle(&file, &Choices::default()).unwrap();
    let y2 = other.resolve_project("山口").unwrap();
    let st = bansou::analysis::strength::strengths(&other, y2.id).unwrap();
    assert_eq!(st.scale, scale);
    assert!(st.scale_custom);

    // A file written by the first version has none of the new fields.
    let mut v = serde_json::to_value(team.project_bundle(y.id).unwrap()).unwrap();
    v["format_version"] = 1.into();
    for key in ["issues", "surveys", "survey_questions", "survey_responses"] {
        v.as_object_mut().unwrap().remove(key);
    }
    for item in v["checklist_items"].as_array_mut().unwrap() {
        item["data"].as_object_mut().unwrap().remove("meetings");
    }
    for p in v["projects"].as_array_mut().unwrap() {
        p["data"].as_object_mut().unwrap().remove("strength_scale");
    }
    let old = bundle_file::parse(&serde_json::to_vec(&v).unwrap()).unwrap();
    assert!(
        old.records::<Issues>().unwrap().is_empty()
            && old.records::<Surveys>().unwrap().is_empty()
            && old.records::<SurveyResponses>().unwrap().is_empty()
    );
    let (_c, _pc, mut third) = store();
    third.import_bundle(&old, &Choices::default()).unwrap();
    let y3 = third.resolve_project("山口").unwrap();
    assert!(third.issues(y3.id).unwrap().is_empty());
    assert!(
        !bansou::analysis::strength::strengths(&third, y3.id)
            .unwrap()
            .scale_custom
    );
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    /// JSON pointers of every leaf (string, number, bool, null) of `v`.
    fn collect_leaves(v: &serde_json::Value, at: String, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(o) => {
                for (k, x) in o {
                    collect_leaves(x, format!("{at}/{k}"), out);
                }
            }
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    collect_leaves(x, format!("{at}/{i}"), out);
                }
            }
            _ => out.push(at),
        }
    }

    fn cases() -> u32 {
        std::env::var("BANSOU_FUZZ_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(64)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

        /// Values swapped deep inside a real bundle (numbers for text, nulls,
        /// other records' UUIDs, out-of-range scores): the import answers with
        /// a message or merges, never panics, never half-writes.
        #[test]
        fn bundles_with_swapped_values_never_panic_nor_half_write(edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..8), 1..6)) {
            thread_local! {
                static GOOD: std::cell::RefCell<Option<(tempfile::TempDir, serde_json::Value)>> = const { std::cell::RefCell::new(None) };
            }
            GOOD.with(|g| {
                let mut g = g.borrow_mut();
                let (dir, good) = g.get_or_insert_with(|| {
                    let (dir, _path, mut s) = store();
                    demo::load(&mut s).unwrap();
                    let y = s.resolve_project("山口").unwrap().id;
                    (dir, serde_json::to_value(s.project_bundle(y).unwrap()).unwrap())
                });
                let mut v = good.clone();
                let uuids: Vec<serde_json::Value> = v["meetings"].as_array().unwrap().iter().map(|m| m["uuid"].clone()).collect();
                for (at, what) in &edits {
                    let mut leaves = Vec::new();
                    collect_leaves(&v, String::new(), &mut leaves);
                    let path = &leaves[at.index(leaves.len())];
                    let new = match what {
                        0 => serde_json::Value::Null,
                        1 => 7.into(),
                        2 => "".into(),
                        3 => "2024-13-45".into(),
                        4 => uuids[at.index(uuids.len())].clone(),
                        5 => serde_json::json!([]),
                        6 => (-1).into(),
                        _ => "あ".repeat(300).into(),
                    };
                    *v.pointer_mut(path).unwrap() = new;
                }
                let target = dir.path().join("swapped.sqlite3");
                let _ = std::fs::remove_file(&target);
                let mut s = Store::open(&target).unwrap();
                let before = dump(&target);
                let bytes = serde_json::to_vec(&v).unwrap();
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    bundle_file::parse(&bytes).and_then(|b| {
                        let choices = Choices { all: Some(Choice::Take), ..Default::default() };
                        s.import_bundle(&b, &choices)
                    })
                }));
                prop_assert!(result.is_ok(), "panicked");
                if result.unwrap().is_err() {
                    prop_assert_eq!(dump(&target), before);
                }
                Ok(())
            })?;
        }

        /// Random byte edits of a real bundle: the parser and the import never
        /// panic, and a refused file leaves the database exactly as it was.
        #[test]
        fn mutated_bundles_never_panic_nor_half_write(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)) {
            thread_local! {
                static WORLD: std::cell::RefCell<Option<(tempfile::TempDir, std::path::PathBuf, Vec<u8>)>> = const { std::cell::RefCell::new(None) };
            }
            WORLD.with(|w| {
                let mut w = w.borrow_mut();
                let (_dir, path, good) = w.get_or_insert_with(|| {
                    let (dir, path, mut s) = store();
                    demo::load(&mut s).unwrap();
                    let y = s.resolve_project("山口").unwrap().id;
                    let bytes = bundle_file::to_bytes(&s.project_bundle(y).unwrap());
                    (dir, path, bytes)
                });
                let mut bytes = good.clone();
                for (at, byte) in &edits {
                    let i = at.index(bytes.len());
                    bytes[i] = *byte;
                }
                let target = path.with_file_name("target.sqlite3");
                let _ = std::fs::remove_file(&target);
                let mut s = Store::open(&target).unwrap();
                let before = dump(&target);
                let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    bundle_file::parse(&bytes).and_then(|b| {
                        let choices = Choices { all: Some(Choice::Take), ..Default::default() };
                        s.import_bundle(&b, &choices)
                    })
                }));
                prop_assert!(result.is_ok(), "panicked");
                if result.unwrap().is_err() {
                    prop_assert_eq!(dump(&target), before);
                }
                Ok(())
            })?;
        }
    }
}

#[test]
fn receiving_a_request_does_not_change_the_meeting_that_travels_back() {
    let (_a, _pa, mut team) = store();
    demo::load(&mut team).unwrap();
    let y = team.resolve_project("山口").unwrap().id;
    let m = team.meetings(y, &Default::default()).unwrap()[1].clone();
    let (_b, _pb, mut supporter) = store();
    let done = supporter
        .import_bundle(
            &through_file(&team.evaluation_request(m.id, y).unwrap()),
            &Choices::default(),
        )
        .unwrap();
    let ys = supporter.resolve_project("山口").unwrap().id;
    // The window opens it on its 評価 page, and shows it as the request it is.
    assert_eq!(done.project_id, Some(ys));
    assert_eq!(
        supporter.project(ys).unwrap().origin,
        bansou::model::project::Origin::Request
    );
    assert_eq!(
        team.project(y).unwrap().origin,
        bansou::model::project::Origin::Here
    );
    let here = supporter.meetings(ys, &Default::default()).unwrap()[0].id;
    let back = through_file(&supporter.evaluation_response(here, ys).unwrap());
    let p = team.preview_import(&back).unwrap();
    assert_eq!((p.added, p.updated, p.deleted), (0, 0, 0), "{}", p.sentence);
}

#[test]
fn a_second_evaluation_of_one_person_for_one_meeting_is_asked_about_not_added() {
    let (_a, _pa, mut team) = store();
    demo::load(&mut team).unwrap();
    let y = team.resolve_project("山口").unwrap().id;
    let meeting = team.meetings(y, &Default::default()).unwrap()[0].clone();
    let request = through_file(&team.evaluation_request(meeting.id, y).unwrap());
    let (_b, _pb, mut supporter) = store();
    supporter
        .import_bundle(&request, &Choices::default())
        .unwrap();
    let ys = supporter.resolve_project("山口").unwrap().id;
    let here = supporter.meetings(ys, &Default::default()).unwrap()[0].clone();
    let me = supporter
        .members(ys)
        .unwrap()
        .into_iter()
        .find(|m| m.role.label() == "伴走支援者")
        .unwrap();
    let form = |meeting_id: i64, evaluator_id: i64, score: i32| EvaluationInput {
        meeting_id,
        kind: "自己評価".into(),
        evaluator_id: Some(evaluator_id),
        written_on: "2024-06-21".into(),
        scores: vec![Some(score); 4],
        comments: vec![String::new(); 4],
    };
    let theirs = supporter
        .create_evaluation(&form(here.id, me.id, 2))
        .unwrap();
    // Meanwhile the team typed in the same person's paper form.
    let me_at_team = team
        .members(y)
        .unwrap()
        .into_iter()
        .find(|m| m.name == me.name)
        .unwrap()
        .id;
    let already = team
        .meeting_evaluations(meeting.id)
        .unwrap()
        .into_iter()
        .any(|e| e.evaluator_id == Some(me_at_team) && e.kind.label() == "自己評価");
    assert!(!already, "the demo has no such evaluation yet");
    team.create_evaluation(&form(meeting.id, me_at_team, 4))
        .unwrap();
    let before = team.meeting_evaluations(meeting.id).unwrap().len();

    let answer = through_file(&supporter.evaluation_response(here.id, ys).unwrap());
    let p = team.preview_import(&answer).unwrap();
    assert_eq!((p.added, p.conflicts.len()), (0, 1), "{}", p.sentence);
    let c = &p.conflicts[0];
    assert!(
        c.here.contains(&format!("{}さんの自己評価", me.name)) && c.here.contains(&meeting.title),
        "names whose evaluation of which meeting: {}",
        c.here
    );
    // Skipped: nothing changes, and the same file asks no more.
    let keep = Choices {
        all: Some(Choice::Keep),
        each: Default::default(),
    };
    team.import_bundle(&answer, &keep).unwrap();
    let scores = |s: &Store| -> Vec<Vec<u8>> {
        s.meeting_evaluations(meeting.id)
            .unwrap()
            .into_iter()
            .filter(|e| e.evaluator_id == Some(me_at_team) && e.kind.label() == "自己評価")
            .map(|e| e.scores)
            .collect()
    };
    assert_eq!(scores(&team), [vec![4u8; 4]]);
    assert_eq!(team.meeting_evaluations(meeting.id).unwrap().len(), before);
    let again = team.preview_import(&answer).unwrap();
    assert_eq!(
        (again.added, again.conflicts.len()),
        (0, 0),
        "{}",
        again.sentence
    );

    // Edited there and sent again: asked again; taken, it updates ours.
    supporter
        .update_evaluation(theirs.id, &form(here.id, me.id, 1))
        .unwrap();
    let answer = through_file(&supporter.evaluation_response(here.id, ys).unwrap());
    let p = team.preview_import(&answer).unwrap();
    assert_eq!((p.added, p.conflicts.len()), (0, 1), "{}", p.sentence);
    let take = Choices {
        all: Some(Choice::Take),
        each: Default::default(),
    };
    team.import_bundle(&answer, &take).unwrap();
    assert_eq!(scores(&team), [vec![1u8; 4]]);
    assert_eq!(team.meeting_evaluations(meeting.id).unwrap().len(), before);
    let again = team.preview_import(&answer).unwrap();
    assert_eq!(
        (again.added, again.updated, again.conflicts.len()),
        (0, 0, 0),
        "{}",
        again.sentence
    );
}
