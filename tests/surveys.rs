//! アンケート on real database files: the demo's published shares, answers
//! checked against their questions, CSV imports as Google Forms writes them,
//! surveys travelling in a project's bundle, and the PDFs read back.

mod common;

use bansou::analysis::survey::{cross_tab, percent, results};
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

#[test]
fn the_demo_reproduces_the_report_s_published_shares() {
    let (_dir, s) = demo_store();
    let training = s.resolve_survey("研修会").unwrap();
    assert_eq!(
        training.meeting.as_deref(),
        Some("研修会（オンライン）（令和6年10月5日）")
    );
    let r = results(&training, &s.responses(training.id).unwrap());
    assert_eq!((r.n, r.participants), (48, Some(54)));
    assert_eq!(percent(r.response_rate.unwrap()), "88.9%");
    let shares = |i: usize| -> Vec<String> {
        r.questions[i]
            .options
            .iter()
            .map(|o| percent(o.share))
            .collect()
    };
    assert_eq!(shares(0), ["43.8%", "56.3%"], "PT 21 / OT 27");
    assert_eq!(shares(3), ["56.3%", "41.7%", "2.1%", "0%", "0%"]);
    assert_eq!(
        r.questions[3].sentence.as_deref(),
        Some("5点・4点を合わせると98%")
    );
    assert_eq!(shares(4), ["43.8%", "35.4%", "18.8%", "2.1%", "0%"]);
    assert_eq!(shares(5)[0], "60.4%");
    assert_eq!(shares(6)[0], "58.3%");
    assert_eq!(r.questions[7].texts[0], "士会内での情報共有・情報収集");

    let society = s.resolve_survey("士会の取り組み").unwrap();
    let r = results(&society, &s.responses(society.id).unwrap());
    assert_eq!(r.n, 38);
    let barriers = r
        .questions
        .iter()
        .find(|q| q.text.starts_with("次の理由"))
        .unwrap();
    let yes: Vec<(u32, String)> = barriers
        .rows
        .iter()
        .map(|row| (row.options[0].count, percent(row.options[0].share)))
        .collect();
    assert_eq!(
        yes,
        [
            (11, "28.9%".to_owned()),
            (22, "57.9%".to_owned()),
            (23, "60.5%".to_owned()),
            (25, "65.8%".to_owned()),
            (10, "26.3%".to_owned()),
        ]
    );
    assert!(
        barriers.rows.iter().all(|row| row.answered == 38),
        "of 38 societies"
    );
    let working = r
        .questions
        .iter()
        .find(|q| q.text.starts_with("高齢者を除く"))
        .unwrap();
    assert_eq!(
        percent(working.options[0].share),
        "21.1%",
        "取り組めている 21%"
    );
    // The triggers: multiple answers, shares of the 24 who answered, over 100% in all.
    let triggers = r
        .questions
        .iter()
        .find(|q| q.text.contains("きっかけ"))
        .unwrap();
    assert_eq!(triggers.answered, 24);
    assert_eq!(percent(triggers.options[0].share), "45.8%");
    let total: f64 = triggers.options.iter().map(|o| o.share).sum();
    assert!(total > 100.0, "{total}");
    assert!(triggers
        .sentence
        .as_deref()
        .unwrap()
        .contains("100%を超えます"));
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
        section: String::new(),
        required: true,
        options: "はい\nいいえ".into(),
        rows: String::new(),
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
fn a_grid_question_reads_one_column_per_row() {
    let (_dir, mut s) = demo_store();
    let society = s.resolve_survey("士会の取り組み").unwrap();
    let csv = "士会の種別,都道府県,高齢者を除く特定保健指導の対象者や40歳以上の成人等を対象とした健康づくりについて,次の理由により取り組めていないか、それぞれお答えください [①ヒト（対応できる人材がいない、組織がない等）に関する理由により取り組めていない],次の理由により取り組めていないか、それぞれお答えください [③カネ（事業運営費用が捻出できない等）に関する理由により取り組めていない],【複数回答可】検討に至ったきっかけ\n\
               作業療法士会,長崎県,取り組めていない,当てはまる,当てはまらない,\"他団体（市町村含む）等の外部からの依頼, 前回の会議に参加し、そこから対応していく方向性を士会内で確認、検討し始めた\"\n";
    let table = read_table(csv.as_bytes()).unwrap();
    let mapping = survey_csv::guess(&society, &table.headers);
    assert_eq!(mapping.len(), 6, "{mapping:?}");
    assert_eq!(mapping[3].row, Some(0));
    assert_eq!(mapping[4].row, Some(2));
    let done = survey_csv::import(&mut s, society.id, &table, None, false).unwrap();
    assert_eq!(done.new, 1, "{:?}", done.refused);
    let sheet = s.responses(society.id).unwrap().pop().unwrap();
    let grid = society
        .questions
        .iter()
        .find(|q| q.rows.len() == 5)
        .unwrap();
    assert_eq!(
        sheet.answer(grid.id),
        Some(&Answer::Rows(vec![
            Some(true),
            None,
            Some(false),
            None,
            None
        ]))
    );
    let triggers = society
        .questions
        .iter()
        .find(|q| q.text.contains("きっかけ"))
        .unwrap();
    assert_eq!(
        sheet.answer(triggers.id),
        Some(&Answer::Choices(vec![0, 4]))
    );
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
                section: String::new(),
                required: true,
                options: String::new(),
                rows: String::new(),
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
    ] {
        assert!(text.contains(want), "form lacks {want}");
    }

    let responses = s.responses(t.id).unwrap();
    let r = results(&t, &responses);
    let groups = cross_tab(&t, &responses, t.questions[0].id).unwrap();
    let pdf = bansou::report::survey::results_pdf(&r, &groups, Some("職種"), chrono::Local::now());
    let path = dir.path().join("results.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    let text = common::pdf_text(&path);
    for want in [
        "回答48件／参加者54名（回収率88.9%）",
        "5点・4点を合わせると98%",
        "56.3%（27）",
        "職種別の集計",
        "理学療法士（PT）（21件）",
        "作業療法士（OT）（27件）",
        "士会内での情報共有・情報収集",
    ] {
        assert!(text.contains(want), "results lack {want}");
    }
    assert!(pdf.pages >= 3, "{} pages", pdf.pages);

    let csv = String::from_utf8(bansou::files::csv::survey_results_csv(&r).unwrap()).unwrap();
    assert!(
        csv.contains("問4,研修会全体の満足度についてお答えください,5段階,,非常に満足,27,48,56.3"),
        "{csv}"
    );
}
