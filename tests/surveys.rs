//! アンケート on real database files: the demo's published shares, answers
//! checked against their questions, CSV imports as Google Forms writes them,
//! surveys travelling in a project's bundle, and the PDFs read back.

mod common;

use bansou::analysis::survey::{percent, results, QuestionResult};
use bansou::files::evaluation_csv::read_table;
use bansou::files::survey_csv;
use bansou::model::survey::{Answer, AnswerInput, QuestionInput, ResponseInput, SurveyInput};
use bansou::store::record::{SurveyQuestions, SurveyResponses, Surveys};
use bansou::{demo, Store};

fn demo_store() -> (tempfile::TempDir, Store) {
    let (dir, _path, mut s) = common::store();
    demo::load(&mut s).unwrap();
    (dir, s)
}

/// The printed shares of a question: 「56.3%」…
fn printed(q: &QuestionResult) -> Vec<String> {
    q.options.iter().map(|o| percent(o.share)).collect()
}

fn counts(q: &QuestionResult) -> Vec<u32> {
    q.options.iter().map(|o| o.count).collect()
}

#[test]
fn the_demo_is_the_report_s_one_questionnaire_with_every_printed_share_and_base() {
    let (_dir, s) = demo_store();
    let training = s.resolve_survey("研修会").unwrap();
    assert_eq!(
        training.meeting.as_deref(),
        Some("研修会（オンライン）（令和6年10月5日）")
    );
    assert_eq!(training.questions.len(), 14, "問1〜14, one questionnaire");
    assert!(
        s.surveys()
            .unwrap()
            .iter()
            .all(|x| !x.title.contains("士会の取り組み状況")),
        "no separate survey of the societies"
    );
    let report = bansou::analysis::survey::report(&s, training.id, None).unwrap();
    let r = &report.results;
    let q = |n: usize| &r.questions[n - 1];
    assert_eq!((r.n, r.participants), (48, Some(54)));
    assert_eq!(percent(r.response_rate.unwrap()), "88.9%", "回収率 89%");
    assert_eq!(printed(q(1)), ["43.8%", "56.3%"], "PT 21 / OT 27");
    assert_eq!(printed(q(4)), ["56.3%", "41.7%", "2.1%", "0%", "0%"]);
    assert_eq!(
        q(4).sentence.as_deref(),
        Some("5点（非常に満足）・4点（満足）を合わせると98%")
    );
    assert_eq!(printed(q(5)), ["43.8%", "35.4%", "18.8%", "2.1%", "0%"]);
    // The report prints 31.10% for 15 of 48 (31.25%): the count is followed.
    assert_eq!(counts(q(6))[..3], [29, 15, 4]);
    assert_eq!(printed(q(6))[..3], ["60.4%", "31.3%", "8.3%"]);
    assert_eq!(printed(q(7))[..3], ["58.3%", "35.4%", "6.3%"]);
    for n in 4..=7 {
        assert_eq!((q(n).base, q(n).base_label.as_str()), (48, "回答 48件"));
    }

    // 自由記載: the report's grouped answers with their counts, in its order.
    let groups: Vec<String> = q(8)
        .text_groups
        .iter()
        .map(QuestionResult::group_line)
        .collect();
    assert_eq!(
        groups,
        [
            "士会内での情報共有・情報収集（21件）",
            "県内リハ職向けの普及啓発と人材育成（7件）",
            "成人の健康づくりに対する事業担当部署設置検討、事業計画検討（12件）",
            "現在実施している事業（もしくは関連事業）継続と拡大（7件）",
            "エイジフレンドリー補助金等の助成制度活用の検討（4件）",
            "士会員が保健医療圏域で取り組んでいる産業リハへの継続支援",
            "メンタルヘルス対策への取り組み",
            "腰痛予防対策には取り組み（2件）",
            "事業啓発・人材確保に向けたリーフレット製作（士会会員への発信、関連団体への発信）",
            "経験豊かな会員（シニア会員）の事業への協力への意向調査",
            "事業展開にあたりフォーマットの検討",
            "産業保健領域での作業療法士の役割の検討",
            "現段階では困難",
        ]
    );

    // 設問10: 50% of 48 now, 37.5% the year before, both bases printed.
    assert_eq!((q(10).base, printed(q(10))[0].as_str()), (48, "50%"));
    let before = q(10)
        .previous
        .as_ref()
        .expect("compared with the previous round");
    assert_eq!(before.title, "前年度のアンケート（令和5年度）");
    assert_eq!(
        before.lines[0],
        "検討している：37.5%（40件中15件） → 50%（48件中24件）"
    );

    // 問11, asked of the 24 considering it: its shares are of those 24, 無回答 among them.
    let triggers = q(11);
    assert_eq!(
        triggers.condition.as_deref(),
        Some("問10で「検討している」と答えた方のみ")
    );
    assert_eq!(
        (triggers.asked, triggers.answered, triggers.base),
        (24, 23, 24)
    );
    assert_eq!(triggers.blank, Some(1));
    assert_eq!(
        printed(triggers),
        ["45.8%", "45.8%", "4.2%", "4.2%", "4.2%", "4.2%"]
    );
    assert_eq!(triggers.options.last().unwrap().label, "無回答");
    assert_eq!(
        triggers.base_label,
        "24件（問10で「検討している」と答えた方のみ）・うち無回答 1件"
    );
    assert!(triggers
        .sentence
        .as_deref()
        .unwrap()
        .contains("100%を超えます"));

    // 問12 of 48: 取り組めている 10 (21%), 取り組めていない 38 (79%).
    assert_eq!((q(12).base, counts(q(12))), (48, vec![10, 38]));
    let whole: Vec<f64> = q(12).options.iter().map(|o| o.share.round()).collect();
    assert_eq!(whole, [21.0, 79.0]);

    // 問13, asked of the 10 working on it: the slide's counts.
    let grid = q(13);
    assert_eq!((grid.asked, grid.answered), (10, 10));
    let cells: Vec<Vec<u32>> = grid.rows.iter().map(rows_of).collect();
    assert_eq!(
        cells,
        [
            vec![0, 0, 2], // メンタルヘルス対策: 個別・情報配信・集団
            vec![0, 2, 7], // 転倒予防
            vec![1, 3, 8], // 腰痛予防
            vec![0, 0, 3], // 生活習慣病予防
        ]
    );

    // 問14, asked of the 38 not working on it.
    let barriers = q(14);
    assert_eq!(barriers.asked, 38);
    let yes: Vec<(u32, u32, String)> = barriers
        .rows
        .iter()
        .map(|row| {
            (
                row.options[0].count,
                row.answered,
                percent(row.options[0].share),
            )
        })
        .collect();
    assert_eq!(
        yes,
        [
            (11, 38, "28.9%".to_owned()),
            (22, 38, "57.9%".to_owned()),
            (23, 38, "60.5%".to_owned()),
            (25, 38, "65.8%".to_owned()),
            (10, 38, "26.3%".to_owned()),
        ]
    );
}

