//! The PDF report and the 表1 form, read back (text, page count, metadata) with lopdf.

mod common;

use bansou::model::evaluation::EvaluationFilter;
use bansou::report::form::evaluation_form;
use bansou::report::progress::{render, ReportOptions};
use bansou::{demo, Store};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Loads the project's records as the window and the CLI do, then draws the report.
fn progress_report(
    s: &Store,
    project_id: i64,
    opts: &ReportOptions,
    progress: &mut dyn FnMut(&str),
) -> bansou::Result<Vec<u8>> {
    let src = s.report_source(project_id, opts.from, opts.to, opts.today)?;
    Ok(render(&src, opts, progress).bytes)
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

use common::pdf_text as text_of;

fn artifacts() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn demo_report(
    options: impl FnOnce(&mut ReportOptions),
) -> (tempfile::TempDir, PathBuf, Vec<u8>, Store) {
    let (dir, _path, mut s) = common::store();
    demo::load(&mut s).unwrap();
    let p = s.resolve_project("山口").unwrap();
    let mut opts = ReportOptions {
        from: None,
        to: None,
        sections: Vec::new(),
        author: "記録係".into(),
        wareki: true,
        meetings: None,
        comments: true,
        today: d("2024-12-20"),
        created: chrono::Local::now(),
    };
    options(&mut opts);
    let mut heard = Vec::new();
    let bytes = progress_report(&s, p.id, &opts, &mut |step| heard.push(step.to_owned())).unwrap();
    assert!(heard.contains(&"承認欄".to_owned()) || !opts.sections.is_empty());
    let file = dir.path().join("report.pdf");
    std::fs::write(&file, &bytes).unwrap();
    (dir, file, bytes, s)
}

#[test]
fn the_demo_report_holds_every_section_and_the_japanese_is_not_garbled() {
    let (_dir, file, bytes, s) = demo_report(|_| {});
    assert!(bytes.len() <= 500 * 1024, "{} bytes", bytes.len());
    let text = text_of(&file);
    for title in [
        "進捗報告書",
        "事業概要",
        "活動フェーズ",
        "準備チェック",
        "強み分析",
        "関係機関",
        "会議記録",
        "伴走支援評価",
        "計画・今後の予定",
        "課題・今後の検討事項",
        "提供資料",
        "承認欄",
        "理事会承認日",
        "承認者",
    ] {
        assert!(text.contains(title), "{title} missing");
    }
    // 8 テキスト分析: both kinds' networks and their most frequent words.
    assert!(text.contains("テキスト分析（評価コメントの共起ネットワーク）"));
    assert!(text.contains("他者評価のコメント") && text.contains("自己評価のコメント"));
    assert!(text.contains("よく出た語"));
    let p = s.resolve_project("山口").unwrap();
    for item in s.checklist(p.id, d("2024-12-20")).unwrap().items {
        assert!(
            text.contains(&item.text.replace(' ', "")),
            "checklist item {} missing",
            item.text
        );
    }
    for axis in ["創造力", "人力", "対応力", "財力"] {
        assert!(text.contains(axis), "{axis}");
    }
    assert!(
        text.contains("1〜4の尺度とヒト・モノ・カネ・情報への対応づけも、このアプリの例です"),
        "the scale is said to be the app's example"
    );
    for date in ["令和6年6月17日", "令和6年7月16日", "令和6年12月5日"] {
        assert!(text.contains(date), "{date}");
    }
    for item in [
        "モデルチーム（当事者）との関係性に関すること",
        "活動の推進に関すること",
        "現実検討に関すること",
        "臨機応変な支援に関すること",
    ] {
        assert!(text.contains(item), "{item}");
    }
    assert!(text.contains("〇野口健太"), "leader marked");
    // The report's split, with the gaps meeting by meeting and their range.
    assert!(text.contains("チーム会議など（会議4回") && text.contains("合同の進捗会議（会議2回"));
    assert!(
        text.contains("Dは1.0〜2.5ポイント自己評価が低い"),
        "the sentence"
    );
    assert!(text.contains("会議ごとの差の範囲"));
    // The comments, meeting by meeting (none were compiled for the 4th).
    assert!(text.contains("制度や補助金の相談に丁寧に応じていただいた"));
    assert!(
        text.contains("チームメンバーの意見や発言を大切にした"),
        "joint meeting comments"
    );
    // 図16's 今後の検討事項 with what was under way.
    assert!(text.contains("地域の新聞社などへの情報提供や広報活動"));
    assert!(text.contains("OT士会様の担当者と調整中"));

    let info = common::pdf_info(&file);
    assert!(info.title.contains("進捗報告書"), "{info:?}");
    assert_eq!(info.author, "記録係");
    assert_eq!(
        (info.width.round(), info.height.round()),
        (595.0, 842.0),
        "A4"
    );
    assert!(
        !info.creation_date.contains("1970"),
        "a real creation date: {info:?}"
    );
    let pages = info.pages;
    assert!(
        text.contains(&format!("1/{pages}")) && text.contains(&format!("{pages}/{pages}")),
        "page numbers"
    );

    // A page as PNG for people to look at (poppler is on the Linux side only).
    #[cfg(not(windows))]
    {
        let png = artifacts().join("report-page");
        let ok = Command::new("pdftoppm")
            .args(["-r", "70", "-png", "-f", "5", "-l", "5"])
            .arg(&file)
            .arg(&png)
            .status()
            .unwrap();
        assert!(ok.success());
    }
    std::fs::copy(&file, artifacts().join("report-demo.pdf")).unwrap();
}

#[test]
fn comments_can_be_left_out_and_one_group_chosen() {
    let (_dir, file, _bytes, _s) = demo_report(|o| {
        o.sections = vec![7];
        o.comments = false;
        o.meetings = Some(bansou::model::evaluation::MeetingGroup::Joint);
    });
    let text = text_of(&file);
    assert!(text.contains("合同の進捗会議（会議2回"), "{text}");
    assert!(
        !text.contains("チーム会議など（会議"),
        "only the group asked for"
    );
    assert!(
        !text.contains("チームメンバーの意見や発言を大切にした"),
        "no comments"
    );
}

#[test]
fn a_past_years_timeline_marks_the_report_date_not_today() {
    let (_dir, file, _bytes, _s) = demo_report(|o| {
        o.sections = vec![9];
        o.from = Some(d("2024-04-01"));
        o.to = Some(d("2025-03-31"));
        o.today = d("2026-11-26");
    });
    let text = text_of(&file);
    assert!(text.contains("報告日"), "{text}");
    assert!(!text.contains("今日"), "today lies outside 令和6年度");
}

#[test]
fn period_sections_and_seireki_are_honoured() {
    let (_dir, file, _bytes, _s) = demo_report(|o| {
        o.from = Some(d("2024-09-01"));
        o.to = Some(d("2024-10-31"));
        o.sections = vec![6, 11];
        o.wareki = false;
    });
    let text = text_of(&file);
    assert!(
        text.contains("1会議記録") && text.contains("2承認欄"),
        "renumbered"
    );
    assert!(!text.contains("準備チェック"));
    assert!(text.contains("2024年9月5日") && text.contains("2024年9月19日"));
    assert!(!text.contains("2024年6月17日"), "outside the period");
    assert!(!text.contains("令和6年9月5日"), "西暦 when asked");
}

#[test]
fn a_table_that_crosses_a_page_repeats_its_header() {
    let (_dir, _path, mut s) = common::store();
    let p = s
        .create_project(&common::project_input("長い表の事業"))
        .unwrap();
    for i in 0..60 {
        s.create_meeting(&bansou::model::meeting::MeetingInput {
            kind: "チーム会議".into(),
            held_on: format!("2024-{:02}-{:02}", 6 + i / 28, 1 + i % 28),
            format: "オンライン".into(),
            project_ids: vec![p.id],
            decisions: "決定事項の一。とても長い決定事項が続き、表の行が何行にもわたって折り返されることを確かめる".into(),
            ..Default::default()
        })
        .unwrap();
    }
    let opts = ReportOptions {
        from: Some(d("2024-04-01")),
        to: Some(d("2025-03-31")),
        sections: vec![6],
        author: String::new(),
        wareki: true,
        meetings: None,
        comments: true,
        today: d("2024-12-01"),
        created: chrono::Local::now(),
    };
    let bytes = progress_report(&s, p.id, &opts, &mut |_| {}).unwrap();
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), bytes).unwrap();
    let text = text_of(file.path());
    let headers = text.matches("開催日会議名方式主な決定事項").count();
    assert!(headers >= 3, "header repeated on each page: {headers}");
}

