//! 強み分析 and its radar chart against real SQLite files.

mod common;

use bansou::analysis::strength::strengths;
use bansou::chart::radar::strengths_radar;
use bansou::chart::svg;
use bansou::model::strength::{parse_template, RatingInput, SessionInput, StrengthItemInput};
use bansou::{demo, Store};
use common::{project_input, store};

fn session(label: &str, on: &str, copy_last: bool) -> SessionInput {
    SessionInput {
        label: label.into(),
        rated_on: on.into(),
        copy_last,
    }
}

fn rate(score: Option<i32>) -> RatingInput {
    RatingInput {
        score,
        note: String::new(),
    }
}

#[test]
fn scores_follow_ratings_hiding_and_copies() {
    let (_dir, path, mut s) = store();
    let p = s.create_project(&project_input("事業")).unwrap();
    let st = strengths(&s, p.id).unwrap();
    assert!(st.items.len() >= 20);
    assert!(st.sessions.is_empty() && st.summary.is_none());
    let money: Vec<i64> = st
        .items
        .iter()
        .filter(|i| i.axis.label() == "財力")
        .map(|i| i.id)
        .collect();

    let first = s
        .create_strength_session(p.id, &session("事業開始時", "2024-06-17", false))
        .unwrap();
    s.rate_strength(first, money[0], &rate(Some(1))).unwrap();
    s.rate_strength(first, money[1], &rate(Some(2))).unwrap();
    s.rate_strength(first, money[2], &rate(None)).unwrap();
    let st = strengths(&s, p.id).unwrap();
    let m = &st.sessions[0].axes[3];
    assert_eq!(
        (m.mean, m.rated, m.items as usize),
        (Some(1.5), 2, money.len())
    );
    assert_eq!(
        st.summary.as_deref(),
        Some("評価した強みはどれも同じ水準です（1.5）")
    );

    // A second session starts as a copy and is changed on its own.
    let second = s
        .create_strength_session(p.id, &session("中間", "2024-09-27", true))
        .unwrap();
    s.rate_strength(second, money[0], &rate(Some(4))).unwrap();
    // Hiding an item takes it out of every session's score but keeps its ratings.
    s.set_strength_item_hidden(money[1], true).unwrap();
    s.rename_strength_item(money[0], "事業予算（次年度）が計上されている")
        .unwrap();
    drop(s);

    let s = Store::open(&path).unwrap();
    let st = strengths(&s, p.id).unwrap();
    assert_eq!(st.sessions.len(), 2);
    assert_eq!(st.sessions[0].axes[3].mean, Some(1.0));
    assert_eq!(st.sessions[1].axes[3].mean, Some(4.0));
    assert_eq!(st.sessions[1].axes[3].items as usize, money.len() - 1);
    let renamed = st.items.iter().find(|i| i.id == money[0]).unwrap();
    assert_eq!(renamed.text, "事業予算（次年度）が計上されている");
    assert_eq!(
        st.sessions[0]
            .ratings
            .iter()
            .find(|r| r.item_id == money[1])
            .unwrap()
            .score,
        Some(2),
        "hidden items keep their ratings"
    );
}

