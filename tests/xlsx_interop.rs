//! Our workbooks with writers and readers that are not ours: Python's openpyxl
//! fills the 表1 form as a user would, and it imports; LibreOffice Calc
//! (headless) opens what we write, converts it to CSV with the expected cells
//! and keeps its validations and protection, and saves a filled form as .xlsx
//! that imports too. The tools come from scripts/xlsx-tools.sh (run by
//! scripts/deps.sh); LibreOffice is started a few times, not per cell.
#![cfg(unix)]

mod common;

use bansou::files::xlsx::form::{form_workbook, import};
use bansou::model::meeting::MeetingInput;
use common::{member_input, project_input, store};
use std::path::{Path, PathBuf};
use std::process::Command;

fn python() -> PathBuf {
    let venv = std::env::var_os("BANSOU_OPENPYXL_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            dirs::home_dir()
                .expect("a home folder")
                .join(".cache/bansou/openpyxl")
        });
    let py = venv.join("bin/python3");
    assert!(
        py.exists(),
        "openpyxl がありません（{}）。scripts/xlsx-tools.sh を実行してください",
        py.display()
    );
    py
}

fn soffice() -> &'static str {
    for c in ["soffice", "libreoffice"] {
        if Command::new(c).arg("--version").output().is_ok() {
            return c;
        }
    }
    panic!("LibreOffice（soffice）がありません。scripts/xlsx-tools.sh を実行してください");
}