#[test]
fn blank_and_filled_evaluation_forms() {
    let dir = tempfile::tempdir().unwrap();
    let blank = dir.path().join("blank.pdf");
    std::fs::write(&blank, evaluation_form(None, chrono::Local::now()).bytes).unwrap();
    let text = text_of(&blank);
    for t in [
        "【伴走型支援事業評価】",
        "□他者評価",
        "□自己評価",
        "モデルチーム会議日（含む進捗会議）",
        "記載日",
        "1:未対応",
        "4:十分に満足できる対応ができた",
        "〇自律性の尊重（安易に解決方法を提示しない）",
        "D臨機応変な支援に関すること",
    ] {
        assert!(text.contains(t), "{t} missing in blank form");
    }
    std::fs::copy(&blank, artifacts().join("form-blank.pdf")).unwrap();

    let (_d, _p, mut s) = common::store();
    demo::load(&mut s).unwrap();
    let e = s
        .evaluations(None, &EvaluationFilter::default())
        .unwrap()
        .remove(0);
    let filled = dir.path().join("filled.pdf");
    std::fs::write(
        &filled,
        evaluation_form(Some(&e), chrono::Local::now()).bytes,
    )
    .unwrap();
    let text = text_of(&filled);
    assert!(text.contains("■他者評価") && text.contains("□自己評価"));
    assert!(text.contains(&e.evaluator.replace(' ', "")));
    assert!(text.contains(&e.comments[0]));
    assert!(text.contains(&format!("■{}", e.scores[0])));
}

