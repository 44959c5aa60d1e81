//! A project's lists as one Excel workbook: a sheet per list (準備チェック and
//! its history, 会議, タスク, 関係機関, 評価, 課題), written from the same rows as
//! the CSV, with real date cells shown in 和暦, column widths, a frozen header
//! row and filters. Text goes in as text cells: a name or comment that starts
//! with 「=」 never becomes a formula (the CSV's rule, kept by the cell type).

use super::form::WAREKI_FORMAT;
use crate::error::Result;
use crate::files::csv::{self, Rows};
use crate::store::Store;
use chrono::NaiveDate;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook};
use unicode_width::UnicodeWidthStr;

/// The lists a project's workbook can hold, in the order of its sheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sheet {
    Checklist,
    ChecklistHistory,
    Meetings,
    Tasks,
    Stakeholders,
    Evaluations,
    Issues,
}

impl Sheet {
    pub const ALL: [Sheet; 7] = [
        Sheet::Checklist,
        Sheet::ChecklistHistory,
        Sheet::Meetings,
        Sheet::Tasks,
        Sheet::Stakeholders,
        Sheet::Evaluations,
        Sheet::Issues,
    ];

    /// The sheets that hold one of the lists the window exports one by one
    /// (準備チェック comes with its history, as the CLI's `checklist --xlsx`).
    pub fn of_list(list: csv::List) -> &'static [Sheet] {
        match list {
            csv::List::Checklist => &[Sheet::Checklist, Sheet::ChecklistHistory],
            csv::List::Meetings => &[Sheet::Meetings],
            csv::List::Tasks => &[Sheet::Tasks],
            csv::List::Stakeholders => &[Sheet::Stakeholders],
            csv::List::Evaluations => &[Sheet::Evaluations],
        }
    }

    /// The sheet's name (at most 31 characters, as Excel allows).
    pub fn label(self) -> &'static str {
        match self {
            Sheet::Checklist => "準備チェック",
            Sheet::ChecklistHistory => "準備チェックの履歴",
            Sheet::Meetings => "会議",
            Sheet::Tasks => "タスク",
            Sheet::Stakeholders => "関係機関",
            Sheet::Evaluations => "伴走支援評価",
            Sheet::Issues => "課題",
        }
    }

    fn rows(self, store: &Store, project_id: i64, today: NaiveDate) -> Result<Rows> {
        Ok(match self {
            Sheet::Checklist => csv::checklist_rows(&store.checklist(project_id, today)?),
            Sheet::ChecklistHistory => {
                let c = store.checklist(project_id, today)?;
                let mut rows = Vec::new();
                for i in &c.items {
                    for h in &i.history {
                        rows.push(vec![
                            i.side.to_string(),
                            i.number.to_string(),
                            i.text.clone(),
                            h.changed_on.to_string(),
                            h.from.map(|s| s.label()).unwrap_or("—").to_owned(),
                            h.to.to_string(),
                            h.changed_by.clone(),
                        ]);
                    }
                }
                (
                    vec![
                        "区分",
                        "No",
                        "項目",
                        "変更日",
                        "変更前",
                        "変更後",
                        "変更した人",
                    ],
                    rows,
                )
            }
            Sheet::Meetings => {
                csv::meetings_rows(&store.meetings(project_id, &Default::default())?)
            }
            Sheet::Tasks => csv::tasks_rows(&store.tasks(project_id, today)?),
            Sheet::Stakeholders => csv::stakeholders_rows(&store.stakeholders(project_id)?),
            Sheet::Evaluations => {
                csv::evaluations_rows(&store.evaluations(Some(project_id), &Default::default())?)
            }
            Sheet::Issues => csv::issues_rows(&store.issues(project_id)?),
        })
    }
}

