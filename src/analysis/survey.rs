//! アンケートの集計 as the report shows it (第3章 第3節): n and 回収率, the share
//! of each option among those who answered the question (the denominator is
//! always shown), the top-2 share of a 5段階 question (「5点（非常に満足）・4点（満足）を合わせると
//! 98%」), rows of a grid, the free texts, and the same split by a question
//! such as 職種 (cross-tabulation).

use crate::error::{Error, FieldError, Result};
use crate::model::survey::{Answer, Question, QuestionKind, Response, Survey};
use crate::store::Store;
use serde::Serialize;
use ts_rs::TS;

/// One option: how many chose it, and its share (0–100) of `answered`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct OptionShare {
    pub label: String,
    pub count: u32,
    pub share: f64,
}

/// One row of a 当てはまる／当てはまらない grid or a マトリクス.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RowResult {
    pub label: String,
    /// Sheets that answered this row (the denominator of its shares).
    pub answered: u32,
    pub options: Vec<OptionShare>,
}

/// Identical lines of free text, counted (「士会内での情報共有・情報収集（21件）」).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TextGroup {
    pub text: String,
    pub count: u32,
}

/// One question against the same question of the previous round.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Comparison {
    /// The previous round's title.
    pub title: String,
    /// Its denominator.
    pub base: u32,
    /// Per option (or grid row), previous → now with both bases:
    /// 「検討している：37.5%（40件中15件）→ 50%（48件中24件）」.
    pub lines: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct QuestionResult {
    #[ts(type = "number")]
    pub question_id: i64,
    pub number: u32,
    pub section: String,
    pub kind: QuestionKind,
    pub text: String,
    /// Sheets the question was asked of: all, or (skip logic) those whose
    /// earlier answer leads to it.
    pub asked: u32,
    /// Sheets that answered it.
    pub answered: u32,
    /// The denominator of every share: those who answered, or everyone asked
    /// when 無回答 is counted.
    pub base: u32,
    /// 無回答 (asked, not answered), when the question counts it; it is also
    /// the last of `options`.
    pub blank: Option<u32>,
    /// The skip logic: 「問10で「検討している」と答えた方のみ」.
    pub condition: Option<String>,
    /// The base as printed beside the question: 「回答 38件（問12で「取り組めていない」と答えた方のみ）」.
    pub base_label: String,
    /// Per option (5段階: 5 points first), and 無回答 last when counted.
    pub options: Vec<OptionShare>,
    pub rows: Vec<RowResult>,
    /// 5段階: the share of 5 and 4 points.
    pub top2: Option<f64>,
    /// 5段階: the mean score.
    pub mean: Option<f64>,
    /// The report's way of saying it, naming the options: 「5点（非常に満足）・4点（満足）を合わせると98%」, or that a
    /// multiple-choice question's shares add up to more than 100%.
    pub sentence: Option<String>,
    /// 短い記述・長い記述: what was written, in the order of the sheets.
    pub texts: Vec<String>,
    /// The same, line by line, identical lines counted, in the order they first appear.
    pub text_groups: Vec<TextGroup>,
    /// Against the previous round, when the survey has one with this question.
    pub previous: Option<Comparison>,
}

/// One row of a question's counts table.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CountRow {
    /// The option, or 「row：option」 in a grid.
    pub label: String,
    pub count: u32,
    /// 「56.3%」, or 「60.5%（38件中）」 in a grid, whose rows have their own base.
    pub share: String,
}

/// A question's counts table, as the window and the PDF show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CountTable {
    pub rows: Vec<CountRow>,
    /// What a long list's table leaves out (options no one chose), said
    /// under it.
    pub note: Option<String>,
}

/// Longer option lists (47 都道府県) show only the options chosen.
pub const LONG_LIST: usize = 8;

