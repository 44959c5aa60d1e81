//! 表1 as an Excel workbook, and Excel sheets read as tables, against real
//! files: the form's validations and protection as Excel stores them, filled
//! forms taken in (added, updated, never duplicated), and every refusal named
//! by file, sheet and cell with nothing written.

mod common;

use bansou::files::xlsx::form::{form_workbook, import, Fill, FormStatus};
use bansou::model::evaluation::EvaluationFilter;
use bansou::model::meeting::MeetingInput;
use bansou::Store;
use chrono::NaiveDate;
use common::{dump, member_input, project_input, store};
use std::io::Cursor;
use std::path::{Path, PathBuf};

struct Setup {
    dir: tempfile::TempDir,
    db: PathBuf,
    s: Store,
    project: i64,
    meeting: i64,
    other_meeting: i64,
}

fn setup() -> Setup {
    let (dir, db, mut s) = store();
    let p = s.create_project(&project_input("腰痛予防事業")).unwrap();
    s.add_member(p.id, &member_input("今井 花子", "リーダー"))
        .unwrap();
    s.add_member(p.id, &member_input("伴走 太郎", "伴走支援者"))
        .unwrap();
    // A name that would be a formula in a cell that runs them.
    s.add_member(p.id, &member_input("=HYPERLINK(\"x\")", "メンバー"))
        .unwrap();
    let meeting = |s: &mut Store, day: &str| {
        s.create_meeting(&MeetingInput {
            kind: "チーム会議".into(),
            held_on: day.into(),
            format: "対面".into(),
            project_ids: vec![p.id],
            ..Default::default()
        })
        .unwrap()
        .id
    };
    let m = meeting(&mut s, "2024-12-05");
    let other = meeting(&mut s, "2025-01-20");
    Setup {
        dir,
        db,
        s,
        project: p.id,
        meeting: m,
        other_meeting: other,
    }
}