fn rows_of(q: &bansou::analysis::survey::RowResult) -> Vec<u32> {
    q.options.iter().map(|o| o.count).collect()
}

fn sheet(answers: Vec<(i64, Answer)>) -> ResponseInput {
    ResponseInput {
        answered_on: String::new(),
        source: "紙".into(),
        answers: answers
            .into_iter()
            .map(|(question_id, answer)| AnswerInput {
                question_id,
                answer: Some(answer),
            })
            .collect(),
    }
}

#[test]
fn a_paper_sheet_is_checked_against_its_questions_and_nothing_partial_is_written() {
    let (_dir, mut s) = demo_store();
    let t = s.resolve_survey("研修会").unwrap();
    let q: Vec<i64> = t.questions.iter().map(|q| q.id).collect();
    let good = vec![
        (q[0], Answer::Choice(0)),
        (q[2], Answer::Choice(34)),
        (q[3], Answer::Score(5)),
        (q[4], Answer::Score(4)),
        (q[5], Answer::Score(4)),
        (q[6], Answer::Score(3)),
    ];
    // 6 points, a prefecture that is not there, and a missing required answer.
    let mut bad = good.clone();
    bad[2] = (q[3], Answer::Score(6));
    bad[1] = (q[2], Answer::Choice(47));
    bad.pop();
    let e = s.add_response(t.id, &sheet(bad)).unwrap_err();
    let messages: Vec<&str> = e.fields().iter().map(|f| f.message.as_str()).collect();
    assert!(
        messages.iter().any(
            |m| m.starts_with("問4（研修会全体の満足度") && m.ends_with("1〜5で答えてください")
        ),
        "{messages:?}"
    );
    assert!(messages
        .iter()
        .any(|m| m.starts_with("問3（所属の都道府県）") && m.contains("その選択肢はありません")));
    assert!(messages
        .iter()
        .any(|m| m.starts_with("問7") && m.contains("必須の質問")));
    assert_eq!(s.responses(t.id).unwrap().len(), 48, "nothing written");

    let r = s.add_response(t.id, &sheet(good.clone())).unwrap();
    assert_eq!(r.number, 49);
    let mut changed = good;
    changed[2] = (q[3], Answer::Score(4));
    let r2 = s.update_response(r.id, &sheet(changed)).unwrap();
    assert_eq!(r2.answer(q[3]), Some(&Answer::Score(4)));
    assert_eq!(s.survey(t.id).unwrap().responses, 49);

    // Answered questions keep their shape; wording may change.
    let satisfaction = &t.questions[3];
    let mut edit = QuestionInput {
        kind: "単一選択".into(),
        text: satisfaction.text.clone(),
        required: true,
        options: "はい\nいいえ".into(),
        ..Default::default()
    };
    assert!(s.update_question(satisfaction.id, &edit).is_err());
    edit.kind = "5段階".into();
    edit.options = "とても満足\n満足\nふつう\nやや不満\n不満".into();
    let renamed = s.update_question(satisfaction.id, &edit).unwrap();
    assert_eq!(renamed.questions[3].options[0], "とても満足");
    let e = s.delete_question(satisfaction.id).unwrap_err();
    assert!(e.fields()[0].message.contains("回答が49件"), "{e:?}");
    let moved = s.move_question(t.questions[7].id, true).unwrap();
    assert_eq!(moved.questions[6].id, t.questions[7].id);
    assert_eq!(moved.questions[6].number, 7);
}

