//! テキスト分析 through real SQLite files: words are stored as comments are
//! saved, kept in step when a comment changes however it is written, computed
//! for old comments by the background pass, and read by the analysis.

mod common;

use bansou::analysis::cooc::text_analysis;
use bansou::model::cooc::TextFilter;
use bansou::model::evaluation::EvaluationInput;
use bansou::model::meeting::MeetingInput;
use bansou::{demo, Store};
use common::{project_input, store};
use rusqlite::Connection;

fn words_of(s: &Store, evaluation: i64, item: &str) -> Option<String> {
    Connection::open(s.path())
        .unwrap()
        .query_row(
            "SELECT words FROM evaluation_items WHERE evaluation_id = ?1 AND item = ?2",
            rusqlite::params![evaluation, item],
            |r| r.get(0),
        )
        .unwrap()
}

fn one_evaluation(s: &mut Store, comment: &str) -> (i64, i64, i64) {
    let p = s.create_project(&project_input("腰痛予防事業")).unwrap();
    let m = s
        .create_meeting(&MeetingInput {
            kind: "チーム会議".into(),
            held_on: "2024-07-16".into(),
            format: "オンライン".into(),
            project_ids: vec![p.id],
            ..Default::default()
        })
        .unwrap();
    let e = s
        .create_evaluation(&EvaluationInput {
            meeting_id: m.id,
            kind: "他者評価".into(),
            evaluator_id: None,
            written_on: "2024-07-16".into(),
            scores: vec![Some(4); 4],
            comments: vec![comment.into(), String::new(), String::new(), String::new()],
        })
        .unwrap();
    (p.id, m.id, e.id)
}

#[test]
fn words_are_stored_when_a_comment_is_saved_and_follow_every_change() {
    let (_dir, path, mut s) = store();
    let (p, m, e) = one_evaluation(&mut s, "産業保健総合支援センターとの打ち合わせで助言を得た");
    // Stored as tokens (産業・保健・…・センター), so the analysis can count them
    // apart or joined.
    let stored = words_of(&s, e, "A").unwrap();
    assert!(
        stored.contains("産業") && stored.contains("センター"),
        "{stored:?}"
    );
    assert_eq!(s.comments_without_words().unwrap(), 0);
    let once = TextFilter {
        min_freq: 1,
        ..Default::default()
    };
    let apart = text_analysis(&mut s, Some(p), &once).unwrap();
    let counted: Vec<&str> = apart
        .network
        .words
        .iter()
        .map(|w| w.word.as_str())
        .collect();
    assert!(
        counted.contains(&"産業") && counted.contains(&"保健"),
        "{counted:?}"
    );
    assert!(!counted.contains(&"産業保健総合支援センター"));
    let joined = text_analysis(
        &mut s,
        Some(p),
        &TextFilter {
            compounds: true,
            ..once
        },
    )
    .unwrap();
    assert!(joined.compounds);
    assert!(joined
        .network
        .words
        .iter()
        .any(|w| w.word == "産業保健総合支援センター"));

    // The form changes the comment: new words at once.
    s.update_evaluation(
        e,
        &EvaluationInput {
            meeting_id: m,
            kind: "他者評価".into(),
            evaluator_id: None,
            written_on: "2024-07-16".into(),
            scores: vec![Some(4); 4],
            comments: vec![
                "協会けんぽとの連携を検討した".into(),
                String::new(),
                String::new(),
                String::new(),
            ],
        },
    )
    .unwrap();
    let stored = words_of(&s, e, "A").unwrap();
    assert!(
        stored.contains("けんぽ") && !stored.contains("センター"),
        "{stored:?}"
    );

    // Something else writes the comment (an old version, a tool): the words
    // are cleared rather than left stale, and the background pass redoes them.
    Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE evaluation_items SET comment = 'メンタルヘルス不調の予防' WHERE evaluation_id = ?1 AND item = 'A'",
            [e],
        )
        .unwrap();
    assert_eq!(words_of(&s, e, "A"), None);
    assert_eq!(s.comments_without_words().unwrap(), 1);
    assert_eq!(s.tokenize_pending(100).unwrap(), 1);
    assert!(words_of(&s, e, "A").unwrap().contains("メンタルヘルス"));
    assert_eq!(s.tokenize_pending(100).unwrap(), 0);
}