fn filled(who: &str, kind: &str, scores: [u8; 4]) -> Fill {
    Fill {
        evaluator: who.into(),
        kind: kind.into(),
        written_on: NaiveDate::from_ymd_opt(2024, 12, 6),
        scores: scores.map(Some),
        comments: [
            "傾聴してくれた".into(),
            String::new(),
            "現実的な提案".into(),
            "柔軟だった".into(),
        ],
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// The parts of a workbook by name.
fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    bansou::files::xlsx::parts::split(bytes).unwrap()
}

fn sheet_xml(bytes: &[u8]) -> String {
    let p = parts(bytes);
    let (_, b) = p
        .iter()
        .find(|(n, _)| n == "xl/worksheets/sheet1.xml")
        .unwrap();
    String::from_utf8(b.clone()).unwrap()
}

/// The workbook with the first sheet's XML changed by `f`.
fn patched(bytes: &[u8], f: impl Fn(&str) -> String) -> Vec<u8> {
    bansou::files::xlsx::parts::patch_first_sheet(bytes, f).unwrap()
}

/// Replaces the element of cell `r` (e.g. B7) with `new`.
fn replace_cell(xml: &str, r: &str, new: &str) -> String {
    let start = xml
        .find(&format!("<c r=\"{r}\""))
        .unwrap_or_else(|| panic!("{r} in {xml}"));
    let rest = &xml[start..];
    let open_end = rest.find('>').unwrap();
    let end = if rest[..open_end].ends_with('/') {
        open_end + 1
    } else {
        rest.find("</c>").unwrap() + 4
    };
    format!("{}{}{}", &xml[..start], new, &xml[start + end..])
}

fn problems(r: &bansou::files::xlsx::form::FormImport) -> Vec<String> {
    r.files
        .iter()
        .flat_map(|f| {
            f.problems
                .iter()
                .cloned()
                .chain(f.rows.iter().flat_map(|x| x.problems.iter().cloned()))
        })
        .collect()
}

#[test]
fn the_form_carries_excels_own_lists_limits_and_protection() {
    let t = setup();
    let bytes = form_workbook(&t.s, t.project, t.meeting, &[]).unwrap();
    let xml = sheet_xml(&bytes);
    // 評価者 from the hidden list, 区分 as a list, 記載日 a date from the
    // meeting's day, A–D whole numbers 1–4, comments bounded.
    assert!(xml.contains("<dataValidation type=\"list\""), "{xml}");
    assert!(
        xml.contains("<formula1>bansou_evaluators</formula1>"),
        "{xml}"
    );
    assert!(
        xml.contains("<formula1>\"他者評価,自己評価\"</formula1>"),
        "{xml}"
    );
    assert!(xml.contains("type=\"date\""), "{xml}");
    assert!(xml.contains("sqref=\"B7:B10\""), "{xml}");
    assert!(xml.contains("type=\"whole\""), "{xml}");
    assert!(
        xml.contains("<formula1>1</formula1><formula2>4</formula2>"),
        "{xml}"
    );
    assert!(xml.contains("1〜4の整数で入力してください"), "{xml}");
    assert!(xml.contains("<sheetProtection"), "{xml}");
    let all = parts(&bytes);
    let styles = all.iter().find(|(n, _)| n == "xl/styles.xml").unwrap();
    let styles = String::from_utf8(styles.1.clone()).unwrap();
    assert!(styles.contains("locked=\"0\""), "{styles}");
    assert!(styles.contains("wrapText=\"1\""), "{styles}");
    assert!(styles.contains("[$-411]ggge"), "{styles}");
    let wb = all.iter().find(|(n, _)| n == "xl/workbook.xml").unwrap();
    let wb = String::from_utf8(wb.1.clone()).unwrap();
    assert!(wb.contains("state=\"hidden\""), "{wb}");
    assert!(wb.contains("bansou_evaluators"), "{wb}");

    // Read back as any reader sees it: the meeting filled in, the 〇 points
    // and scale words beside the scores, and a name that looks like a
    // formula stays text (never a formula).
    use calamine::{Data, Reader};
    let mut book = calamine::Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    let r = book.worksheet_range("表1").unwrap();
    let at = |row: u32, col: u32| r.get_value((row, col)).cloned().unwrap_or(Data::Empty);
    assert_eq!(at(0, 0), Data::String("伴走型支援事業評価（表1）".into()));
    let meeting = at(1, 1).to_string();
    assert!(meeting.contains("令和6年12月5日"), "{meeting}");
    assert!(meeting.contains("山口県理学療法士会"), "{meeting}");
    assert!(at(6, 3).to_string().contains("〇信頼関係の構築"));
    assert!(at(6, 2)
        .to_string()
        .contains("4：十分に満足できる対応ができた"));
    let list = book.worksheet_range("_bansou").unwrap();
    let mut names: Vec<String> = list.rows().skip(5).map(|r| r[0].to_string()).collect();
    names.sort();
    assert_eq!(names, ["=HYPERLINK(\"x\")", "今井 花子", "伴走 太郎"]);
    let formulas = book.worksheet_formula("_bansou").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
}

#[test]
fn filled_forms_are_added_then_updated_never_duplicated() {
    let mut t = setup();
    let one = form_workbook(
        &t.s,
        t.project,
        t.meeting,
        &[
            filled("今井 花子", "他者評価", [4, 3, 3, 2]),
            filled("伴走 太郎", "自己評価", [3, 3, 2, 2]),
        ],
    )
    .unwrap();
    let a = write(t.dir.path(), "今井.xlsx", &one);
    let before = dump(&t.db);
    let r = import(&mut t.s, t.project, None, std::slice::from_ref(&a), true).unwrap();
    assert_eq!((r.added, r.updated, r.refused), (2, 0, 0), "{r:?}");
    assert_eq!(r.files[0].rows[1].sheet, "表1 (2)");
    assert_eq!(dump(&t.db), before, "a dry run writes nothing");
    let r = import(
        &mut t.s,
        t.project,
        Some(t.meeting),
        std::slice::from_ref(&a),
        false,
    )
    .unwrap();
    assert_eq!(r.sentence, "追加 2件");
    let evals = t.s.meeting_evaluations(t.meeting).unwrap();
    assert_eq!(evals.len(), 2);
    let imai = evals.iter().find(|e| e.evaluator == "今井 花子").unwrap();
    assert_eq!(imai.scores, [4, 3, 3, 2]);
    assert_eq!(imai.comments[0], "傾聴してくれた");
    assert_eq!(imai.written_on.to_string(), "2024-12-06");

    // The same file again changes nothing.
    let again = import(&mut t.s, t.project, None, &[a], false).unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 2));
    // A corrected form of the same evaluator and 区分 updates the one here.
    let fixed = form_workbook(
        &t.s,
        t.project,
        t.meeting,
        &[filled("今井 花子", "他者評価", [4, 4, 4, 4])],
    )
    .unwrap();
    let b = write(t.dir.path(), "今井（訂正）.xlsx", &fixed);
    let r = import(&mut t.s, t.project, None, &[b], false).unwrap();
    assert_eq!((r.added, r.updated), (0, 1), "{r:?}");
    assert_eq!(r.files[0].rows[0].status, FormStatus::Update);
    let evals = t.s.meeting_evaluations(t.meeting).unwrap();
    assert_eq!(evals.len(), 2);
    let imai = evals.iter().find(|e| e.evaluator == "今井 花子").unwrap();
    assert_eq!(imai.scores, [4, 4, 4, 4]);
    // And the evaluations list shows them as the window would.
    let all =
        t.s.evaluations(Some(t.project), &EvaluationFilter::default())
            .unwrap();
    assert_eq!(all.len(), 2);
}