const FORMS_CSV: &str = "タイムスタンプ,職種,氏名,所属の都道府県,4. 研修会全体の満足度についてお答えください,厚生労働省の講演の理解度についてお答えください,保健師の講演の理解度についてお答えください,モデルチームの講演の理解度についてお答えください,メールアドレス
2024/10/05 16:01:10,作業療法士（OT）,,山口県,非常に満足,とても理解できた,理解できた,5,a@example.jp
2024/10/05 16:02:44,理学療法士（PT）,,茨城県,満足,4,4,4,
2024/10/05 16:03:05,言語聴覚士（ST）,,東京都,満足,4,4,4,
2024/10/05 16:04:51,作業療法士（OT）,,大阪府,7,4,4,4,
,作業療法士（OT）,,福岡県,満足,4,4,,
";

#[test]
fn answers_come_in_from_a_google_forms_csv_once_and_bad_rows_are_named() {
    let (_dir, mut s) = demo_store();
    let t = s.resolve_survey("研修会").unwrap();
    let table = read_table(FORMS_CSV.as_bytes()).unwrap();
    let p = survey_csv::import(&mut s, t.id, &table, None, true).unwrap();
    assert_eq!(p.unused, ["タイムスタンプ", "メールアドレス"]);
    assert_eq!((p.sheets, p.new, p.already), (2, 2, 0));
    let reasons: Vec<(u32, &str)> = p
        .refused
        .iter()
        .map(|r| (r.row, r.reason.as_str()))
        .collect();
    assert_eq!(reasons.len(), 3, "{reasons:?}");
    assert_eq!(reasons[0].0, 4);
    assert!(
        reasons[0]
            .1
            .starts_with("問1（職種）：選択肢にない答え「言語聴覚士（ST）」"),
        "{reasons:?}"
    );
    assert_eq!(reasons[1].0, 5);
    assert!(reasons[1].1.contains("1〜5でない点数「7」"));
    assert_eq!(reasons[2].0, 6);
    assert!(reasons[2].1.contains("問7") && reasons[2].1.contains("必須"));
    assert_eq!(
        s.responses(t.id).unwrap().len(),
        48,
        "a dry run writes nothing"
    );

    let done = survey_csv::import(&mut s, t.id, &table, None, false).unwrap();
    assert_eq!(done.new, 2);
    let sheets = s.responses(t.id).unwrap();
    assert_eq!(sheets.len(), 50);
    let last = sheets.last().unwrap();
    assert_eq!(
        last.answer(t.questions[3].id),
        Some(&Answer::Score(4)),
        "満足 is 4 points"
    );
    assert_eq!(
        last.answer(t.questions[2].id),
        Some(&Answer::Choice(7)),
        "茨城県"
    );
    let again = survey_csv::import(&mut s, t.id, &table, None, false).unwrap();
    assert_eq!((again.new, again.already), (0, 2));
    assert_eq!(
        s.responses(t.id).unwrap().len(),
        50,
        "the same file twice adds nothing"
    );

    // Two people who answered alike are two sheets.
    let twins = "職種,所属の都道府県,研修会全体の満足度についてお答えください,厚生労働省の講演の理解度についてお答えください,保健師の講演の理解度についてお答えください,モデルチームの講演の理解度についてお答えください\n\
                 作業療法士（OT）,山口県,5,5,5,5\n作業療法士（OT）,山口県,5,5,5,5\n";
    let done = survey_csv::import(
        &mut s,
        t.id,
        &read_table(twins.as_bytes()).unwrap(),
        None,
        false,
    )
    .unwrap();
    assert_eq!(done.new, 2);
}