#[test]
fn bad_input_changes_nothing() {
    let (_dir, _path, mut s) = store();
    let p = s.create_project(&project_input("事業")).unwrap();
    let other = s.create_project(&project_input("他の事業")).unwrap();
    let foreign_item = strengths(&s, other.id).unwrap().items[0].id;
    let sid = s
        .create_strength_session(p.id, &session("開始時", "2024-06-01", false))
        .unwrap();
    let item = strengths(&s, p.id).unwrap().items[0].id;
    assert!(s
        .rate_strength(sid, item, &rate(Some(5)))
        .unwrap_err()
        .fields()[0]
        .message
        .contains("1〜4"));
    assert_eq!(
        s.rate_strength(sid, foreign_item, &rate(Some(2)))
            .unwrap_err()
            .code(),
        "validation"
    );
    assert_eq!(
        s.rate_strength(sid, 99999, &rate(Some(2)))
            .unwrap_err()
            .code(),
        "not_found"
    );
    assert!(strengths(&s, p.id).unwrap().sessions[0].ratings.is_empty());
    let e = s
        .create_strength_session(p.id, &session(" ", "1900-01-01", false))
        .unwrap_err();
    assert_eq!(e.fields().len(), 2);
    let e = s
        .add_strength_item(
            p.id,
            &StrengthItemInput {
                group: "士会内".into(),
                axis: "知力".into(),
                barrier: "".into(),
                text: "x".into(),
            },
        )
        .unwrap_err();
    assert!(e.fields()[0].message.contains("創造力・人力・対応力・財力"));
    assert_eq!(strengths(&s, p.id).unwrap().sessions.len(), 1);
}

#[test]
fn project_items_and_template_updates_keep_history() {
    let (_dir, _path, mut s) = store();
    let p = s.create_project(&project_input("事業")).unwrap();
    let before = strengths(&s, p.id).unwrap().items.len();
    let mine = s
        .add_strength_item(
            p.id,
            &StrengthItemInput {
                group: "士会内".into(),
                axis: "創造力".into(),
                barrier: "情報".into(),
                text: "健康経営の知識がある会員".into(),
            },
        )
        .unwrap();
    let sid = s
        .create_strength_session(p.id, &session("開始時", "2024-06-01", false))
        .unwrap();
    s.rate_strength(sid, mine, &rate(Some(3))).unwrap();
    let t = parse_template(
        "[[item]]\nkey = \"society.creativity.planners\"\ngroup = \"士会内\"\naxis = \"創造力\"\ntext = \"改訂後の文言\"\n\
         [[item]]\nkey = \"society.new\"\ngroup = \"士会内\"\naxis = \"財力\"\nbarrier = \"カネ\"\ntext = \"新しい項目\"\n",
    )
    .unwrap();
    assert_eq!(s.apply_strength_template(&t).unwrap(), 1);
    let st = strengths(&s, p.id).unwrap();
    assert_eq!(st.items.len(), before + 2);
    assert!(
        st.items
            .iter()
            .any(|i| i.text == "企画・プログラムを作れる会員がいる"),
        "wording kept"
    );
    assert_eq!(st.sessions[0].ratings[0].score, Some(3));
}

#[test]
fn the_radar_svg_is_xml_with_four_axes_and_a_polygon_per_session() {
    let (_dir, _path, mut s) = store();
    demo::load(&mut s).unwrap();
    let p = s.resolve_project("山口").unwrap();
    let st = strengths(&s, p.id).unwrap();
    assert_eq!(st.sessions.len(), 2);
    assert!(st.summary.as_deref().unwrap().starts_with("財力が最も低い"));
    let text = svg::render(&strengths_radar(&st, false));
    let doc = roxmltree::Document::parse(&text).expect("valid XML");
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(str::to_owned))
        .collect();
    for axis in ["創造力", "人力", "対応力", "財力", "事業開始時", "終了時"] {
        assert!(
            texts.iter().any(|t| t == axis),
            "{axis} missing in {texts:?}"
        );
    }
    let series = doc
        .descendants()
        .filter(|n| n.has_tag_name("polygon") && n.attribute("class") == Some("series"))
        .count();
    assert_eq!(series, 2);
    // Greyscale-safe: the two series differ in dash pattern, not only in colour.
    let dashes: Vec<Option<&str>> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("series"))
        .map(|n| n.attribute("stroke-dasharray"))
        .collect();
    assert_ne!(dashes[0], dashes[1]);

    let barriers = svg::render(&strengths_radar(&st, true));
    for b in ["ヒト", "モノ", "カネ", "情報"] {
        assert!(barriers.contains(&format!(">{b}</text>")), "{b}");
    }
}