/// Columns whose cells are dates (YYYY-MM-DD in the rows).
const DATE_COLUMNS: [&str; 9] = [
    "期限",
    "開催日",
    "会議日",
    "記載日",
    "挙がった日",
    "対応した日",
    "最終連絡日",
    "変更日",
    "日付",
];
/// Columns whose cells are numbers.
const NUMBER_COLUMNS: [&str; 11] = [
    "No",
    "評価",
    "件数",
    "分母（件）",
    "割合（%）",
    "達成度（%）",
    "未完了タスク",
    "期限超過タスク",
    "未解決の課題",
    "他者評価の平均",
    "自己評価の平均",
];

/// Writes `rows` as a sheet named `name` of `wb`.
pub fn add_sheet(wb: &mut Workbook, name: &str, (head, rows): &Rows) -> Result<()> {
    let font = |f: Format| f.set_font_name("BIZ UDPGothic").set_font_size(10.5);
    let header = font(Format::new())
        .set_bold()
        .set_background_color(0xE8F0FE)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter);
    let text = font(Format::new()).set_align(FormatAlign::Top);
    let wrapped = text.clone().set_text_wrap();
    let date = text.clone().set_num_format(WAREKI_FORMAT);
    let ws = wb.add_worksheet();
    ws.set_name(name)?;
    // Width in characters: a Japanese character counts two, as Excel's
    // column unit is the width of one 「0」.
    let mut widths: Vec<usize> = head.iter().map(|h| h.width() + 4).collect();
    for row in rows.iter().take(500) {
        for (c, cell) in row.iter().enumerate() {
            let w = cell.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
            if let Some(x) = widths.get_mut(c) {
                *x = (*x).max(w + 2);
            }
        }
    }
    for (c, h) in head.iter().enumerate() {
        let c16 = c as u16;
        ws.write_string_with_format(0, c16, *h, &header)?;
        let is_date = DATE_COLUMNS.contains(h);
        let w = if is_date { 18 } else { widths[c].clamp(6, 60) };
        ws.set_column_width(c16, w as f64)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c16 = c as u16;
            let name = head.get(c).copied().unwrap_or("");
            if cell.is_empty() {
                continue;
            }
            let as_date = DATE_COLUMNS
                .contains(&name)
                .then(|| NaiveDate::parse_from_str(cell, "%Y-%m-%d").ok())
                .flatten();
            let as_number = NUMBER_COLUMNS
                .contains(&name)
                .then(|| cell.parse::<f64>().ok())
                .flatten();
            if let Some(d) = as_date {
                use chrono::Datelike;
                let d = ExcelDateTime::from_ymd(
                    d.year().clamp(1900, 9999) as u16,
                    d.month() as u8,
                    d.day() as u8,
                )?;
                ws.write_datetime_with_format(r, c16, &d, &date)?;
            } else if let Some(n) = as_number {
                ws.write_number_with_format(r, c16, n, &text)?;
            } else {
                let fmt = if widths[c] > 60 || cell.contains('\n') {
                    &wrapped
                } else {
                    &text
                };
                ws.write_string_with_format(r, c16, cell, fmt)?;
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    if !head.is_empty() {
        ws.autofilter(0, 0, rows.len() as u32, head.len() as u16 - 1)?;
    }
    Ok(())
}

/// Evaluations as filtered (a project's or every project's) as a workbook of
/// one sheet, for the 評価 page and `evaluations --xlsx`.
pub fn evaluations_workbook(evals: &[crate::model::evaluation::Evaluation]) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    add_sheet(
        &mut wb,
        Sheet::Evaluations.label(),
        &csv::evaluations_rows(evals),
    )?;
    Ok(wb.save_to_buffer()?)
}

/// A workbook's bytes, and how many rows each sheet got.
pub type Written = (Vec<u8>, Vec<(Sheet, usize)>);

/// The project's lists `sheets` as one workbook, and the rows of each.
pub fn project_workbook(
    store: &Store,
    project_id: i64,
    sheets: &[Sheet],
    today: NaiveDate,
) -> Result<Written> {
    store.project(project_id)?;
    let mut wb = Workbook::new();
    let mut counts = Vec::new();
    for s in sheets {
        let rows = s.rows(store, project_id, today)?;
        counts.push((*s, rows.1.len()));
        add_sheet(&mut wb, s.label(), &rows)?;
    }
    Ok((wb.save_to_buffer()?, counts))
}