#[test]
fn two_forms_of_one_person_in_one_import_take_the_first() {
    let mut t = setup();
    let a = form_workbook(
        &t.s,
        t.project,
        t.meeting,
        &[filled("今井 花子", "他者評価", [4, 3, 3, 2])],
    )
    .unwrap();
    let b = form_workbook(
        &t.s,
        t.project,
        t.meeting,
        &[filled("今井 花子", "他者評価", [1, 1, 1, 1])],
    )
    .unwrap();
    let pa = write(t.dir.path(), "a.xlsx", &a);
    let pb = write(t.dir.path(), "b.xlsx", &b);
    let r = import(&mut t.s, t.project, None, &[pa, pb], false).unwrap();
    assert_eq!((r.added, r.refused), (1, 1));
    assert!(problems(&r)[0].contains("「a.xlsx」のシート「表1」にもあります"));
    assert_eq!(t.s.meeting_evaluations(t.meeting).unwrap().len(), 1);
}

/// Each hostile or mistaken workbook is refused, named, and nothing is written.
#[test]
fn refusals_are_named_by_file_sheet_and_cell_and_write_nothing() {
    let mut t = setup();
    let good = form_workbook(
        &t.s,
        t.project,
        t.meeting,
        &[filled("今井 花子", "他者評価", [4, 3, 3, 2])],
    )
    .unwrap();
    let xml = sheet_xml(&good);
    let b7 = &xml[xml.find("<c r=\"B7\"").unwrap()..];
    let style = &b7[b7.find("s=\"").unwrap() + 3..];
    let style = &style[..style.find('"').unwrap()];
    let b5 = &xml[xml.find("<c r=\"B5\"").unwrap()..];
    let date_style = &b5[b5.find("s=\"").unwrap() + 3..];
    let date_style = &date_style[..date_style.find('"').unwrap()];
    let million_rows = bansou::files::xlsx::parts::with_million_rows;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "score5.xlsx",
            patched(&good, |x| {
                replace_cell(x, "B7", &format!("<c r=\"B7\" s=\"{style}\"><v>5</v></c>"))
            }),
            "B7：1〜4で入力してください",
        ),
        (
            "formula.xlsx",
            patched(&good, |x| {
                replace_cell(
                    x,
                    "B8",
                    &format!("<c r=\"B8\" s=\"{style}\"><f>1+2</f><v>3</v></c>"),
                )
            }),
            "B8：式（数式）は使えません",
        ),
        (
            "text-date.xlsx",
            patched(&good, |x| {
                replace_cell(
                    x,
                    "B5",
                    &format!("<c r=\"B5\" s=\"{date_style}\" t=\"inlineStr\"><is><t>2024/12/6</t></is></c>"),
                )
            }),
            "B5：記載日が文字（「2024/12/6」）として入っています",
        ),
        (
            "merged.xlsx",
            patched(&good, |x| {
                x.replace(
                    "</sheetData>",
                    "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"B7:C7\"/></mergeCells>",
                )
            }),
            "B7:C7：セルが結合されています",
        ),
        (
            "early.xlsx",
            patched(&good, |x| {
                // 2024-12-01, before the meeting of 12月5日.
                replace_cell(
                    x,
                    "B5",
                    &format!("<c r=\"B5\" s=\"{date_style}\"><v>45627</v></c>"),
                )
            }),
            "B5：記載日は会議の日（令和6年12月5日）と同じか、それより後の日付にしてください",
        ),
        (
            "stranger.xlsx",
            patched(&good, |x| {
                replace_cell(
                    x,
                    "B3",
                    &format!(
                        "<c r=\"B3\" s=\"{style}\" t=\"inlineStr\"><is><t>知らない人</t></is></c>"
                    ),
                )
            }),
            "B3：「知らない人」はこの会議の事業のメンバーにいません",
        ),
        (
            "shifted.xlsx",
            patched(&good, |x| {
                replace_cell(
                    x,
                    "A7",
                    "<c r=\"A7\" t=\"inlineStr\"><is><t>メモ</t></is></c>",
                )
            }),
            "A7：評価票の形ではありません",
        ),
        (
            "million.xlsx",
            patched(&good, million_rows),
            "行が多すぎます（61 行目に入力があります",
        ),
        (
            "not-a-zip.xlsx",
            b"name,score\n".to_vec(),
            "Excel のブック（.xlsx）ではありません",
        ),
        (
            "other-meeting.xlsx",
            form_workbook(
                &t.s,
                t.project,
                t.other_meeting,
                &[filled("今井 花子", "他者評価", [4, 3, 3, 2])],
            )
            .unwrap(),
            "このファイルは別の会議（令和7年1月20日",
        ),
    ];
    let before = dump(&t.db);
    for (name, bytes, expected) in &cases {
        let path = write(t.dir.path(), name, bytes);
        let started = std::time::Instant::now();
        let r = import(&mut t.s, t.project, Some(t.meeting), &[path], false).unwrap();
        assert!(
            started.elapsed().as_secs() < 30,
            "{name}: {:?}",
            started.elapsed()
        );
        assert_eq!((r.added, r.updated), (0, 0), "{name}: {r:?}");
        assert!(r.refused >= 1, "{name}: {r:?}");
        let all = problems(&r);
        assert!(
            all.iter().any(|p| p.contains(expected)),
            "{name}: expected 「{expected}」 in {all:?}"
        );
        assert_eq!(r.files[0].file, *name);
        assert_eq!(dump(&t.db), before, "{name} wrote something");
    }
}