#[test]
fn a_csv_leaves_what_was_not_asked_empty_and_names_an_answer_that_was_not_asked_for() {
    let (_dir, mut s) = demo_store();
    let t = s.resolve_survey("研修会").unwrap();
    let q12 = "高齢者を除く特定保健指導の対象者や40歳以上の成人等を対象とした健康づくりについて";
    let q14 = "次の理由により取り組めていないか、それぞれお答えください";
    let csv = format!(
        "職種,所属の都道府県,研修会全体の満足度についてお答えください,厚生労働省の講演の理解度についてお答えください,保健師の講演の理解度についてお答えください,モデルチームの講演の理解度についてお答えください,成人の健康づくりに関する事業を検討していますか,【複数回答可】検討に至ったきっかけ,{q12},【複数回答可】{q12} [腰痛予防],{q14} [①ヒト（対応できる人材がいない、組織がない等）に関する理由により取り組めていない],{q14} [③カネ（事業運営費用が捻出できない等）に関する理由により取り組めていない]\n\
         理学療法士（PT）,長崎県,5,5,5,5,検討している,\"他団体（市町村含む）等の外部からの依頼, 前回の会議に参加し、そこから対応していく方向性を士会内で確認、検討し始めた\",取り組めていない,,当てはまる,当てはまらない\n\
         作業療法士（OT）,長崎県,5,5,5,5,検討していない,,取り組めている,集団への教育,,\n\
         作業療法士（OT）,佐賀県,5,5,5,5,検討していない,他団体（市町村含む）等の外部からの依頼,取り組めている,,,\n"
    );
    let table = read_table(csv.as_bytes()).unwrap();
    let mapping = survey_csv::guess(&t, &table.headers);
    assert_eq!(mapping.len(), 12, "{mapping:?}");
    assert_eq!(
        (mapping[9].question_id, mapping[9].row),
        (t.questions[12].id, Some(2))
    );
    assert_eq!(mapping[11].row, Some(2));
    let done = survey_csv::import(&mut s, t.id, &table, None, false).unwrap();
    assert_eq!(done.new, 2, "{:?}", done.refused);
    assert_eq!(done.refused.len(), 1);
    assert_eq!(done.refused[0].row, 4);
    assert!(
        done.refused[0]
            .reason
            .contains("問11（【複数回答可】検討に至ったきっかけ）は、問10で「検討している」と答えた方のみにたずねる質問です"),
        "{:?}",
        done.refused
    );
    let sheets = s.responses(t.id).unwrap();
    let (a, b) = (&sheets[48], &sheets[49]);
    let id = |n: usize| t.questions[n - 1].id;
    assert_eq!(a.answer(id(11)), Some(&Answer::Choices(vec![0, 4])));
    assert_eq!(
        a.answer(id(14)),
        Some(&Answer::Rows(vec![
            Some(true),
            None,
            Some(false),
            None,
            None
        ]))
    );
    assert_eq!(a.answer(id(13)), None, "not asked, left empty");
    assert_eq!(
        b.answer(id(13)),
        Some(&Answer::Grid(vec![vec![], vec![], vec![2], vec![]]))
    );
    assert_eq!((b.answer(id(11)), b.answer(id(14))), (None, None));
}