/// A survey's results as a workbook: the sheet 「結果」 with the CSV's rows,
/// and 「グラフ」 with a native Excel bar chart of each choice question (its
/// counts by option, read from 「結果」, so the chart follows the cells) and of
/// each grid question (its shares by row and option, from a small table
/// written above the chart, as the long rows of 「結果」 cannot feed a series).
pub fn survey_workbook(r: &crate::analysis::survey::SurveyResults) -> Result<Vec<u8>> {
    let rows = csv::survey_results_rows(r);
    let mut wb = Workbook::new();
    add_sheet(&mut wb, RESULTS, &rows)?;
    let charts = wb.add_worksheet();
    charts.set_name(CHARTS)?;
    charts.write_string(0, 0, format!("{}（回答 {} 件）", r.title, r.n))?;
    // `at`: the question's first row in 「結果」 (after the header); `place`:
    // the next free row of 「グラフ」.
    let mut at = 1u32;
    let mut place = 2u32;
    for q in &r.questions {
        let choice_rows = if q.rows.is_empty() {
            q.options.len()
        } else {
            0
        };
        let grid_rows: usize = q.rows.iter().map(|x| x.options.len()).sum();
        if choice_rows > 0 {
            place = choice_chart(charts, q, at, choice_rows as u32, place)?;
        } else if grid_rows > 0 {
            place = grid_chart(charts, q, place)?;
        }
        at += (choice_rows + grid_rows + q.text_groups.len()) as u32;
    }
    Ok(wb.save_to_buffer()?)
}

const RESULTS: &str = "結果";
const CHARTS: &str = "グラフ";

fn chart_title(q: &crate::analysis::survey::QuestionResult) -> String {
    let title: String = q.text.chars().take(60).collect();
    format!("問{} {title}", q.number)
}

/// A choice question's counts as a bar chart at row `place`; the next free row.
fn choice_chart(
    sheet: &mut rust_xlsxwriter::Worksheet,
    q: &crate::analysis::survey::QuestionResult,
    first: u32,
    options: u32,
    place: u32,
) -> Result<u32> {
    use rust_xlsxwriter::{Chart, ChartDataLabel, ChartType};
    let last = first + options - 1;
    let mut chart = Chart::new(ChartType::Bar);
    chart
        .add_series()
        .set_name(&format!("問{}", q.number))
        .set_categories((RESULTS, first, 4, last, 4))
        .set_values((RESULTS, first, 5, last, 5))
        .set_data_label(ChartDataLabel::new().show_value());
    chart.title().set_name(&chart_title(q));
    chart.legend().set_hidden();
    let height = 60 + 28 * options;
    chart.set_height(height);
    sheet.insert_chart(place, 0, &chart)?;
    Ok(place + 4 + height / 20)
}

/// A grid question (当てはまる／当てはまらない, マトリクス): a table of shares (%)
/// by row and option at row `place`, and a bar chart reading it, one series
/// per option; the next free row.
fn grid_chart(
    sheet: &mut rust_xlsxwriter::Worksheet,
    q: &crate::analysis::survey::QuestionResult,
    place: u32,
) -> Result<u32> {
    use rust_xlsxwriter::{Chart, ChartDataLabel, ChartType};
    let options: Vec<&str> = q.rows[0].options.iter().map(|o| o.label.as_str()).collect();
    sheet.write_string(place, 0, format!("問{}（%、各行の回答数が分母）", q.number))?;
    for (c, label) in options.iter().enumerate() {
        sheet.write_string(place, c as u16 + 1, *label)?;
    }
    for (i, row) in q.rows.iter().enumerate() {
        let r = place + 1 + i as u32;
        sheet.write_string(r, 0, &row.label)?;
        for (c, o) in row.options.iter().enumerate().take(options.len()) {
            sheet.write_number(
                r,
                c as u16 + 1,
                crate::analysis::survey::one_decimal(o.share),
            )?;
        }
    }
    let (first, last) = (place + 1, place + q.rows.len() as u32);
    let mut chart = Chart::new(ChartType::Bar);
    for c in 0..options.len() as u16 {
        chart
            .add_series()
            .set_name((CHARTS, place, c + 1))
            .set_categories((CHARTS, first, 0, last, 0))
            .set_values((CHARTS, first, c + 1, last, c + 1))
            .set_data_label(ChartDataLabel::new().show_value());
    }
    chart.title().set_name(&chart_title(q));
    let height = 80 + 20 * (q.rows.len() * options.len()) as u32;
    chart.set_height(height).set_width(640);
    sheet.insert_chart(last + 2, 0, &chart)?;
    Ok(last + 2 + 4 + height / 20)
}