#[test]
fn a_workbook_of_another_project_or_not_ours_is_refused() {
    let mut t = setup();
    let q = t.s.create_project(&project_input("別の事業")).unwrap();
    let bytes = form_workbook(
        &t.s,
        t.project,
        t.meeting,
        &[filled("今井 花子", "他者評価", [4, 3, 3, 2])],
    )
    .unwrap();
    let path = write(t.dir.path(), "form.xlsx", &bytes);
    let r = import(&mut t.s, q.id, None, &[path], true).unwrap();
    assert!(problems(&r)[0].contains("別の会議"), "{r:?}");
    // A workbook that is not a 表1 form (a Forms export).
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().write_string(0, 0, "ID").unwrap();
    let path = write(t.dir.path(), "forms.xlsx", &wb.save_to_buffer().unwrap());
    let r = import(&mut t.s, t.project, None, &[path], true).unwrap();
    assert!(
        problems(&r)[0].contains("評価票（表1）のブックではありません"),
        "{r:?}"
    );
}

#[test]
fn a_forms_export_reads_as_the_csv_rows_and_imports_the_same_way() {
    let mut t = setup();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let headers = [
        "ID",
        "開始時刻",
        "完了時刻",
        "氏名",
        "評価者の区分",
        "モデルチーム会議日",
        "A 関係性",
        "A コメント",
        "B 活動の推進",
        "B コメント",
        "C 現実検討",
        "C コメント",
        "D 臨機応変な支援",
        "D コメント",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let when = rust_xlsxwriter::ExcelDateTime::parse_from_str("2024-12-06 10:15:00").unwrap();
    let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 12, 5).unwrap();
    let dt = rust_xlsxwriter::Format::new().set_num_format("yyyy/m/d h:mm");
    let d = rust_xlsxwriter::Format::new().set_num_format("yyyy/m/d");
    ws.write_number(1, 0, 1).unwrap();
    ws.write_datetime_with_format(1, 1, &when, &dt).unwrap();
    ws.write_datetime_with_format(1, 2, &when, &dt).unwrap();
    ws.write_string(1, 3, "今井 花子").unwrap();
    ws.write_string(1, 4, "他者評価").unwrap();
    ws.write_datetime_with_format(1, 5, &day, &d).unwrap();
    for (k, s) in [4, 3, 3, 2].iter().enumerate() {
        ws.write_string(1, 6 + 2 * k as u16, format!("{s}:よい"))
            .unwrap();
        ws.write_string(1, 7 + 2 * k as u16, "=1+1").unwrap();
    }
    let bytes = wb.save_to_buffer().unwrap();
    let table = bansou::files::xlsx::table::read_sheet(bytes.clone()).unwrap();
    assert_eq!(table.headers, headers);
    assert_eq!(table.rows[0][1], "2024-12-06 10:15:00");
    assert_eq!(table.rows[0][5], "2024-12-05");
    assert_eq!(table.rows[0][0], "1");
    let r =
        bansou::files::evaluation_csv::import(&mut t.s, t.project, &table, None, false).unwrap();
    assert_eq!((r.forms, r.new, r.refused.len()), (1, 1, 0), "{r:?}");
    let e = &t.s.meeting_evaluations(t.meeting).unwrap()[0];
    assert_eq!(e.scores, [4, 3, 3, 2]);
    // A comment typed as 「=1+1」 stays that text: it came in as a string.
    assert_eq!(e.comments[0], "=1+1");

    // A formula anywhere in the table refuses the file, named by cell.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "氏名").unwrap();
    ws.write_formula(1, 0, "=\"今井\"").unwrap();
    let e = bansou::files::xlsx::table::read_sheet(wb.save_to_buffer().unwrap()).unwrap_err();
    assert!(
        e.fields()[0]
            .message
            .contains("A2：式（数式）が入っています"),
        "{e:?}"
    );
}