/// A project survey: 問1 (はい／いいえ) and 問2, required but asked only after はい.
fn conditional_survey(s: &mut Store) -> bansou::model::survey::Survey {
    let p = s.resolve_project("山口").unwrap();
    let survey = s
        .create_survey(
            None,
            Some(p.id),
            &SurveyInput {
                title: "職員アンケート".into(),
                ..Default::default()
            },
            None,
        )
        .unwrap();
    let first = s
        .add_question(
            survey.id,
            &QuestionInput {
                kind: "単一選択".into(),
                text: "腰痛がありますか".into(),
                options: "はい\nいいえ".into(),
                ..Default::default()
            },
        )
        .unwrap();
    s.add_question(
        survey.id,
        &QuestionInput {
            kind: "5段階".into(),
            text: "腰痛のつらさ".into(),
            required: true,
            show_if_question: Some(first.questions[0].id),
            show_if_options: vec![0],
            ..Default::default()
        },
    )
    .unwrap()
}

#[test]
fn skip_logic_is_a_question_s_property_kept_in_order_and_carried_to_another_pc() {
    let (_dir, mut s) = demo_store();
    let survey = conditional_survey(&mut s);
    let (q1, q2) = (&survey.questions[0], &survey.questions[1]);
    let cond = q2.show_if.as_ref().unwrap();
    assert_eq!((cond.question_id, cond.number), (q1.id, 1));
    assert_eq!(cond.text, "問1で「はい」と答えた方のみ");
    // Required only of those asked; an answer nobody asked for is named.
    s.add_response(survey.id, &sheet(vec![(q1.id, Answer::Choice(1))]))
        .unwrap();
    let e = s
        .add_response(survey.id, &sheet(vec![(q1.id, Answer::Choice(0))]))
        .unwrap_err();
    assert!(e.fields()[0].message.contains("必須の質問"), "{e:?}");
    let e = s
        .add_response(
            survey.id,
            &sheet(vec![(q1.id, Answer::Choice(1)), (q2.id, Answer::Score(4))]),
        )
        .unwrap_err();
    assert!(
        e.fields()[0]
            .message
            .contains("問1で「はい」と答えた方のみ"),
        "{e:?}"
    );
    s.add_response(
        survey.id,
        &sheet(vec![(q1.id, Answer::Choice(0)), (q2.id, Answer::Score(2))]),
    )
    .unwrap();
    let r = results(
        &s.survey(survey.id).unwrap(),
        &s.responses(survey.id).unwrap(),
    );
    assert_eq!(
        (r.questions[1].asked, r.questions[1].base),
        (1, 1),
        "of the one asked"
    );

    // The condition keeps its question earlier, single-choice, with that option.
    let later = QuestionInput {
        kind: "単一選択".into(),
        text: "問3".into(),
        options: "a\nb".into(),
        ..Default::default()
    };
    let three = s.add_question(survey.id, &later).unwrap().questions[2].id;
    let pointing_forward = QuestionInput {
        show_if_question: Some(three),
        show_if_options: vec![0],
        ..later.clone()
    };
    let e = s.update_question(q1.id, &pointing_forward).unwrap_err();
    assert_eq!(e.fields()[0].field, "show_if_question");
    let e = s.move_question(q2.id, true).unwrap_err();
    assert!(e.fields()[0].message.contains("前には移せません"), "{e:?}");
    let e = s.delete_question(q1.id).unwrap_err();
    assert!(
        e.fields()[0].message.contains("表示条件に使われている"),
        "{e:?}"
    );
    let not_single = QuestionInput {
        kind: "複数選択".into(),
        text: q1.text.clone(),
        options: "はい\nいいえ".into(),
        ..Default::default()
    };
    assert!(s.update_question(q1.id, &not_single).is_err());
    let on_a_scale = QuestionInput {
        show_if_question: Some(q2.id),
        show_if_options: vec![0],
        ..later
    };
    let e = s.update_question(three, &on_a_scale).unwrap_err();
    assert!(e.fields()[0].message.contains("単一選択"), "{e:?}");
    assert_eq!(
        s.survey(survey.id).unwrap().questions[2].show_if,
        None,
        "nothing changed"
    );

    // It travels with the question.
    let p = s.resolve_project("山口").unwrap();
    let bundle = s.project_bundle(p.id).unwrap();
    let (_dir2, _p2, mut other) = common::store();
    other.import_bundle(&bundle, &Default::default()).unwrap();
    let there = other.resolve_survey("職員アンケート").unwrap();
    let cond = there.questions[1]
        .show_if
        .as_ref()
        .expect("the condition arrived");
    assert_eq!(
        (cond.question_id, cond.options.as_slice()),
        (there.questions[0].id, &[0][..])
    );
    let r = results(&there, &other.responses(there.id).unwrap());
    assert_eq!(r.questions[1].asked, 1);
}

