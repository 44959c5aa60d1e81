//! The demo follows the source report: its facts (DOMAIN.md), its evaluation
//! pattern (図23–25, computed here by hand), and no person of the report's
//! member lists by surname or given name.

mod common;

use bansou::analysis::evaluation::{summarize, summarize_groups};
use bansou::model::evaluation::{EvalItem, EvaluationFilter, EvaluatorKind, MeetingGroup};
use bansou::model::meeting::MeetingFilter;
use bansou::model::Role;
use bansou::{demo, Store};
use chrono::NaiveDate;
use common::store;
use rusqlite::Connection;

/// Every person the report names (表2 事業協力者 and the 抄録's 分担事業者・事業協力者),
/// as (surname, given name), with the usual variant spellings of each.
const REPORT_PEOPLE: &[(&str, &str)] = &[
    ("岡持", "利亘"),
    ("渡邉", "忠義"),
    ("渡辺", "忠義"),
    ("渡邊", "忠義"),
    ("梅野", "裕昭"),
    ("小林", "敦郎"),
    ("戸松", "好恵"),
    ("戸松", "好惠"),
    ("成松", "義啓"),
    ("三戸", "洋"),
    ("石光", "雄太"),
    ("小寺", "陸王"),
    ("藤田", "夕子"),
    ("濱田", "剛利"),
    ("浜田", "剛利"),
    ("細田", "忠博"),
    ("佐々木", "剛"),
    ("山本", "伸一"),
    ("斉藤", "秀之"),
    ("斎藤", "秀之"),
    ("齋藤", "秀之"),
    ("齊藤", "秀之"),
    ("香山", "明美"),
    ("吉井", "智晴"),
    ("松本", "良二"),
    ("清水", "兼悦"),
    ("関本", "充史"),
    ("橋本", "美弥子"),
    // The 抄録's slide credits (「渡邉賢治氏資料改変」) and the report's other authors.
    ("渡邉", "賢治"),
    ("渡辺", "賢治"),
    ("渡邊", "賢治"),
];

fn loaded() -> (tempfile::TempDir, Store) {
    let (dir, _path, mut s) = store();
    demo::load(&mut s).unwrap();
    (dir, s)
}