#[test]
fn survey_answers_come_from_a_forms_xlsx_as_from_its_csv() {
    let (_dir, _db, mut s) = store();
    bansou::demo::load(&mut s).unwrap();
    let survey = s.resolve_survey("研修会アンケート").unwrap();
    let headers = [
        "タイムスタンプ",
        "職種",
        "氏名",
        "所属の都道府県",
        "研修会全体の満足度についてお答えください",
        "厚生労働省の講演の理解度",
        "保健師の講演の理解度",
        "モデルチームの講演の理解度",
        "グループワークを通じて、今後貴士会では何に取り組めそうですか",
    ];
    let rows = [
        [
            "理学療法士（PT）",
            "",
            "山口県",
            "満足",
            "5",
            "4",
            "3",
            "士会内での情報共有",
        ],
        [
            "作業療法士（OT）",
            "",
            "茨城県",
            "非常に満足",
            "4",
            "5",
            "4",
            "研修会の継続",
        ],
    ];
    let mut csv = headers.join(",") + "\n";
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let when = rust_xlsxwriter::ExcelDateTime::parse_from_str("2024-10-05 10:00:00").unwrap();
    let fmt = rust_xlsxwriter::Format::new().set_num_format("yyyy/m/d h:mm:ss");
    for (r, row) in rows.iter().enumerate() {
        let r32 = r as u32 + 1;
        ws.write_datetime_with_format(r32, 0, &when, &fmt).unwrap();
        csv.push_str("2024-10-05 10:00:00");
        for (c, v) in row.iter().enumerate() {
            let c16 = c as u16 + 1;
            if let Ok(n) = v.parse::<f64>() {
                ws.write_number(r32, c16, n).unwrap();
            } else if !v.is_empty() {
                ws.write_string(r32, c16, *v).unwrap();
            }
            csv.push_str(&format!(",{v}"));
        }
        csv.push('\n');
    }
    let from_xlsx = bansou::files::xlsx::table::read_sheet(wb.save_to_buffer().unwrap()).unwrap();
    let from_csv = bansou::files::evaluation_csv::read_table(csv.as_bytes()).unwrap();
    assert_eq!(from_xlsx, from_csv, "the same rows either way");
    let r = bansou::files::survey_csv::import(&mut s, survey.id, &from_xlsx, None, true).unwrap();
    assert_eq!((r.sheets, r.new, r.refused.len()), (2, 2, 0), "{r:?}");
}