impl QuestionResult {
    /// The counts table the window and the PDF show under a choice question:
    /// every option (of a long list, those chosen), or each grid row's
    /// options with the row's own base. Empty for free text.
    pub fn count_table(&self) -> CountTable {
        let none = CountTable {
            rows: Vec::new(),
            note: None,
        };
        if matches!(self.kind, QuestionKind::Short | QuestionKind::Long) {
            return none;
        }
        if self.rows.is_empty() {
            let long = self.options.len() > LONG_LIST;
            let (rows, left): (Vec<_>, Vec<_>) =
                self.options.iter().partition(|o| !long || o.count > 0);
            return CountTable {
                rows: rows
                    .into_iter()
                    .map(|o| CountRow {
                        label: o.label.clone(),
                        count: o.count,
                        share: percent(o.share),
                    })
                    .collect(),
                note: (!left.is_empty())
                    .then(|| format!("選ばれなかった{}項目は省いています", left.len())),
            };
        }
        let rows = self
            .rows
            .iter()
            .flat_map(|r| {
                r.options.iter().map(move |o| CountRow {
                    label: format!("{}：{}", r.label, o.label),
                    count: o.count,
                    share: format!("{}（{}件中）", percent(o.share), r.answered),
                })
            })
            .collect();
        CountTable { rows, ..none }
    }