#[test]
fn a_team_s_survey_travels_in_its_bundle_and_a_misfit_answer_changes_nothing() {
    let (_dir, mut team) = demo_store();
    let p = team.resolve_project("山口").unwrap();
    let survey = team
        .create_survey(
            None,
            Some(p.id),
            &SurveyInput {
                title: "腰痛予防対策研修会アンケート".into(),
                description: String::new(),
                participants: "30".into(),
                meeting_id: None,
                previous_id: None,
            },
            None,
        )
        .unwrap();
    let s = team
        .add_question(
            survey.id,
            &QuestionInput {
                kind: "5段階".into(),
                text: "研修会全体の満足度についてお答えください".into(),
                required: true,
                ..Default::default()
            },
        )
        .unwrap();
    let q = s.questions[0].id;
    for score in [5, 4, 4] {
        team.add_response(survey.id, &sheet(vec![(q, Answer::Score(score))]))
            .unwrap();
    }
    let bundle = team.project_bundle(p.id).unwrap();
    let surveys = bundle.records::<Surveys>().unwrap();
    assert_eq!(
        (
            surveys.len(),
            bundle.records::<SurveyQuestions>().unwrap().len(),
            bundle.records::<SurveyResponses>().unwrap().len()
        ),
        (1, 1, 3)
    );
    assert!(
        surveys.iter().all(|r| r.data.title != "研修会アンケート"),
        "the program's stay home"
    );

    let (_dir2, _p2, mut other) = common::store();
    let first = other.import_bundle(&bundle, &Default::default()).unwrap();
    assert!(first.added >= 5);
    let there = other.resolve_survey("腰痛予防対策").unwrap();
    let r = results(&there, &other.responses(there.id).unwrap());
    assert_eq!(
        (r.n, r.questions[0].top2.map(|t| t.round())),
        (3, Some(100.0))
    );

    // Changed there, it comes back as an update.
    let answer = other.responses(there.id).unwrap()[0].id;
    other
        .update_response(
            answer,
            &sheet(vec![(there.questions[0].id, Answer::Score(2))]),
        )
        .unwrap();
    let back = other
        .project_bundle(other.resolve_project("山口").unwrap().id)
        .unwrap();
    let summary = team.import_bundle(&back, &Default::default()).unwrap();
    assert!(summary.updated >= 1, "{summary:?}");
    let r = results(&s, &team.responses(survey.id).unwrap());
    assert_eq!(r.questions[0].options[3].count, 1, "the 2 points arrived");

    // A hostile file: an answer that does not fit its question is refused whole.
    let mut hostile = back.clone();
    let mut sheets = hostile.records::<SurveyResponses>().unwrap();
    sheets[1].data.answers[0].answer = Answer::Score(9);
    hostile.set_records::<SurveyResponses>(&sheets);
    let (_dir3, _p3, mut third) = common::store();
    let projects_before = third.projects().unwrap().len();
    let err = third
        .import_bundle(&hostile, &Default::default())
        .unwrap_err();
    assert!(
        err.fields().iter().any(|f| f.message.contains("1〜5")),
        "{err:?}"
    );
    assert_eq!(
        third.projects().unwrap().len(),
        projects_before,
        "nothing changed"
    );
    assert!(
        third.surveys().unwrap().is_empty(),
        "no survey half-arrived"
    );
}