#[test]
fn survey_results_open_as_a_workbook_with_native_charts() {
    let (_dir, _db, mut s) = store();
    bansou::demo::load(&mut s).unwrap();
    let survey = s.resolve_survey("研修会アンケート").unwrap();
    let r = bansou::analysis::survey::report(&s, survey.id, None)
        .unwrap()
        .results;
    let bytes = bansou::files::xlsx::lists::survey_workbook(&r).unwrap();
    let all = parts(&bytes);
    let charts: Vec<&(String, Vec<u8>)> = all
        .iter()
        .filter(|(n, _)| n.starts_with("xl/charts/chart"))
        .collect();
    let choice = r
        .questions
        .iter()
        .filter(|q| q.rows.is_empty() && !q.options.is_empty())
        .count();
    let grids: Vec<_> = r.questions.iter().filter(|q| !q.rows.is_empty()).collect();
    assert!(choice > 0 && !grids.is_empty());
    assert_eq!(charts.len(), choice + grids.len());
    let first = String::from_utf8(charts[0].1.clone()).unwrap();
    assert!(first.contains("<c:barChart>"), "{first}");
    // The chart reads its counts from the 結果 sheet's cells.
    assert!(first.contains("<c:f>結果!$F$2:$F$"), "{first}");
    // A grid question's chart: one series per option, reading the table of
    // shares written on グラフ.
    let grid = grids[0];
    let grid_chart = charts
        .iter()
        .map(|(_, b)| String::from_utf8(b.clone()).unwrap())
        .find(|c| c.contains(&format!("問{} ", grid.number)))
        .expect("the grid question's chart");
    assert_eq!(
        grid_chart.matches("<c:ser>").count(),
        grid.rows[0].options.len()
    );
    assert!(grid_chart.contains("<c:f>グラフ!$B$"), "{grid_chart}");
    use calamine::{Data, Reader};
    let mut book = calamine::Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["結果", "グラフ"]);
    let res = book.worksheet_range("結果").unwrap();
    assert_eq!(res.get_value((0, 5)), Some(&Data::String("件数".into())));
    assert!(matches!(res.get_value((1, 5)), Some(Data::Float(_))));
    // The table the grid chart reads holds each row's shares as numbers.
    let g = book.worksheet_range("グラフ").unwrap();
    let head = format!("問{}（%、各行の回答数が分母）", grid.number);
    let (at, _) = g
        .cells()
        .find(|(_, _, v)| **v == Data::String(head.clone()))
        .map(|(r, c, _)| (r, c))
        .expect("the grid's table");
    let first_row = &grid.rows[0];
    assert_eq!(
        g.get_value((at as u32 + 1, 0)),
        Some(&Data::String(first_row.label.clone()))
    );
    assert_eq!(
        g.get_value((at as u32 + 1, 1)),
        Some(&Data::Float(bansou::analysis::survey::one_decimal(
            first_row.options[0].share
        )))
    );
}