/// 事業全体 as a workbook: 「一覧」 with the dashboard's rows (one per team) and
/// 「グラフ」 with native charts reading them: each team's 準備チェックの達成度, and
/// its 他者評価 and 自己評価 means side by side.
pub fn dashboard_workbook(rows: &[crate::model::program::TeamRow]) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Chart, ChartType};
    const DATA: &str = "一覧";
    let table = csv::dashboard_rows(rows);
    let mut wb = Workbook::new();
    add_sheet(&mut wb, DATA, &table)?;
    let charts = wb.add_worksheet();
    charts.set_name("グラフ")?;
    if rows.is_empty() {
        return Ok(wb.save_to_buffer()?);
    }
    let last = rows.len() as u32;
    let col = |name: &str| table.0.iter().position(|h| *h == name).unwrap_or(0) as u16;
    let height = (80 + 24 * rows.len() as u32).min(1200);
    let mut done = Chart::new(ChartType::Bar);
    done.add_series()
        .set_name("達成度（%）")
        .set_categories((DATA, 1, 0, last, 0))
        .set_values((DATA, 1, col("達成度（%）"), last, col("達成度（%）")));
    done.title().set_name("準備チェックの達成度（%）");
    done.legend().set_hidden();
    done.set_height(height).set_width(640);
    charts.insert_chart(1, 0, &done)?;
    let mut means = Chart::new(ChartType::Bar);
    for name in ["他者評価の平均", "自己評価の平均"] {
        means
            .add_series()
            .set_name(name)
            .set_categories((DATA, 1, 0, last, 0))
            .set_values((DATA, 1, col(name), last, col(name)));
    }
    means.title().set_name("伴走支援評価の平均（他者・自己）");
    means.set_height(height).set_width(640);
    charts.insert_chart(1, 11, &means)?;
    Ok(wb.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader};

    #[test]
    fn dates_are_date_cells_numbers_numbers_and_formulas_text() {
        let rows: Rows = (
            vec!["会議日", "評価", "コメント"],
            vec![
                vec!["2024-12-05".into(), "4".into(), "=HYPERLINK(\"x\")".into()],
                vec![String::new(), "3".into(), "-とても良い".into()],
            ],
        );
        let mut wb = Workbook::new();
        add_sheet(&mut wb, "評価", &rows).unwrap();
        let bytes = wb.save_to_buffer().unwrap();
        let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let r = book.worksheet_range("評価").unwrap();
        match r.get_value((1, 0)) {
            Some(Data::DateTime(d)) => assert_eq!(
                d.as_datetime().unwrap().date(),
                NaiveDate::from_ymd_opt(2024, 12, 5).unwrap()
            ),
            other => panic!("{other:?}"),
        }
        assert_eq!(r.get_value((1, 1)), Some(&Data::Float(4.0)));
        assert_eq!(
            r.get_value((1, 2)),
            Some(&Data::String("=HYPERLINK(\"x\")".into()))
        );
        let f = book.worksheet_formula("評価").unwrap();
        assert!(f.used_cells().all(|(_, _, x)| x.is_empty()));
    }
}