#[test]
fn changing_stop_words_or_classes_changes_the_network_not_the_stored_words() {
    let (_dir, _path, mut s) = store();
    demo::load(&mut s).unwrap();
    let i = s.resolve_project("茨城").unwrap();
    let before: Vec<Option<String>> = {
        let c = Connection::open(s.path()).unwrap();
        let mut st = c
            .prepare("SELECT words FROM evaluation_items ORDER BY 1")
            .unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let f = TextFilter::default();
    let a = text_analysis(&mut s, Some(i.id), &f).unwrap();
    let top = a.network.words[0].word.clone();
    s.set_stop_words(Some(std::slice::from_ref(&top))).unwrap();
    let b = text_analysis(&mut s, Some(i.id), &f).unwrap();
    assert!(b.network.words.iter().all(|w| w.word != top));
    s.set_word_classes(&[bansou::tokenizer::WordClass::Verb])
        .unwrap();
    let c = text_analysis(&mut s, Some(i.id), &f).unwrap();
    assert!(c
        .network
        .words
        .iter()
        .all(|w| w.class == bansou::tokenizer::WordClass::Verb));
    let after: Vec<Option<String>> = {
        let c = Connection::open(s.path()).unwrap();
        let mut st = c
            .prepare("SELECT words FROM evaluation_items ORDER BY 1")
            .unwrap();
        st.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(before, after, "no re-tokenizing");
    assert_eq!(
        s.set_stop_words(None).unwrap()[0],
        "する",
        "back to the default"
    );
}

#[test]
fn the_demo_draws_one_network_per_meeting_and_the_same_each_time() {
    let (_dir, _path, mut s) = store();
    demo::load(&mut s).unwrap();
    let i = s.resolve_project("茨城").unwrap();
    let f = TextFilter::default();
    let a = text_analysis(&mut s, Some(i.id), &f).unwrap();
    assert!(a.network.nodes.len() >= 5, "{:?}", a.network.words);
    assert!(
        a.network.edges.len() <= 60
            || a.network
                .edges
                .iter()
                .skip(59)
                .all(|e| e.jaccard == a.network.edges[59].jaccard)
    );
    // One pair per meeting with comments: 茨城's three team meetings and the two joint ones.
    let dates: Vec<String> = a
        .per_meeting
        .iter()
        .map(|m| m.held_on.to_string())
        .collect();
    assert_eq!(
        dates,
        [
            "2024-07-31",
            "2024-09-05",
            "2024-09-27",
            "2024-10-30",
            "2024-12-05"
        ]
    );
    let b = text_analysis(&mut s, Some(i.id), &f).unwrap();
    assert_eq!(a, b);
    let scene = bansou::chart::network::network_scene("t", &a.network);
    assert_eq!(
        scene,
        bansou::chart::network::network_scene("t", &b.network)
    );
    // 他者評価 only: the words of the supporters' comments are gone.
    let other = text_analysis(
        &mut s,
        Some(i.id),
        &TextFilter {
            kind: "他者評価".into(),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(other.network.documents < a.network.documents);
}

#[test]
fn a_database_of_the_previous_version_gets_its_words_in_the_background() {
    let (_dir, path, mut s) = store();
    let (p, _, e) = one_evaluation(&mut s, "丁寧に傾聴していただいた");
    // As a version-9 database would be after the upgrade: comments, no words.
    drop(s);
    Connection::open(&path)
        .unwrap()
        .execute_batch("UPDATE evaluation_items SET words = NULL, words_version = NULL;")
        .unwrap();
    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.comments_without_words().unwrap(), 4);
    // The analysis does not wait for the background: it fills the gap first.
    let a = text_analysis(
        &mut s,
        Some(p),
        &TextFilter {
            min_freq: 1,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(a.network.words.iter().any(|w| w.word == "傾聴"));
    assert_eq!(s.comments_without_words().unwrap(), 0);
    assert!(words_of(&s, e, "A").unwrap().contains("傾聴"));
}