fn texts(s: &Store, sql: &str) -> Vec<String> {
    let conn = Connection::open(s.path()).unwrap();
    let mut st = conn.prepare(sql).unwrap();
    st.query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn no_one_in_the_demo_shares_a_name_with_the_reports_people() {
    let (_dir, s) = loaded();
    let people: Vec<String> = [
        "SELECT name FROM members",
        "SELECT name FROM program_people",
        "SELECT changed_by FROM checklist_history",
        "SELECT provided_by FROM resources",
        "SELECT name FROM stakeholder_contacts",
        "SELECT name FROM stakeholders WHERE kind = 'キーパーソン（個人）'",
    ]
    .iter()
    .flat_map(|sql| texts(&s, sql))
    .collect();
    assert!(people.len() > 20, "{people:?}");
    for person in &people {
        let parts: Vec<&str> = person.split([' ', '　']).collect();
        for (surname, given) in REPORT_PEOPLE {
            assert!(
                !person.contains(surname),
                "「{person}」 has the report's surname {surname}"
            );
            assert!(
                !parts.contains(given),
                "「{person}」 has the report's given name {given}"
            );
        }
    }
    // The guard itself would catch the names the demo used to have.
    for old in ["山本 健一", "清水 誠", "加藤 剛"] {
        let parts: Vec<&str> = old.split(' ').collect();
        assert!(REPORT_PEOPLE
            .iter()
            .any(|(sur, given)| old.contains(sur) || parts.contains(given)));
    }
}

#[test]
fn ibaraki_follows_the_report() {
    let (_dir, s) = loaded();
    let i = s.resolve_project("茨城").unwrap();
    let today = d("2025-03-31");
    let checklist = s.checklist(i.id, today).unwrap();
    let item = |key: &str| {
        checklist
            .items
            .iter()
            .find(|x| x.template_key.as_deref() == Some(key))
            .unwrap()
            .clone()
    };
    // 予算化: 完了, in October (令和7年度事業計画・予算への計上), citing that meeting.
    let budget = item("inner.2");
    assert_eq!(budget.status.label(), "完了");
    assert_eq!(budget.history[0].changed_on, d("2024-10-30"));
    assert_eq!(budget.meeting_ids.len(), 1);
    // 外向き6 is put off to the next year, not 該当なし.
    let individuals = item("outer.6");
    assert_ne!(individuals.status.label(), "該当なし");
    assert!(individuals.note.contains("次年度"));
    // The 4 organisations are a future picture, not an agreement.
    let orgs = s.stakeholders(i.id).unwrap();
    let four: Vec<_> = orgs
        .iter()
        .filter(|o| o.log.iter().any(|l| l.summary.contains("4団体")))
        .collect();
    assert_eq!(four.len(), 2);
    assert!(four.iter().all(|o| o.state.label() != "連携"));
    assert!(four
        .iter()
        .all(|o| o.log.iter().all(|l| l.summary.contains("想定"))));
    // The hearing of the target is on the plan, in November.
    let tasks = s.tasks(i.id, today).unwrap();
    let hearing = tasks
        .iter()
        .find(|t| t.title.contains("事業実践対象へのヒアリング"))
        .expect("the hearing is planned");
    assert_eq!(
        hearing.due_date.unwrap().format("%Y-%m").to_string(),
        "2024-11"
    );
    // 6 team meetings, the 産保センター meeting on 10/16 in person.
    let meetings = s.meetings(i.id, &MeetingFilter::default()).unwrap();
    let team: Vec<_> = meetings
        .iter()
        .filter(|m| m.kind.label() == "チーム会議")
        .map(|m| m.held_on.to_string())
        .collect();
    assert_eq!(
        team,
        [
            "2024-06-09",
            "2024-07-31",
            "2024-08-21",
            "2024-09-09",
            "2024-09-27",
            "2024-10-30"
        ]
    );
    assert!(meetings
        .iter()
        .any(|m| m.held_on == d("2024-10-16") && m.format.label() == "対面"));
    // 図16: the six 課題 and the three new ones of 10月30日, in its words.
    let issues = s.issues(i.id).unwrap();
    assert_eq!(issues.len(), 9);
    assert_eq!(issues[0].title, "人材確保（マンパワー）");
    let new: Vec<&str> = issues
        .iter()
        .filter(|x| x.raised_on == d("2024-10-30"))
        .map(|x| x.title.as_str())
        .collect();
    assert_eq!(new.len(), 3);
    assert!(new[0].starts_with("実践に移行できていないこと"));
    assert!(new[1].starts_with("メニューの多様性"));
    assert!(new[2].starts_with("多職種連携"));
}

#[test]
fn yamaguchi_follows_the_report() {
    let (_dir, s) = loaded();
    let y = s.resolve_project("山口").unwrap();
    let meetings = s.meetings(y.id, &MeetingFilter::default()).unwrap();
    let training: Vec<String> = meetings
        .iter()
        .filter(|m| m.kind.label() == "研修会")
        .map(|m| m.held_on.to_string())
        .collect();
    assert_eq!(training, ["2024-07-26", "2024-08-31", "2024-09-06"]);
    let team: Vec<String> = meetings
        .iter()
        .filter(|m| m.kind.label() == "チーム会議")
        .map(|m| m.held_on.to_string())
        .collect();
    assert_eq!(
        team,
        [
            "2024-06-17",
            "2024-07-16",
            "2024-08-19",
            "2024-09-19",
            "2024-11-25"
        ]
    );
    assert!(meetings
        .iter()
        .all(|m| m.format.label() == "オンライン" || m.kind.label() == "研修会"));
    // The post-intervention survey: from mid-October, collected by late October.
    let tasks = s.tasks(y.id, d("2025-03-31")).unwrap();
    let survey = tasks
        .iter()
        .find(|t| t.title.contains("介入後のアンケート"))
        .unwrap();
    let due = survey.due_date.unwrap();
    assert!(due >= d("2024-10-21") && due <= d("2024-10-31"), "{due}");
    assert!(meetings
        .iter()
        .any(|m| m.decisions.iter().any(|x| x.contains("10月中旬"))));
    // No 予算案 decision the report does not make, anywhere in the demo.
    let all_text = texts(
        &s,
        "SELECT decisions FROM meetings UNION ALL SELECT title FROM tasks
         UNION ALL SELECT note FROM checklist_items",
    )
    .join("\n");
    assert!(!all_text.contains("予算案"), "{all_text}");
}

#[test]
fn evaluations_follow_figures_23_to_25() {
    let (_dir, s) = loaded();
    let f = EvaluationFilter::default();
    let all = s.evaluations(None, &f).unwrap();
    // Both joint 進捗会議 are evaluated.
    let joint: std::collections::BTreeSet<String> = all
        .iter()
        .filter(|e| e.joint)
        .map(|e| e.held_on.to_string())
        .collect();
    assert_eq!(
        joint.into_iter().collect::<Vec<_>>(),
        ["2024-09-05", "2024-12-05"]
    );
    // Evaluator counts per meeting and kind, as the report's: 3 to 7.
    let mut counts = std::collections::BTreeMap::new();
    for e in &all {
        *counts.entry((e.meeting_id, e.kind.label())).or_insert(0) += 1;
    }
    assert!(counts.values().all(|n| (3..=7).contains(n)), "{counts:?}");
    assert!(counts.values().any(|&n| n == 7));

    let y = s.resolve_project("山口").unwrap();
    let i = s.resolve_project("茨城").unwrap();
    let team = |p: i64| {
        let evals = s
            .evaluations(
                Some(p),
                &EvaluationFilter {
                    meetings: "team".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        summarize(&evals)
    };
    let mean = |sum: &bansou::analysis::evaluation::EvaluationSummary,
                m: usize,
                item: EvalItem,
                kind: EvaluatorKind| {
        sum.stat(sum.meetings[m].id, item, kind)
            .unwrap()
            .mean
            .unwrap()
    };

    // 茨城: three meetings; by hand, 他者−自己 per meeting
    //   A 3.75−3.00=0.75, 4.00−3.00=1.00, 4.00−3.50=0.50
    //   D 3.25−2.75=0.50, 3.50−2.00=1.50, 3.75−2.75=1.00
    let ib = team(i.id);
    assert_eq!(ib.meetings.len(), 3);
    assert_eq!(ib.gaps[0].per_meeting, [Some(0.75), Some(1.0), Some(0.5)]);
    assert_eq!(ib.gaps[3].per_meeting, [Some(0.5), Some(1.5), Some(1.0)]);
    assert_eq!(
        ib.sentence.as_deref(),
        Some("A〜Cは0.5〜1.0ポイント、Dは0.5〜1.5ポイント自己評価が低い")
    );
    // 他者 C and D rise; 自己 D goes up and down.
    for item in [EvalItem::C, EvalItem::D] {
        let v: Vec<f64> = (0..3)
            .map(|m| mean(&ib, m, item, EvaluatorKind::Other))
            .collect();
        assert!(v[0] < v[1] && v[1] < v[2], "{item}: {v:?}");
    }
    let own_d: Vec<f64> = (0..3)
        .map(|m| mean(&ib, m, EvalItem::D, EvaluatorKind::SelfRating))
        .collect();
    assert!(own_d[1] < own_d[0] && own_d[1] < own_d[2], "{own_d:?}");

    // 山口: four meetings, the last lower; A–C 0.5–1.5 and D 1.0–2.5, both ends
    // reached (「0.5ポイントから1.5ポイント」「1.0ポイントから2.5ポイントの評定差」).
    let ya = team(y.id);
    assert_eq!(ya.meetings.len(), 4);
    for item in EvalItem::ALL {
        let o: Vec<f64> = (0..4)
            .map(|m| mean(&ya, m, *item, EvaluatorKind::Other))
            .collect();
        assert!(o[3] < o[2], "{item}: the last meeting is lower: {o:?}");
        // 自己評価: rising or steady (「右肩上がりまたは中値維持」).
        let own: Vec<f64> = (0..4)
            .map(|m| mean(&ya, m, *item, EvaluatorKind::SelfRating))
            .collect();
        assert!(own.windows(2).all(|w| w[1] >= w[0]), "{item}: {own:?}");
    }
    for g in &ya.gaps {
        let r = g.range.unwrap();
        let want = if g.item == EvalItem::D {
            (1.0, 2.5)
        } else {
            (0.5, 1.5)
        };
        assert_eq!((r.low, r.high), want, "{}", g.item);
    }
    assert_eq!(
        ya.sentence.as_deref(),
        Some("A〜Cは0.5〜1.5ポイント、Dは1.0〜2.5ポイント自己評価が低い")
    );
    // Comments of the fourth meeting were not compiled (the report says so).
    let last = ya.meetings[3].id;
    assert!(s
        .meeting_evaluations(last)
        .unwrap()
        .iter()
        .all(|e| e.comments.iter().all(String::is_empty)));

    // The joint 進捗会議: about 1.0 on every item (all teams' evaluators), the
    // last lower (「最終会議を除き…高値」).
    let groups = summarize_groups(&all, Some(MeetingGroup::Joint));
    for g in &groups[0].summary.gaps {
        let r = g.range.unwrap();
        assert!(r.low >= 0.75 && r.high <= 1.25, "{} {r:?}", g.item);
    }
    let js = &groups[0].summary;
    for item in EvalItem::ALL {
        assert!(
            mean(js, 1, *item, EvaluatorKind::Other) < mean(js, 0, *item, EvaluatorKind::Other),
            "{item}"
        );
    }

    // Each team sees a joint meeting as 図25 pools it: every member of both
    // teams who rated it (7 people, 「合同進捗会議（７名）」) and the supporters;
    // its own members alone on asking.
    let joint_view = |p: i64, raters: &str| {
        s.evaluations(
            Some(p),
            &EvaluationFilter {
                meetings: "joint".into(),
                joint_raters: raters.into(),
                ..Default::default()
            },
        )
        .unwrap()
    };
    let others = |v: &[bansou::model::evaluation::Evaluation]| {
        v.iter().filter(|e| e.kind == EvaluatorKind::Other).count()
    };
    let selfs = |v: &[bansou::model::evaluation::Evaluation]| {
        v.iter()
            .filter(|e| e.kind == EvaluatorKind::SelfRating)
            .count()
    };
    for p in [y.id, i.id] {
        let pooled = joint_view(p, "");
        assert_eq!((others(&pooled), selfs(&pooled)), (2 * 7, 2 * 6));
        let team_view = summarize_groups(&pooled, Some(MeetingGroup::Joint));
        assert_eq!(team_view[0].summary.gaps, groups[0].summary.gaps, "as 図25");
    }
    let (yj, ij) = (joint_view(y.id, "own"), joint_view(i.id, "own"));
    assert_eq!((others(&yj), others(&ij)), (2 * 3, 2 * 4));
    assert_eq!((selfs(&yj), selfs(&ij)), (2 * 6, 2 * 6));
}

#[test]
fn a_table_and_its_sentence_round_every_gap_the_same_way() {
    let (_dir, s) = loaded();
    let all = s.evaluations(None, &EvaluationFilter::default()).unwrap();
    let mut checked = 0;
    for p in s.projects().unwrap() {
        let evals = s
            .evaluations(Some(p.id), &EvaluationFilter::default())
            .unwrap();
        for g in summarize_groups(&evals, None)
            .into_iter()
            .chain(summarize_groups(&all, None))
        {
            let sentence = g.summary.sentence.unwrap_or_default();
            for gap in &g.summary.gaps {
                let label = gap.range_label.as_deref().unwrap();
                // The sentence names each range as the table's label says it.
                assert!(
                    sentence.contains(&format!("{label}ポイント")),
                    "{label} in {sentence}"
                );
                checked += 1;
            }
        }
    }
    assert!(checked >= 16);
    // 1.25 rounds to 1.3 in both (Rust's {:.1} would print 1.2: banker's rounding).
    let r = bansou::analysis::evaluation::GapRange {
        low: 0.25,
        high: 1.25,
    };
    assert_eq!(r.label(), "0.3〜1.3");
}

#[test]
fn the_program_and_its_meetings_follow_the_report() {
    let (_dir, s) = loaded();
    let program = &s.programs().unwrap()[0];
    // 「事業受託者である日本理学療法士協会及び日本作業療法士協会」; the owner is the 公衆衛生協会.
    assert_eq!(program.organizer, "日本理学療法士協会・日本作業療法士協会");
    assert!(program.who_runs_it().starts_with("事業受託者："));
    assert!(program.note.contains("本事業の本体：公衆衛生協会"));
    // The 研修会: 令和6年10月5日（土）10時〜16時, online.
    let training = s
        .program_meetings(program.id)
        .unwrap()
        .into_iter()
        .find(|m| m.kind.label() == "研修会")
        .unwrap();
    assert_eq!(training.held_on, d("2024-10-05"));
    assert_eq!(
        (training.start_time.as_deref(), training.end_time.as_deref()),
        (Some("10:00"), Some("16:00"))
    );
    assert_eq!(training.format.label(), "オンライン");
}

#[test]
fn supporters_join_at_the_orientation_and_the_leader_and_secretariat_sit_in() {
    let (_dir, s) = loaded();
    let orientation = d("2024-06-20");
    for name in ["山口", "茨城"] {
        let p = s.resolve_project(name).unwrap();
        for m in s.meetings(p.id, &MeetingFilter::default()).unwrap() {
            let roles: Vec<Role> = m.participants.iter().map(|x| x.role).collect();
            let supporters = roles
                .iter()
                .any(|r| matches!(r, Role::Supporter | Role::SupporterLeader));
            if m.held_on < orientation {
                // 「6月20日：事業オリエンテーション、伴走支援チームとの顔合わせ」.
                assert!(!supporters, "{name} {} {}", m.held_on, m.title);
            } else if m.kind.label() == "チーム会議" {
                // 「両チームの会議には伴走支援班のリーダーおよび事務局が同席し」.
                assert!(
                    roles.contains(&Role::SupporterLeader),
                    "{name} {}",
                    m.held_on
                );
                assert!(roles.contains(&Role::Secretariat), "{name} {}", m.held_on);
            }
        }
    }
}

#[test]
fn open_issues_are_not_marked_done_and_the_resources_are_the_report_s() {
    let (_dir, s) = loaded();
    let today = d("2025-03-31");
    for name in ["山口", "茨城"] {
        let p = s.resolve_project(name).unwrap();
        // 人材確保・体制づくり is a 課題 of both teams (図16; 第3節).
        let checklist = s.checklist(p.id, today).unwrap();
        for key in ["inner.4", "inner.5"] {
            let item = checklist
                .items
                .iter()
                .find(|x| x.template_key.as_deref() == Some(key))
                .unwrap();
            assert_ne!(item.status.label(), "完了", "{name} {key}");
        }
        // The multi-year plan: 令和6 計画, 令和7 実施; nothing later has a year.
        let plan = s.plan(p.id).unwrap();
        assert!(
            plan.iter().all(|st| st.fiscal_year <= 2025),
            "{name}: {plan:?}"
        );
    }
    let i = s.resolve_project("茨城").unwrap();
    let later = s
        .plan(i.id)
        .unwrap()
        .into_iter()
        .find(|st| st.fiscal_year == 2025)
        .unwrap();
    assert!(later.note.contains("継続実施") && later.note.contains("関連団体との協働実施へ"));
    // 協会けんぽ and 産保センター: met face to face, advice and a request discussed.
    for org in s.stakeholders(i.id).unwrap().iter().filter(|o| {
        o.name.contains("全国健康保険協会") || o.name.contains("産業保健総合支援センター")
    }) {
        assert!(
            org.log
                .iter()
                .any(|l| l.summary.contains("対面") && l.summary.contains("助言")),
            "{}",
            org.name
        );
        assert_eq!(org.state.label(), "協議中", "{}", org.name);
    }
    let library = s.resource_library().unwrap();
    // 「茨城労働基準監督署における令和６年度の労働災害の統計情報」.
    let stats: Vec<_> = library
        .iter()
        .filter(|r| r.category.label() == "統計")
        .collect();
    assert!(!stats.is_empty());
    assert!(
        stats.iter().all(|r| r.title.contains("労働基準監督署")),
        "{stats:?}"
    );
    // Information without an address: 「心のサポーター養成…100万人」.
    let info = library
        .iter()
        .find(|r| r.title.contains("心のサポーター"))
        .unwrap();
    assert!(info.url.is_empty() && info.file_path.is_empty());
    assert!(info.note.contains("100万人"));
    // Each about its prefecture or the whole country.
    assert!(library.iter().any(|r| r.prefecture == "山口県"));
    assert!(library.iter().any(|r| r.prefecture == "茨城県"));
    assert!(library
        .iter()
        .filter(|r| r.title.contains("エイジフレンドリー"))
        .all(|r| r.prefecture == "全国"));
}

/// Every test file and fixture: no person of them bears a surname of the report.
#[test]
fn no_test_fixture_uses_a_surname_from_the_report() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let mut stack = vec![
        root.join("tests"),
        root.join("src"),
        root.join("ui/src"),
        root.join("assets/demo"),
        root.join("src-tauri/src"),
        root.join("src-tauri/tests"),
    ];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if path.is_dir() {
                if name != "node_modules" && name != "bindings" {
                    stack.push(path);
                }
            } else if path != root.join("tests/demo.rs") {
                files.push(path);
            }
        }
    }
    assert!(files.len() > 50);
    for f in files {
        // The fixtures include SQLite files: their text is read as it is.
        let text = String::from_utf8_lossy(&std::fs::read(&f).unwrap()).to_string();
        for (surname, _) in REPORT_PEOPLE {
            assert!(
                !text.contains(surname),
                "{} holds the report's surname {surname}",
                f.display()
            );
        }
    }
}

/// The report's networks (KH Coder's default) keep nouns apart: 茨城's 9/27
/// 他者評価 draws 「提案」 with 「出前」「講座」「資料」 and 「産業」, as its text says.
#[test]
fn the_networks_draw_the_report_s_words_with_nouns_apart() {
    let (_dir, mut s) = loaded();
    let i = s.resolve_project("茨城").unwrap();
    let a = bansou::analysis::cooc::text_analysis(
        &mut s,
        Some(i.id),
        &bansou::model::cooc::TextFilter::default(),
    )
    .unwrap();
    assert!(!a.compounds);
    assert!(a
        .settings_line()
        .contains("名詞はつなげない（報告書と同じ）"));
    let m = a
        .per_meeting
        .iter()
        .find(|m| m.held_on == d("2024-09-27"))
        .unwrap();
    let drawn: Vec<&str> = m.other.nodes.iter().map(|n| n.word.as_str()).collect();
    for w in ["提案", "出前", "講座", "資料", "産業"] {
        assert!(drawn.contains(&w), "{w} in {drawn:?}");
    }
}