#[test]
fn the_form_and_the_results_read_back_from_their_pdfs() {
    let (dir, s) = demo_store();
    let t = s.resolve_survey("研修会").unwrap();
    let form = bansou::report::survey::form_pdf(&t, chrono::Local::now());
    let path = dir.path().join("form.pdf");
    std::fs::write(&path, &form.bytes).unwrap();
    let text = common::pdf_text(&path);
    for want in [
        "研修会アンケート",
        "問4研修会全体の満足度についてお答えください（必須）（1つに○）",
        "○5非常に満足",
        "○1不満",
        "○理学療法士（PT）",
        "○沖縄県",
        "※問10で「検討している」と答えた方がお答えください",
        "※問12で「取り組めていない」と答えた方がお答えください",
    ] {
        assert!(text.contains(want), "form lacks {want}");
    }

    let report = bansou::analysis::survey::report(&s, t.id, Some(t.questions[0].id)).unwrap();
    let (r, groups) = (&report.results, &report.groups);
    let pdf = bansou::report::survey::results_pdf(r, groups, Some("職種"), chrono::Local::now());
    let path = dir.path().join("results.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    let text = common::pdf_text(&path);
    for want in [
        "回答48件／参加者54名（回収率88.9%）",
        "5点（非常に満足）・4点（満足）を合わせると98%",
        "56.3%（27）",
        "職種別の集計",
        "理学療法士（PT）（21件）",
        "作業療法士（OT）（27件）",
        "士会内での情報共有・情報収集（21件）",
        "24件（問10で「検討している」と答えた方のみ）・うち無回答1件",
        "前回（前年度のアンケート（令和5年度））との比較",
        "検討している：37.5%（40件中15件）→50%（48件中24件）",
        "回答38件（問12で「取り組めていない」と答えた方のみ）",
    ] {
        assert!(text.contains(want), "results lack {want}: {text}");
    }
    assert!(pdf.pages >= 3, "{} pages", pdf.pages);

    let csv = String::from_utf8(bansou::files::csv::survey_results_csv(r).unwrap()).unwrap();
    assert!(
        csv.contains("問4,研修会全体の満足度についてお答えください,5段階,,非常に満足,27,48,56.3"),
        "{csv}"
    );
}