#[test]
fn characters_the_font_cannot_draw_print_as_geta_and_are_counted() {
    let (_dir, _path, mut s) = common::store();
    let p = s
        .create_project(&common::project_input("絵文字の事業 😀"))
        .unwrap();
    let src = s.report_source(p.id, None, None, d("2024-12-20")).unwrap();
    let opts = ReportOptions {
        from: None,
        to: None,
        sections: vec![1],
        author: "🙂 記録係".into(),
        wareki: true,
        meetings: None,
        comments: true,
        today: d("2024-12-20"),
        created: chrono::Local::now(),
    };
    let pdf = render(&src, &opts, &mut |_| {});
    // The name on the cover, in the header of page 2 and in section 1; the author once.
    assert!(pdf.replaced >= 3, "{}", pdf.replaced);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("emoji.pdf");
    std::fs::write(&file, &pdf.bytes).unwrap();
    let text = text_of(&file);
    assert!(text.contains("絵文字の事業〓"), "{text}");
    assert!(!text.contains('😀'));
}

/// A small project: one meeting, a handful of 表1. Its gap is 0.15 exactly
/// (7/4 − 8/5, computed 0.1499…): the table, the range row and the sentence
/// round it the same way; its few comments make no network, and the report
/// says so in a line instead of printing empty boxes.
#[test]
fn a_small_projects_report_rounds_once_and_leaves_out_empty_networks() {
    use bansou::model::evaluation::EvaluationInput;
    use bansou::model::meeting::MeetingInput;
    let (dir, _path, mut s) = common::store();
    let p = s
        .create_project(&common::project_input("小さな事業"))
        .unwrap();
    let m = s
        .create_meeting(&MeetingInput {
            kind: "チーム会議".into(),
            held_on: "2024-07-16".into(),
            format: "オンライン".into(),
            project_ids: vec![p.id],
            ..Default::default()
        })
        .unwrap();
    let form = |kind: &str, b: i32, comment: &str| EvaluationInput {
        meeting_id: m.id,
        kind: kind.into(),
        evaluator_id: None,
        written_on: "2024-07-20".into(),
        scores: vec![Some(3), Some(b), Some(3), Some(3)],
        comments: vec![comment.into(), String::new(), String::new(), String::new()],
    };
    for (b, c) in [(2, "説明が丁寧"), (2, ""), (2, ""), (1, "")] {
        s.create_evaluation(&form("他者評価", b, c)).unwrap();
    }
    for (b, c) in [(2, "準備不足"), (2, ""), (2, ""), (1, ""), (1, "")] {
        s.create_evaluation(&form("自己評価", b, c)).unwrap();
    }
    let opts = ReportOptions {
        from: None,
        to: None,
        sections: vec![7, 8],
        author: "記録係".into(),
        wareki: true,
        meetings: None,
        comments: true,
        today: d("2024-12-20"),
        created: chrono::Local::now(),
    };
    let bytes = progress_report(&s, p.id, &opts, &mut |_| {}).unwrap();
    let file = dir.path().join("small.pdf");
    std::fs::write(&file, &bytes).unwrap();
    let text = text_of(&file);
    assert!(text.contains("Bは0.2ポイント自己評価が低い"), "{text}");
    let at = text.find("会議ごとの差の範囲").expect("the range row");
    let row: String = text[at..].chars().skip(9).take(12).collect();
    assert!(row.contains("0.2") && !row.contains("0.1"), "{row}");
    assert!(text.contains("+0.15"), "{text}");
    // No empty network boxes, nor a setting the report page does not have.
    assert!(text.contains("図は省きました"), "{text}");
    assert!(!text.contains("共起する語がありません"), "{text}");
    assert!(!text.contains("最小出現数を下げる"), "{text}");
}