#[test]
fn one_list_and_the_filtered_evaluations_open_as_workbooks() {
    use bansou::files::csv::List;
    use bansou::files::xlsx::lists::{project_workbook, Sheet};
    use calamine::Reader;
    let (_dir, _db, mut s) = store();
    bansou::demo::load(&mut s).unwrap();
    let p = s.resolve_project("山口").unwrap();
    let today = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
    let (bytes, counts) =
        project_workbook(&s, p.id, Sheet::of_list(List::Checklist), today).unwrap();
    assert_eq!(counts[0], (Sheet::Checklist, 16));
    let book = calamine::Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["準備チェック", "準備チェックの履歴"]);
    for list in [
        List::Meetings,
        List::Tasks,
        List::Stakeholders,
        List::Evaluations,
    ] {
        let (bytes, _) = project_workbook(&s, p.id, Sheet::of_list(list), today).unwrap();
        let book = calamine::Xlsx::new(Cursor::new(bytes)).unwrap();
        assert_eq!(book.sheet_names(), [list.label()], "{list:?}");
    }
    let evals = s.evaluations(Some(p.id), &Default::default()).unwrap();
    let bytes = bansou::files::xlsx::lists::evaluations_workbook(&evals).unwrap();
    let mut book = calamine::Xlsx::new(Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("伴走支援評価").unwrap();
    // A header row, then four rows (A–D) per evaluation, as the CSV.
    assert_eq!(sheet.height(), 1 + 4 * evals.len());
}

#[test]
fn the_program_dashboard_opens_as_a_workbook_with_native_charts() {
    let (_dir, _db, mut s) = store();
    bansou::demo::load(&mut s).unwrap();
    let g = s.resolve_program(None).unwrap();
    let today = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
    let rows = bansou::analysis::program::program_dashboard(&s, g.id, today).unwrap();
    assert!(!rows.is_empty());
    let bytes = bansou::files::xlsx::lists::dashboard_workbook(&rows).unwrap();
    let all = parts(&bytes);
    let charts: Vec<String> = all
        .iter()
        .filter(|(n, _)| n.starts_with("xl/charts/chart"))
        .map(|(_, b)| String::from_utf8(b.clone()).unwrap())
        .collect();
    assert_eq!(charts.len(), 2);
    assert!(charts.iter().any(|c| c.contains("準備チェックの達成度")));
    assert!(charts
        .iter()
        .any(|c| c.contains("他者評価の平均") && c.contains("自己評価の平均")));
    use calamine::{Data, Reader};
    let mut book = calamine::Xlsx::new(Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["一覧", "グラフ"]);
    let list = book.worksheet_range("一覧").unwrap();
    assert_eq!(list.get_value((0, 0)), Some(&Data::String("士会".into())));
    assert_eq!(list.height(), rows.len() + 1);
    assert!(
        matches!(list.get_value((1, 6)), Some(Data::Float(_))),
        "達成度 is a number"
    );
}