/// Runs LibreOffice headless with its own profile (another instance of the
/// user's may be open); `args` after the profile.
fn libreoffice(profile: &Path, args: &[&str], dir: &Path) {
    let out = Command::new(soffice())
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--norestore", "--nologo"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("LibreOffice runs");
    assert!(
        out.status.success(),
        "LibreOffice {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn openpyxl_fills_the_form_libreoffice_reads_and_resaves_it_and_both_import() {
    let (dir, _db, mut s) = store();
    let p = s.create_project(&project_input("腰痛予防事業")).unwrap();
    s.add_member(p.id, &member_input("今井 花子", "リーダー"))
        .unwrap();
    s.add_member(p.id, &member_input("伴走 太郎", "伴走支援者"))
        .unwrap();
    let m = s
        .create_meeting(&MeetingInput {
            kind: "チーム会議".into(),
            held_on: "2024-12-05".into(),
            format: "対面".into(),
            project_ids: vec![p.id],
            ..Default::default()
        })
        .unwrap();
    let d = dir.path();
    let blank = d.join("blank.xlsx");
    std::fs::write(&blank, form_workbook(&s, p.id, m.id, &[]).unwrap()).unwrap();

    // openpyxl, as a user: pick, type, copy the sheet, save.
    let filled = d.join("filled.xlsx");
    let out = Command::new(python())
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/interop/fill_form.py"))
        .args([&blank, &filled])
        .args(["今井 花子", "他者評価", "伴走 太郎"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "fill_form.py: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = import(
        &mut s,
        p.id,
        Some(m.id),
        std::slice::from_ref(&filled),
        false,
    )
    .unwrap();
    assert_eq!((r.added, r.refused), (2, 0), "{r:?}");
    let evals = s.meeting_evaluations(m.id).unwrap();
    let imai = evals.iter().find(|e| e.evaluator == "今井 花子").unwrap();
    assert_eq!(imai.scores, [4, 3, 3, 2]);
    assert_eq!(imai.comments[3], "=SUM(1,2) は式ではなく文字");
    let taro = evals.iter().find(|e| e.evaluator == "伴走 太郎").unwrap();
    assert_eq!(taro.kind.label(), "自己評価");
    assert_eq!(taro.scores, [3, 3, 2, 1]);

    // LibreOffice: the blank form to CSV (every sheet) and to flat ODS (its
    // validations and protection as Calc understood them), and the filled
    // form saved again as .xlsx by Calc.
    let profile = d.join("lo-profile");
    let convert = |to: &str, out: &str, file: &Path| {
        libreoffice(
            &profile,
            &[
                "--convert-to",
                to,
                "--outdir",
                d.join(out).to_str().unwrap(),
                file.to_str().unwrap(),
            ],
            d,
        )
    };
    // The project's lists too (every sheet to CSV in the same start).
    let lists = d.join("lists.xlsx");
    let (bytes, _) = bansou::files::xlsx::lists::project_workbook(
        &s,
        p.id,
        &bansou::files::xlsx::lists::Sheet::ALL,
        chrono::NaiveDate::from_ymd_opt(2024, 12, 10).unwrap(),
    )
    .unwrap();
    std::fs::write(&lists, bytes).unwrap();
    libreoffice(
        &profile,
        &[
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
            "--outdir",
            d.join("csv").to_str().unwrap(),
            blank.to_str().unwrap(),
            lists.to_str().unwrap(),
        ],
        d,
    );
    // Dates are date cells that Calc shows in 和暦, as Excel does.
    let meetings = std::fs::read_to_string(d.join("csv/lists-会議.csv")).expect("会議 as CSV");
    assert!(meetings.starts_with("開催日,会議名"), "{meetings}");
    assert!(
        meetings.contains("\n令和6年12月5日,第1回チーム会議"),
        "{meetings}"
    );
    let evals = std::fs::read_to_string(d.join("csv/lists-伴走支援評価.csv")).unwrap();
    assert_eq!(evals.lines().count(), 1 + 2 * 4, "{evals}");
    assert!(evals.contains("令和6年12月5日"), "{evals}");
    // A survey's results with native charts, from the demo.
    let (_demo_dir, _demo_db, mut demo) = store();
    bansou::demo::load(&mut demo).unwrap();
    let survey = demo.resolve_survey("研修会アンケート").unwrap();
    let results = bansou::analysis::survey::report(&demo, survey.id, None)
        .unwrap()
        .results;
    let program = demo.resolve_program(None).unwrap();
    let teams = bansou::analysis::program::program_dashboard(
        &demo,
        program.id,
        chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
    )
    .unwrap();
    let dashboard = d.join("dashboard.xlsx");
    std::fs::write(
        &dashboard,
        bansou::files::xlsx::lists::dashboard_workbook(&teams).unwrap(),
    )
    .unwrap();
    let survey_book = d.join("survey.xlsx");
    std::fs::write(
        &survey_book,
        bansou::files::xlsx::lists::survey_workbook(&results).unwrap(),
    )
    .unwrap();
    libreoffice(
        &profile,
        &[
            "--convert-to",
            "fods",
            "--outdir",
            d.join("fods").to_str().unwrap(),
            blank.to_str().unwrap(),
            survey_book.to_str().unwrap(),
            dashboard.to_str().unwrap(),
        ],
        d,
    );
    let charts = std::fs::read_to_string(d.join("fods/survey.fods")).unwrap();
    assert!(
        charts.contains("chart:class=\"chart:bar\""),
        "Calc sees the bar charts"
    );
    assert!(charts.contains("問1 職種"), "with their titles");
    let dash = std::fs::read_to_string(d.join("fods/dashboard.fods")).unwrap();
    assert!(
        dash.contains("chart:class=\"chart:bar\""),
        "the dashboard's bar charts"
    );
    assert!(
        dash.contains("準備チェックの達成度（%）")
            && dash.contains("伴走支援評価の平均（他者・自己）"),
        "both charts, with their titles"
    );
    convert("xlsx:Calc MS Excel 2007 XML", "resaved", &filled);
    let resaved = d.join("resaved/filled.xlsx");
    let r = import(&mut s, p.id, Some(m.id), &[resaved], false).unwrap();
    assert_eq!((r.unchanged, r.refused), (2, 0), "{r:?}");
    let csv_out = d.join("csv");
    let csv = std::fs::read_to_string(csv_out.join("blank-表1.csv"))
        .or_else(|_| std::fs::read_to_string(csv_out.join("blank.csv")))
        .expect("the form sheet as CSV");
    let rows: Vec<&str> = csv.lines().collect();
    assert!(rows[0].starts_with("伴走型支援事業評価（表1）"), "{csv}");
    assert!(rows[1].contains("令和6年12月5日"), "{csv}");
    assert!(rows[2].starts_with("評価者,"), "{csv}");
    assert!(csv.contains("〇信頼関係の構築"), "{csv}");
    assert!(csv.contains("4：十分に満足できる対応ができた"), "{csv}");
    let fods = std::fs::read_to_string(d.join("fods/blank.fods")).unwrap();
    assert!(
        fods.contains("table:content-validation "),
        "validations kept"
    );
    assert!(fods.contains("他者評価"), "the 区分 list kept");
    assert!(
        fods.contains("table:condition=\"of:cell-content-is-whole-number() and cell-content-is-between(1;4)\"")
            || fods.contains("cell-content-is-whole-number()"),
        "A–D as whole numbers 1–4"
    );
    assert!(
        fods.contains("table:protected=\"true\""),
        "the sheet protected"
    );
    assert!(
        fods.contains("style:cell-protect=\"none\""),
        "input cells unlocked"
    );
}