    /// 「士会内での情報共有・情報収集（21件）」, or the line alone when written once.
    pub fn group_line(g: &TextGroup) -> String {
        if g.count > 1 {
            format!("{}（{}件）", g.text, g.count)
        } else {
            g.text.clone()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SurveyResults {
    #[ts(type = "number")]
    pub survey_id: i64,
    pub title: String,
    /// The group of a cross-tabulation (e.g. 「作業療法士（OT）」); None for everyone.
    pub group: Option<String>,
    /// Answer sheets counted.
    pub n: u32,
    pub participants: Option<u32>,
    /// n / participants × 100 (回収率), when the participants are known.
    pub response_rate: Option<f64>,
    pub questions: Vec<QuestionResult>,
}

fn share(count: u32, of: u32) -> f64 {
    if of == 0 {
        0.0
    } else {
        f64::from(count) * 100.0 / f64::from(of)
    }
}

/// 「5点（非常に満足）」: a point and the words of its option, or 「5点」 alone
/// when the option is the number itself (「5」「５点」).
fn point_words(points: u8, label: Option<&String>) -> String {
    let label = label.map(|l| l.trim()).unwrap_or_default();
    let bare: String = crate::wareki::half_width(label)
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '点')
        .collect();
    if label.is_empty() || bare == points.to_string() {
        format!("{points}点")
    } else {
        format!("{points}点（{label}）")
    }
}

fn shares(labels: &[String], counts: &[u32], of: u32) -> Vec<OptionShare> {
    labels
        .iter()
        .zip(counts)
        .map(|(label, &count)| OptionShare {
            label: label.clone(),
            count,
            share: share(count, of),
        })
        .collect()
}

/// A share rounded half up to one decimal, as the report prints 27 of 48 (56.25) as 56.3 —
/// `format!("{:.1}")` alone would round the exact half to even and print 56.2.
pub fn one_decimal(p: f64) -> f64 {
    super::round::round(p, 1)
}

/// A share as the report prints it: 98%, 56.3%.
pub fn percent(p: f64) -> String {
    let r = one_decimal(p);
    if r.fract() == 0.0 {
        format!("{r:.0}%")
    } else {
        format!("{r:.1}%")
    }
}

/// The printed base: how many the shares are of, and who was asked.
fn base_label(answered: u32, asked: u32, blank: Option<u32>, condition: Option<&str>) -> String {
    let who = condition.map(|c| format!("（{c}）")).unwrap_or_default();
    match blank {
        Some(b) => format!("{asked}件{who}・うち無回答 {b}件"),
        None if asked > answered && condition.is_some() => format!(
            "回答 {answered}件（たずねた{asked}件：{}）",
            condition.unwrap_or_default()
        ),
        None => format!("回答 {answered}件{who}"),
    }
}

fn question_result(q: &Question, asked: u32, answers: &[&Answer]) -> QuestionResult {
    let n_opt = q.options.len();
    let answered = answers.len() as u32;
    let blank = q.count_blank.then(|| asked.saturating_sub(answered));
    let base = if blank.is_some() { asked } else { answered };
    let condition = q.show_if.as_ref().map(|c| c.text.clone());
    let mut r = QuestionResult {
        question_id: q.id,
        number: q.number,
        section: q.section.clone(),
        kind: q.kind,
        text: q.text.clone(),
        asked,
        answered,
        base,
        blank,
        base_label: base_label(answered, asked, blank, condition.as_deref()),
        condition,
        options: Vec::new(),
        rows: Vec::new(),
        top2: None,
        mean: None,
        sentence: None,
        texts: Vec::new(),
        text_groups: Vec::new(),
        previous: None,
    };
    match q.kind {
        QuestionKind::Single | QuestionKind::Multiple => {
            let mut counts = vec![0u32; n_opt];
            for a in answers {
                match a {
                    Answer::Choice(i) => counts[*i as usize] += 1,
                    Answer::Choices(v) => v.iter().for_each(|&i| counts[i as usize] += 1),
                    _ => {}
                }
            }
            r.options = shares(&q.options, &counts, base);
            let total: u32 = counts.iter().sum::<u32>() + blank.unwrap_or(0);
            if q.kind == QuestionKind::Multiple && total > base {
                r.sentence = Some(format!(
                    "複数回答のため、割合の合計は100%を超えます（{}）",
                    percent(share(total, base))
                ));
            }
        }
        QuestionKind::Scale => {
            // counts[0] is 5 points, as the labels are.
            let mut counts = [0u32; 5];
            let mut sum = 0u32;
            for a in answers {
                if let Answer::Score(s) = a {
                    counts[5 - usize::from(*s)] += 1;
                    sum += u32::from(*s);
                }
            }
            r.options = shares(&q.options, &counts, base);
            if base > 0 {
                let top2 = share(counts[0] + counts[1], base);
                r.top2 = Some(top2);
                if answered > 0 {
                    r.mean = Some(f64::from(sum) / f64::from(answered));
                }
                // Whole percent, as the report prints it; the points named by
                // their words, as the options rarely say 5点 themselves.
                r.sentence = Some(format!(
                    "{}・{}を合わせると{top2:.0}%",
                    point_words(5, q.options.first()),
                    point_words(4, q.options.get(1))
                ));
            }
        }
        QuestionKind::YesNo | QuestionKind::Matrix => {
            r.rows = q
                .rows
                .iter()
                .enumerate()
                .map(|(row, label)| {
                    let mut counts = vec![0u32; n_opt];
                    let mut of = 0;
                    for a in answers {
                        match a {
                            Answer::Rows(v) => {
                                if let Some(Some(yes)) = v.get(row) {
                                    of += 1;
                                    counts[usize::from(!yes)] += 1;
                                }
                            }
                            Answer::Grid(g) => {
                                // Every sheet that answered the matrix counts for each
                                // row: an empty row means none of its columns.
                                of += 1;
                                for &c in g.get(row).map(Vec::as_slice).unwrap_or(&[]) {
                                    counts[c as usize] += 1;
                                }
                            }
                            _ => {}
                        }
                    }
                    RowResult {
                        label: label.clone(),
                        answered: of,
                        options: shares(&q.options, &counts, of),
                    }
                })
                .collect();
        }
        QuestionKind::Short | QuestionKind::Long => {
            r.texts = answers
                .iter()
                .filter_map(|a| match a {
                    Answer::Text(t) => Some(t.clone()),
                    _ => None,
                })
                .collect();
            r.text_groups = text_groups(&r.texts);
        }
    }
    if let Some(b) = blank {
        if !r.options.is_empty() {
            r.options.push(OptionShare {
                label: "無回答".into(),
                count: b,
                share: share(b, base),
            });
        }
    }
    r
}

/// The lines of free texts, identical ones counted, in order of first appearance.
fn text_groups(texts: &[String]) -> Vec<TextGroup> {
    let mut out: Vec<TextGroup> = Vec::new();
    for line in texts.iter().flat_map(|t| t.lines()).map(str::trim) {
        if line.is_empty() {
            continue;
        }
        match out.iter_mut().find(|g| g.text == line) {
            Some(g) => g.count += 1,
            None => out.push(TextGroup {
                text: line.to_owned(),
                count: 1,
            }),
        }
    }
    out
}

/// The results of `responses` (all of a survey's, or one group's). A
/// question with skip logic counts only the sheets it was asked of.
pub fn results(survey: &Survey, responses: &[Response]) -> SurveyResults {
    let n = responses.len() as u32;
    SurveyResults {
        survey_id: survey.id,
        title: survey.title.clone(),
        group: None,
        n,
        participants: survey.participants,
        response_rate: survey.participants.map(|p| share(n, p)),
        questions: survey
            .questions
            .iter()
            .map(|q| {
                let asked: Vec<&Response> = responses
                    .iter()
                    .filter(|r| survey.asks(q, &|id| r.answer(id).cloned()))
                    .collect();
                let answers: Vec<&Answer> = asked
                    .iter()
                    .filter_map(|r| r.answer(q.id))
                    .filter(|a| q.refuse(a).is_none())
                    .collect();
                question_result(q, asked.len() as u32, &answers)
            })
            .collect(),
    }
}

/// A share with what it is of: 「37.5%（40件中15件）」.
fn with_base(o: &OptionShare, base: u32) -> String {
    format!("{}（{base}件中{}件）", percent(o.share), o.count)
}

/// Puts each question beside the same question (same kind, words and
/// choices) of the previous round, both bases printed.
pub fn compare(now: &mut SurveyResults, previous: &Survey, before: &SurveyResults) {
    for q in &mut now.questions {
        let Some(p) = before.questions.iter().find(|p| {
            p.kind == q.kind
                && p.text == q.text
                && p.rows
                    .iter()
                    .map(|r| &r.label)
                    .eq(q.rows.iter().map(|r| &r.label))
        }) else {
            continue;
        };
        let lines: Vec<String> = match q.kind {
            QuestionKind::Single | QuestionKind::Multiple | QuestionKind::Scale => q
                .options
                .iter()
                .filter_map(|o| {
                    let was = p.options.iter().find(|x| x.label == o.label)?;
                    Some(format!(
                        "{}：{} → {}",
                        o.label,
                        with_base(was, p.base),
                        with_base(o, q.base)
                    ))
                })
                .collect(),
            QuestionKind::YesNo => q
                .rows
                .iter()
                .zip(&p.rows)
                .filter_map(|(r, was)| {
                    let (o, w) = (r.options.first()?, was.options.first()?);
                    Some(format!(
                        "{}（{}）：{} → {}",
                        r.label,
                        o.label,
                        with_base(w, was.answered),
                        with_base(o, r.answered)
                    ))
                })
                .collect(),
            _ => Vec::new(),
        };
        if !lines.is_empty() {
            q.previous = Some(Comparison {
                title: previous.title.clone(),
                base: p.base,
                lines,
            });
        }
    }
}

/// A survey's results as every view shows them (the window, the CLI, the
/// CSV and the PDF): its own sheets compared with its previous round, and
/// one set per group when split by the answer to question `by` (an id).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurveyReport {
    pub survey: Survey,
    pub results: SurveyResults,
    pub groups: Vec<SurveyResults>,
}

pub fn report(store: &Store, survey_id: i64, by: Option<i64>) -> Result<SurveyReport> {
    let survey = store.survey(survey_id)?;
    let responses = store.responses(survey_id)?;
    let mut results = results(&survey, &responses);
    if let Some(p) = survey.previous_id {
        let previous = store.survey(p)?;
        let before = self::results(&previous, &store.responses(p)?);
        compare(&mut results, &previous, &before);
    }
    let groups = by
        .map(|q| cross_tab(&survey, &responses, q))
        .transpose()?
        .unwrap_or_default();
    Ok(SurveyReport {
        survey,
        results,
        groups,
    })
}

/// The results split by the answer to a 単一選択 question (e.g. 職種 PT/OT or
/// 都道府県): one set per option that anyone chose, in the option's order.
pub fn cross_tab(survey: &Survey, responses: &[Response], by: i64) -> Result<Vec<SurveyResults>> {
    let q = survey
        .question(by)
        .ok_or_else(|| Error::not_found("質問", by))?;
    if q.kind != QuestionKind::Single {
        return Err(Error::Validation(vec![FieldError::new(
            "by",
            format!(
                "{}は単一選択の質問ではないため、分けて集計できません",
                q.label()
            ),
        )]));
    }
    let mut out = Vec::new();
    for (i, label) in q.options.iter().enumerate() {
        let group: Vec<Response> = responses
            .iter()
            .filter(|r| r.answer(by) == Some(&Answer::Choice(i as u32)))
            .cloned()
            .collect();
        if group.is_empty() {
            continue;
        }
        let mut r = results(survey, &group);
        // A group's 回収率 has no known denominator.
        r.participants = None;
        r.response_rate = None;
        r.group = Some(label.clone());
        out.push(r);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_top_two_sentence_names_the_options_unless_they_are_the_points() {
        let l = |s: &str| s.to_string();
        assert_eq!(point_words(5, Some(&l("非常に満足"))), "5点（非常に満足）");
        assert_eq!(point_words(5, Some(&l("5"))), "5点");
        assert_eq!(point_words(4, Some(&l(" ４点 "))), "4点");
        assert_eq!(point_words(4, Some(&l(""))), "4点");
        assert_eq!(point_words(4, None), "4点");
        assert_eq!(
            point_words(4, Some(&l("5"))),
            "4点（5）",
            "a label that says another point"
        );
    }
    use crate::model::survey::{ResponseAnswer, ResponseSource, SATISFACTION, YES_NO};

    fn q(id: i64, kind: QuestionKind, options: &[&str], rows: &[&str]) -> Question {
        Question {
            id,
            number: id as u32,
            section: String::new(),
            kind,
            text: format!("問{id}"),
            required: false,
            options: options.iter().map(|s| s.to_string()).collect(),
            rows: rows.iter().map(|s| s.to_string()).collect(),
            show_if: None,
            count_blank: false,
            answers: 0,
        }
    }

    fn sheet(id: i64, answers: Vec<(i64, Answer)>) -> Response {
        Response {
            id,
            number: id as u32,
            source: ResponseSource::Paper,
            answered_on: None,
            answers: answers
                .into_iter()
                .map(|(question_id, answer)| ResponseAnswer {
                    question_id,
                    answer,
                })
                .collect(),
        }
    }

    fn survey(questions: Vec<Question>) -> Survey {
        Survey {
            id: 1,
            program_id: Some(1),
            project_id: None,
            meeting_id: None,
            meeting: None,
            owner: String::new(),
            title: "研修会アンケート".into(),
            template_key: None,
            description: String::new(),
            participants: Some(54),
            previous_id: None,
            previous_title: None,
            questions,
            responses: 0,
        }
    }

    #[test]
    fn the_report_s_satisfaction_comes_out_as_printed() {
        // 48 sheets: 27 × 5, 20 × 4, 1 × 3 (第3章: 56.3% / 41.7% / 2.1%, 5+4 = 98%).
        let s = survey(vec![q(1, QuestionKind::Scale, &SATISFACTION, &[])]);
        let scores = [5u8; 27].iter().chain(&[4u8; 20]).chain(&[3u8]).copied();
        let sheets: Vec<Response> = scores
            .enumerate()
            .map(|(i, v)| sheet(i as i64, vec![(1, Answer::Score(v))]))
            .collect();
        let r = results(&s, &sheets);
        assert_eq!(r.n, 48);
        assert_eq!(percent(r.response_rate.unwrap()), "88.9%");
        let q = &r.questions[0];
        assert_eq!(q.answered, 48);
        let printed: Vec<String> = q.options.iter().map(|o| percent(o.share)).collect();
        assert_eq!(printed, ["56.3%", "41.7%", "2.1%", "0%", "0%"]);
        assert_eq!(q.options[0].label, "非常に満足");
        assert_eq!(
            q.sentence.as_deref(),
            Some("5点（非常に満足）・4点（満足）を合わせると98%")
        );
        assert!((q.top2.unwrap() - 47.0 * 100.0 / 48.0).abs() < 1e-9);
        assert!((q.mean.unwrap() - (27.0 * 5.0 + 20.0 * 4.0 + 3.0) / 48.0).abs() < 1e-9);
    }

    #[test]
    fn shares_are_of_those_who_answered_and_multiple_choice_can_pass_100() {
        let s = survey(vec![
            q(
                1,
                QuestionKind::Multiple,
                &["外部からの依頼", "士会内の問題意識", "引き継いだ"],
                &[],
            ),
            q(2, QuestionKind::Single, &["PT", "OT"], &[]),
        ]);
        // Four sheets; three answer question 1 (5 choices in all), one skips it.
        let sheets = vec![
            sheet(
                1,
                vec![(1, Answer::Choices(vec![0, 1])), (2, Answer::Choice(0))],
            ),
            sheet(
                2,
                vec![(1, Answer::Choices(vec![0, 1, 2])), (2, Answer::Choice(1))],
            ),
            sheet(
                3,
                vec![(1, Answer::Choices(vec![])), (2, Answer::Choice(1))],
            ),
            sheet(4, vec![(2, Answer::Choice(1))]),
        ];
        let r = results(&s, &sheets);
        let multi = &r.questions[0];
        assert_eq!(
            multi.answered, 3,
            "an empty answer still counts as answered here"
        );
        let counts: Vec<u32> = multi.options.iter().map(|o| o.count).collect();
        assert_eq!(counts, [2, 2, 1]);
        assert!((multi.options[0].share - 200.0 / 3.0).abs() < 1e-9);
        assert_eq!(
            multi.sentence.as_deref(),
            Some("複数回答のため、割合の合計は100%を超えます（166.7%）")
        );
        let single = &r.questions[1];
        assert_eq!((single.answered, single.options[1].count), (4, 3));
        assert_eq!(single.options[1].share, 75.0);

        let by = cross_tab(&s, &sheets, 2).unwrap();
        assert_eq!(by.len(), 2);
        assert_eq!((by[0].group.as_deref(), by[0].n), (Some("PT"), 1));
        assert_eq!((by[1].group.as_deref(), by[1].n), (Some("OT"), 3));
        assert_eq!(by[1].questions[0].options[2].count, 1);
        assert!(
            cross_tab(&s, &sheets, 1).is_err(),
            "only by a single choice"
        );
    }

    #[test]
    fn grid_rows_count_their_own_answers() {
        // The society survey's barriers: ①ヒト 11 of 38 is 28.9%.
        let s = survey(vec![q(
            1,
            QuestionKind::YesNo,
            &YES_NO,
            &["①ヒト", "②モノ"],
        )]);
        let sheets: Vec<Response> = (0..38)
            .map(|i| {
                let hito = Some(i < 11);
                let mono = if i < 2 { None } else { Some(i < 24) };
                sheet(i, vec![(1, Answer::Rows(vec![hito, mono]))])
            })
            .collect();
        let r = results(&s, &sheets);
        let rows = &r.questions[0].rows;
        assert_eq!((rows[0].answered, rows[0].options[0].count), (38, 11));
        assert_eq!(percent(rows[0].options[0].share), "28.9%");
        assert_eq!((rows[1].answered, rows[1].options[0].count), (36, 22));
        assert_eq!(rows[1].options[1].count, 14);
    }

    #[test]
    fn every_choice_question_has_a_counts_table_a_long_list_only_what_was_chosen() {
        let prefectures = crate::model::project::PREFECTURES;
        let s = survey(vec![
            q(1, QuestionKind::Single, &prefectures, &[]),
            q(2, QuestionKind::Single, &["はい", "いいえ"], &[]),
            q(3, QuestionKind::YesNo, &YES_NO, &["①ヒト"]),
        ]);
        let sheets: Vec<Response> = (0..4)
            .map(|i| {
                sheet(
                    i,
                    vec![
                        (1, Answer::Choice(if i < 3 { 34 } else { 7 })),
                        (2, Answer::Choice(0)),
                        (3, Answer::Rows(vec![Some(i < 1)])),
                    ],
                )
            })
            .collect();
        let r = results(&s, &sheets);
        let t = r.questions[0].count_table();
        let rows: Vec<(&str, u32, &str)> = t
            .rows
            .iter()
            .map(|x| (x.label.as_str(), x.count, x.share.as_str()))
            .collect();
        assert_eq!(rows, [("茨城県", 1, "25%"), ("山口県", 3, "75%")]);
        assert_eq!(
            t.note.as_deref(),
            Some("選ばれなかった45項目は省いています")
        );
        let short = r.questions[1].count_table();
        assert_eq!(
            short.rows.len(),
            2,
            "a short list shows every option, 0 too"
        );
        assert_eq!(short.note, None);
        let grid = r.questions[2].count_table();
        assert_eq!(grid.rows[0].label, format!("①ヒト：{}", YES_NO[0]));
        assert_eq!(grid.rows[0].share, "25%（4件中）");
    }

    #[test]
    fn a_matrix_counts_each_cell_of_every_sheet_that_answered() {
        let s = survey(vec![q(
            1,
            QuestionKind::Matrix,
            &["個別", "配信", "集団"],
            &["腰痛", "転倒"],
        )]);
        let sheets = vec![
            sheet(1, vec![(1, Answer::Grid(vec![vec![0, 2], vec![]]))]),
            sheet(2, vec![(1, Answer::Grid(vec![vec![2], vec![1]]))]),
            sheet(3, vec![]),
        ];
        let rows = &results(&s, &sheets).questions[0].rows;
        assert_eq!(rows[0].answered, 2);
        let counts: Vec<u32> = rows[0].options.iter().map(|o| o.count).collect();
        assert_eq!(counts, [1, 0, 2]);
        assert_eq!(rows[0].options[2].share, 100.0);
        assert_eq!(rows[1].options[1].share, 50.0);
    }
}
