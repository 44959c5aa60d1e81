//! The `bansou` binary as a script would use it.

use std::process::Command;
mod common;

fn bansou(db: &std::path::Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_bansou"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("BANSOU_DB")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn demo_then_projects() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sub").join("cli.sqlite3");

    let (ok, out, _) = bansou(&db, &["projects"]);
    assert!(ok);
    assert!(out.contains("事業はまだありません"), "{out}");

    let (ok, out, err) = bansou(&db, &["demo"]);
    assert!(ok, "{err}");
    assert!(out.contains("事業 2 件"), "{out}");
    let (ok, out, _) = bansou(&db, &["demo"]);
    assert!(ok);
    assert!(out.contains("既に読み込まれています"), "{out}");

    let (ok, out, _) = bansou(&db, &["projects"]);
    assert!(ok);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with("ID"));
    assert!(out.contains("山口県理学療法士会") && out.contains("腰痛予防"));
    assert!(out.contains("茨城県作業療法士会") && out.contains("メンタルヘルス不調"));
    assert!(out.contains("令和6年6月1日〜令和7年3月31日"));

    let (ok, out, _) = bansou(&db, &["projects", "--json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 2);
    for p in arr {
        for key in ["id", "name", "society", "theme", "start_date", "end_date"] {
            assert!(p.get(key).is_some(), "{key} missing in {p}");
        }
    }
    assert!(arr
        .iter()
        .any(|p| p["society"] == "山口県理学療法士会" && p["leader"].is_string()));
}

#[test]
fn a_newer_database_gives_a_japanese_error_and_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("future.sqlite3");
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("PRAGMA user_version = 42;")
        .unwrap();
    let (ok, _, err) = bansou(&db, &["projects"]);
    assert!(!ok);
    assert!(err.starts_with("エラー: "), "{err}");
    assert!(err.contains("新しい版の伴走ノート"), "{err}");
}

#[test]
fn the_environment_variable_chooses_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.sqlite3");
    let out = Command::new(env!("CARGO_BIN_EXE_bansou"))
        .arg("demo")
        .env("BANSOU_DB", &db)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(db.exists());
}

#[test]
fn checklist_and_stakeholders_by_project_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    assert!(bansou(&db, &["demo"]).0);

    let (ok, out, err) = bansou(&db, &["checklist", "山口"]);
    assert!(ok, "{err}");
    assert!(out.contains("■ 内向き（完了 4/8）"), "{out}");
    assert!(out.contains("■ 外向き（完了 6/8）"), "{out}");
    assert!(out.contains("組織内での担当部門の明確化"));
    assert!(out.contains("⑥⑦に対するフィードバック"));
    assert!(
        out.contains("（期限超過）") || !out.contains("2025-"),
        "{out}"
    );

    let (ok, out, _) = bansou(&db, &["checklist", "茨城", "--json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["items"].as_array().unwrap().len(), 16);
    // 外向き6 is put off to the next year, not 該当なし: all 8 count.
    assert_eq!(v["completion"][1]["applicable"], 8);

    let (ok, out, _) = bansou(&db, &["stakeholders", "茨城"]);
    assert!(ok);
    assert!(
        out.contains("茨城産業保健総合支援センター") && out.contains("協議中"),
        "{out}"
    );
    let (ok, out, _) = bansou(&db, &["stakeholders", "山口", "--json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v.as_array().unwrap().iter().any(|o| o["state"] == "連携"));

    let (ok, _, err) = bansou(&db, &["checklist", "事業"]);
    assert!(!ok);
    assert!(err.contains("複数"), "{err}");
}

#[test]
fn strengths_table_json_and_svg() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    assert!(bansou(&db, &["demo"]).0);
    let svg = dir.path().join("radar.svg");
    let (ok, out, err) = bansou(&db, &["strengths", "茨城", "--svg", svg.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(
        out.contains("事業開始時（2024-06-09）") && out.contains("中間（2024-09-27）"),
        "{out}"
    );
    assert!(out.contains("が最も低い"), "{out}");
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg") && text.contains(">財力</text>"));
    let (ok, out, _) = bansou(&db, &["strengths", "山口", "--json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["sessions"].as_array().unwrap().len(), 2);
    assert_eq!(v["sessions"][0]["axes"].as_array().unwrap().len(), 4);
}

#[test]
fn meetings_and_tasks_by_project_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    assert!(bansou(&db, &["demo"]).0);
    let (ok, out, err) = bansou(&db, &["meetings", "茨城"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("令和6年6月9日") && out.contains("第1回チーム会議") && out.contains("対面"),
        "{out}"
    );
    assert!(out.contains("第2回進捗会議（合同）"), "{out}");
    let (ok, out, _) = bansou(&db, &["meetings", "山口", "--json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // 5 team meetings, 3 研修会 and the 3 joint meetings.
    assert_eq!(v.as_array().unwrap().len(), 11);
    let (ok, out, _) = bansou(&db, &["tasks", "山口"]);
    assert!(ok);
    assert!(
        out.contains("◆ 腰痛予防対策研修会") && out.contains("第1回チーム会議（令和6年6月17日）"),
        "{out}"
    );
    let (ok, out, _) = bansou(&db, &["tasks", "茨城", "--json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 6);
}

#[test]
fn evaluations_summary_and_csv() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    assert!(bansou(&db, &["demo"]).0);
    let (ok, out, err) = bansou(&db, &["evaluations", "山口", "--summary"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("第2回チーム会議") && out.contains("自己評価") && out.contains("（n="),
        "{out}"
    );
    // The report's split, each with its per-meeting gaps and their range.
    assert!(
        out.contains("■ チーム会議など") && out.contains("■ 合同の進捗会議"),
        "{out}"
    );
    assert!(out.contains("Dは1.0〜2.5ポイント自己評価が低い"), "{out}");
    let (ok, out, _) = bansou(
        &db,
        &["evaluations", "茨城", "--summary", "--meetings", "team"],
    );
    assert!(ok);
    assert!(!out.contains("■ 合同の進捗会議"), "{out}");
    assert!(
        out.contains("A〜Cは0.5〜1.0ポイント、Dは0.5〜1.5ポイント自己評価が低い"),
        "the report's ranges for 茨城: {out}"
    );
    let (ok, _, err) = bansou(
        &db,
        &["evaluations", "茨城", "--summary", "--meetings", "合宿"],
    );
    assert!(!ok && err.contains("team"), "{err}");
    let (ok, out, _) = bansou(&db, &["evaluations", "山口", "--summary", "--json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[0]["group"], "チーム会議など");
    assert_eq!(v[1]["group"], "合同の進捗会議");
    let first = &v[0]["summary"]["stats"][0];
    for key in ["meeting_id", "item", "kind", "n", "mean"] {
        assert!(first.get(key).is_some(), "{key}");
    }
    let csv = dir.path().join("out.csv");
    let (ok, out, _) = bansou(
        &db,
        &["evaluations", "茨城", "--csv", csv.to_str().unwrap()],
    );
    assert!(ok);
    assert!(out.contains("書き出しました"));
    let bytes = std::fs::read(&csv).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let (ok, _, err) = bansou(
        &db,
        &["evaluations", "茨城", "--summary", "--kind", "相互評価"],
    );
    assert!(!ok);
    assert!(
        err.contains("評価者の区分「相互評価」は選べません"),
        "{err}"
    );
}

#[test]
fn report_and_form_files() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    assert!(bansou(&db, &["demo"]).0);
    let out = dir.path().join("report.pdf");
    let (ok, stdout, err) = bansou(
        &db,
        &[
            "report",
            "茨城",
            "--out",
            out.to_str().unwrap(),
            "--from",
            "2024-04-01",
            "--to",
            "2025-03-31",
            "--sections",
            "1,会議,承認",
        ],
    );
    assert!(ok, "{err}");
    assert!(stdout.contains("進捗報告書を書き出しました"));
    // An existing file is replaced only with --force; without it, nothing is written.
    let before = std::fs::read(&out).unwrap();
    let (ok, _, err) = bansou(&db, &["report", "茨城", "--out", out.to_str().unwrap()]);
    assert!(!ok && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read(&out).unwrap(), before);
    let other = dir.path().join("unrelated.txt");
    std::fs::write(&other, "関係のないファイル").unwrap();
    let (ok, _, err) = bansou(&db, &["export", "山口", "--out", other.to_str().unwrap()]);
    assert!(ok, "the extension is added: unrelated.txt.bansou ({err})");
    assert_eq!(
        std::fs::read_to_string(&other).unwrap(),
        "関係のないファイル"
    );
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF"));
    let (ok, _, err) = bansou(
        &db,
        &[
            "report",
            "茨城",
            "--out",
            out.to_str().unwrap(),
            "--sections",
            "目次",
            "--force",
        ],
    );
    assert!(!ok);
    assert!(err.contains("章「目次」はありません"), "{err}");
    let form = dir.path().join("form.pdf");
    let (ok, _, err) = bansou(&db, &["form", "--out", form.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(std::fs::read(&form).unwrap().starts_with(b"%PDF"));
}

/// The way the user lost everything before: `report … --out` naming the
/// database. Now refused, exit 1, the file byte for byte as it was.
#[test]
fn exports_never_overwrite_the_database_its_companions_or_backups() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.sqlite3");
    assert!(bansou(&db, &["demo"]).0);
    assert!(bansou(&db, &["backup"]).0);
    let before = std::fs::read(&db).unwrap();
    let backups = dir.path().join("backups");
    let a_backup = std::fs::read_dir(&backups)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let backup_bytes = std::fs::read(&a_backup).unwrap();
    let pdf_named_db = dir.path().join("d.pdf");
    std::fs::copy(&db, &pdf_named_db).unwrap();
    for args in [
        vec!["report", "山口", "--out", db.to_str().unwrap()],
        vec!["form", "--out", pdf_named_db.to_str().unwrap()],
        vec!["evaluations", "全体", "--csv", a_backup.to_str().unwrap()],
        vec![
            "report",
            "山口",
            "--out",
            backups.join("r.pdf").to_str().unwrap(),
        ],
    ] {
        let (ok, out, err) = bansou(&db, &args);
        assert!(!ok, "{args:?} was accepted: {out}");
        assert!(err.contains("書き出せません"), "{err}");
    }
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the database is untouched"
    );
    assert_eq!(std::fs::read(&a_backup).unwrap(), backup_bytes);
    assert!(!backups.join("r.pdf").exists());
    assert!(!dir.path().join("d.sqlite3.pdf").exists());
    let (ok, out, _) = bansou(&db, &["projects"]);
    assert!(ok && out.contains("山口県理学療法士会"), "{out}");
}

#[test]
fn backup_restore_archive_and_delete_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.sqlite3");
    assert!(bansou(&db, &["demo"]).0);
    let copy = dir.path().join("コピー.sqlite3");
    let (ok, out, err) = bansou(&db, &["backup", "--out", copy.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(out.contains("バックアップを書き出しました"));
    let (ok, _, err) = bansou(&db, &["backup", "--out", copy.to_str().unwrap()]);
    assert!(!ok && err.contains("既にあります"), "{err}");

    let (ok, _, err) = bansou(&db, &["delete", "山口", "--yes"]);
    assert!(!ok && err.contains("アーカイブされていません"), "{err}");
    let (ok, out, _) = bansou(&db, &["archive", "山口"]);
    assert!(ok && out.contains("アーカイブしました"), "{out}");
    let (_, out, _) = bansou(&db, &["projects"]);
    assert!(
        !out.contains("山口県理学療法士会"),
        "archived projects leave the list: {out}"
    );
    let (ok, out, err) = bansou(&db, &["delete", "山口"]);
    assert!(!ok && err.contains("--yes"), "{err}");
    assert!(
        out.contains("会議 8件") && out.contains("課題 6件"),
        "{out}"
    );
    let (ok, out, err) = bansou(&db, &["delete", "山口", "--yes"]);
    assert!(ok, "{err}");
    assert!(out.contains("完全に削除しました"), "{out}");
    let (ok, _, _) = bansou(&db, &["checklist", "山口"]);
    assert!(!ok);

    let (ok, out, err) = bansou(&db, &["restore", copy.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(
        out.contains("復元前のデータはバックアップしてあります"),
        "{out}"
    );
    let (_, out, _) = bansou(&db, &["projects"]);
    assert!(out.contains("山口県理学療法士会"), "{out}");
    let (ok, out, _) = bansou(&db, &["backups"]);
    assert!(
        ok && out.contains("復元の前") && out.contains("事業の完全削除の前"),
        "{out}"
    );

    let (ok, _, err) = bansou(&db, &["restore", db.to_str().unwrap()]);
    assert!(!ok && err.contains("開いているデータベース"), "{err}");
}

#[test]
fn a_comment_excel_would_run_as_a_formula_is_written_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.sqlite3");
    assert!(bansou(&db, &["demo"]).0);
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "UPDATE evaluation_items SET comment = '=1+1' WHERE rowid = (SELECT min(rowid) FROM evaluation_items)",
            [],
        )
        .unwrap();
    let csv = dir.path().join("評価.csv");
    let (ok, _, err) = bansou(
        &db,
        &["evaluations", "全体", "--csv", csv.to_str().unwrap()],
    );
    assert!(ok, "{err}");
    let text = String::from_utf8(std::fs::read(&csv).unwrap()).unwrap();
    let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let comments: Vec<String> = r.records().map(|row| row.unwrap()[11].to_owned()).collect();
    assert!(comments.contains(&"'=1+1".to_owned()), "{comments:?}");
    assert!(!comments.contains(&"=1+1".to_owned()));
    let scores: Vec<String> =
        csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes())
            .records()
            .map(|row| row.unwrap()[9].to_owned())
            .collect();
    assert!(
        scores.iter().all(|s| s.parse::<u8>().is_ok()),
        "scores stay numbers"
    );
}

#[test]
fn a_project_and_a_supporter_s_evaluations_travel_by_file() {
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team.sqlite3");
    let other = dir.path().join("other.sqlite3");
    assert!(bansou(&team, &["demo"]).0);
    let file = dir.path().join("山口");
    let (ok, out, err) = bansou(&team, &["export", "山口", "--out", file.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(
        out.contains("事業のデータを書き出しました") && out.contains("山口.bansou"),
        "{out}"
    );
    let file = dir.path().join("山口.bansou");
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains("\"format\": \"bansou-note/bundle\""));

    let (ok, out, err) = bansou(&other, &["import", file.to_str().unwrap(), "--dry-run"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("追加") && out.contains("書き込んでいません"),
        "{out}"
    );
    assert!(!bansou(&other, &["projects"])
        .1
        .contains("山口県理学療法士会"));
    let (ok, out, _) = bansou(&other, &["import", file.to_str().unwrap(), "--json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["applied"], true);
    assert!(v["added"].as_u64().unwrap() > 50);
    let (_, out, _) = bansou(&other, &["import", file.to_str().unwrap()]);
    assert!(!out.contains("追加"), "twice changes nothing: {out}");

    // A 評価依頼 for one meeting, answered from a third PC.
    let meetings: serde_json::Value =
        serde_json::from_str(&bansou(&team, &["meetings", "山口", "--json"]).1).unwrap();
    let m = meetings[1]["id"].to_string();
    let req = dir.path().join("依頼.bansou");
    let (ok, _, err) = bansou(
        &team,
        &[
            "export",
            "山口",
            "--meeting",
            &m,
            "--request",
            "--out",
            req.to_str().unwrap(),
        ],
    );
    assert!(ok, "{err}");
    let supporter = dir.path().join("supporter.sqlite3");
    assert!(bansou(&supporter, &["import", req.to_str().unwrap()]).0);
    let (ok, out, _) = bansou(&supporter, &["meetings", "山口"]);
    assert!(
        ok && out.lines().filter(|l| l.starts_with("令和")).count() == 1,
        "one meeting there: {out}"
    );

    // Hostile: refused with exit 1 and a Japanese reason, nothing written.
    let bad = dir.path().join("bad.bansou");
    std::fs::write(
        &bad,
        "{\"format\":\"bansou-note/bundle\",\"format_version\":7}",
    )
    .unwrap();
    let before = std::fs::read(&other).unwrap();
    let (ok, _, err) = bansou(&other, &["import", bad.to_str().unwrap()]);
    assert!(!ok && err.contains("アプリを更新してください"), "{err}");
    assert_eq!(std::fs::read(&other).unwrap(), before);
}

#[test]
fn evaluations_come_back_from_csv_once_and_bad_rows_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.sqlite3");
    assert!(bansou(&db, &["demo"]).0);
    let csv = dir.path().join("評価.csv");
    assert!(
        bansou(
            &db,
            &["evaluations", "山口", "--csv", csv.to_str().unwrap()]
        )
        .0
    );
    // The app's own export: everything is already there.
    let (ok, out, err) = bansou(
        &db,
        &["evaluations", "山口", "--import-csv", csv.to_str().unwrap()],
    );
    assert!(ok, "{err}");
    assert!(out.contains("新しいもの 0 件"), "{out}");

    // A Google Forms sheet: two answers, one for a day without a meeting.
    let forms = dir.path().join("フォーム.csv");
    std::fs::write(
        &forms,
        "タイムスタンプ,氏名,評価者の区分,モデルチーム会議日,A 関係性,A コメント,B 活動の推進,B コメント,C 現実検討,C コメント,D 臨機応変な支援,D コメント\n\
         2024/12/09 10:15:00,,他者評価,2024/11/25,4,よく聞いてくれた,4,,3,,4,\n\
         2024/12/09 11:00:00,,他者評価,2024/11/26,4,,4,,4,,4,\n",
    )
    .unwrap();
    let (ok, out, err) = bansou(
        &db,
        &[
            "evaluations",
            "山口",
            "--import-csv",
            forms.to_str().unwrap(),
            "--dry-run",
        ],
    );
    assert!(ok, "{err}");
    assert!(
        out.contains("3行目") && out.contains("会議がありません"),
        "{out}"
    );
    assert!(out.contains("新しいもの 1 件"), "{out}");
    let before: serde_json::Value =
        serde_json::from_str(&bansou(&db, &["evaluations", "山口", "--json"]).1).unwrap();
    assert!(
        bansou(
            &db,
            &[
                "evaluations",
                "山口",
                "--import-csv",
                forms.to_str().unwrap()
            ]
        )
        .0
    );
    let after: serde_json::Value =
        serde_json::from_str(&bansou(&db, &["evaluations", "山口", "--json"]).1).unwrap();
    assert_eq!(
        after.as_array().unwrap().len(),
        before.as_array().unwrap().len() + 1
    );
    assert!(after.to_string().contains("よく聞いてくれた"));
    // The same sheet again adds nothing.
    assert!(
        bansou(
            &db,
            &[
                "evaluations",
                "山口",
                "--import-csv",
                forms.to_str().unwrap()
            ]
        )
        .0
    );
    let again: serde_json::Value =
        serde_json::from_str(&bansou(&db, &["evaluations", "山口", "--json"]).1).unwrap();
    assert_eq!(
        again.as_array().unwrap().len(),
        after.as_array().unwrap().len()
    );
}

#[test]
fn every_list_exports_as_csv_for_excel() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.sqlite3");
    assert!(bansou(&db, &["demo"]).0);
    for (cmd, head) in [
        ("checklist", "区分,No,項目,状況"),
        ("meetings", "開催日,会議名"),
        ("tasks", "期限,タスク"),
        ("stakeholders", "機関名,種別"),
    ] {
        let out = dir.path().join(format!("{cmd}.csv"));
        let (ok, text, err) = bansou(&db, &[cmd, "山口", "--csv", out.to_str().unwrap()]);
        assert!(ok, "{cmd}: {err}");
        assert!(text.contains("CSV に書き出しました"));
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{cmd}");
        let body = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(body.starts_with(head), "{cmd}: {body}");
        assert!(body.contains("\r\n") && body.lines().count() > 2, "{cmd}");
    }
    let out = dir.path().join("checklist.csv");
    let body = std::fs::read_to_string(&out).unwrap();
    assert!(
        body.contains("未着手→進行中"),
        "the history travels: {body}"
    );
}

#[test]
fn analyze_draws_the_network_and_writes_graphml_csv_and_svg() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    assert!(bansou(&db, &["demo"]).0);
    let (ok, out, err) = bansou(&db, &["analyze", "茨城"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("共起ネットワーク（他者評価・自己評価）：コメント"),
        "{out}"
    );
    assert!(out.contains("語1") && out.contains("Jaccard"), "{out}");

    let (ok, out, _) = bansou(
        &db,
        &[
            "analyze",
            "茨城",
            "--kind",
            "self",
            "--min-freq",
            "1",
            "--top",
            "10",
            "--json",
        ],
    );
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["min_freq"], 1);
    assert!(v["network"]["edges"].as_array().unwrap().len() >= 10);
    assert!(!v["per_meeting"].as_array().unwrap().is_empty());

    let graphml = dir.path().join("net.graphml");
    let svg = dir.path().join("net.svg");
    let csv_dir = dir.path().join("csv");
    std::fs::create_dir(&csv_dir).unwrap();
    let (ok, _, err) = bansou(
        &db,
        &[
            "analyze",
            "全体",
            "--graphml",
            graphml.to_str().unwrap(),
            "--svg",
            svg.to_str().unwrap(),
            "--csv-dir",
            csv_dir.to_str().unwrap(),
        ],
    );
    assert!(ok, "{err}");
    let text = std::fs::read_to_string(&graphml).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap();
    let nodes = doc.descendants().filter(|n| n.has_tag_name("node")).count();
    assert!(nodes > 5);
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg"));
    let edges = std::fs::read(csv_dir.join("edges.csv")).unwrap();
    assert!(edges.starts_with(b"\xEF\xBB\xBF"));

    let (ok, _, err) = bansou(&db, &["analyze", "茨城", "--kind", "mutual"]);
    assert!(!ok && err.contains("other・self・both"), "{err}");
    let (ok, _, err) = bansou(&db, &["analyze", "茨城", "--min-freq", "0"]);
    assert!(!ok && err.contains("最小出現数"), "{err}");
}

#[test]
fn program_shows_the_dashboard_and_writes_its_documents() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    assert!(bansou(&db, &["demo"]).0);

    let (ok, out, err) = bansou(&db, &["program"]);
    assert!(ok, "{err}");
    assert!(
        out.starts_with(
            "令和6年度 地域保健総合推進事業　事業受託者：日本理学療法士協会・日本作業療法士協会"
        ),
        "{out}"
    );
    assert!(
        out.contains("山口県理学療法士会") && out.contains("63%"),
        "{out}"
    );
    assert!(
        out.contains("茨城県作業療法士会") && out.contains("38%"),
        "{out}"
    );

    let (ok, out, _) = bansou(&db, &["program", "--json"]);
    assert!(ok);
    let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    for key in [
        "completion",
        "phase",
        "open_tasks",
        "overdue_tasks",
        "open_issues",
        "other_mean",
        "latest_gap",
        "trend",
        "weakest_strength",
        "warnings",
    ] {
        assert!(rows[0].get(key).is_some(), "{key} in {}", rows[0]);
    }

    let (ok, out, _) = bansou(&db, &["program", "--people", "--json"]);
    assert!(ok);
    let work: serde_json::Value = serde_json::from_str(&out).unwrap();
    let kitamura = work
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["name"] == "北村 浩一")
        .unwrap();
    assert_eq!(kitamura["teams"].as_array().unwrap().len(), 2);

    let pdf = dir.path().join("一覧.pdf");
    let csv = dir.path().join("一覧.csv");
    let summary = dir.path().join("まとめ.pdf");
    let (ok, out, err) = bansou(
        &db,
        &[
            "program",
            "--program",
            "地域保健",
            "--pdf",
            pdf.to_str().unwrap(),
            "--csv",
            csv.to_str().unwrap(),
            "--summary-pdf",
            summary.to_str().unwrap(),
        ],
    );
    assert!(ok, "{err}");
    assert!(out.contains("事業全体の進捗一覧を書き出しました"), "{out}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    assert!(std::fs::read(&summary).unwrap().starts_with(b"%PDF"));
    let text = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(text.trim_end().split("\r\n").count(), 3);

    // A bad target is refused before anything is written.
    let fresh = dir.path().join("新しい.pdf");
    let (ok, _, err) = bansou(
        &db,
        &[
            "program",
            "--pdf",
            fresh.to_str().unwrap(),
            "--csv",
            db.to_str().unwrap(),
        ],
    );
    assert!(!ok);
    assert!(err.contains("エラー"), "{err}");
    assert!(
        !fresh.exists(),
        "nothing written when one target is refused"
    );
    let (ok, _, err) = bansou(&db, &["program", "--program", "存在しない事業"]);
    assert!(!ok);
    assert!(err.contains("見つかりません"), "{err}");
}

#[test]
fn survey_lists_shows_imports_and_prints_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    assert!(bansou(&db, &["demo"]).0);

    let (ok, out, err) = bansou(&db, &["survey", "list"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("研修会アンケート") && out.contains("48（参加 54）"),
        "{out}"
    );
    assert!(out.contains("前年度のアンケート（令和5年度）"), "{out}");
    assert!(!out.contains("士会の取り組み状況アンケート"), "{out}");
    let (ok, out, _) = bansou(&db, &["survey", "list", "--json"]);
    assert!(ok);
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(list.as_array().unwrap().len(), 2);

    let (ok, out, err) = bansou(&db, &["survey", "results", "研修会"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("回答 48件／参加者 54名（回収率 88.9%）"),
        "{out}"
    );
    assert!(
        out.contains("5点（非常に満足）・4点（満足）を合わせると98%"),
        "{out}"
    );
    // 問3 (47 都道府県): the prefectures chosen, as the window and the PDF list them.
    assert!(out.contains("山口県    "), "{out}");
    assert!(out.contains("56.3%"), "{out}");

    let (ok, out, _) = bansou(&db, &["survey", "results", "研修会", "--by", "1", "--json"]);
    assert!(ok);
    let groups: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ns: Vec<u64> = groups
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["n"].as_u64().unwrap())
        .collect();
    assert_eq!(ns, [21, 27], "PT 21 / OT 27");

    // 問9–14 of the same questionnaire, each with its base and the year before.
    let (_, results, _) = bansou(&db, &["survey", "results", "研修会"]);
    for want in [
        "28.9%",
        "57.9%",
        "60.5%",
        "65.8%",
        "（回答 38件（問12で「取り組めていない」と答えた方のみ））",
        "（24件（問10で「検討している」と答えた方のみ）・うち無回答 1件）",
        "前回（前年度のアンケート（令和5年度））との比較：",
        "検討している：37.5%（40件中15件） → 50%（48件中24件）",
        "・士会内での情報共有・情報収集（21件）",
    ] {
        assert!(results.contains(want), "{want} in {results}");
    }

    // Paper answers typed in Excel: checked first, then imported once.
    let file = dir.path().join("回答 一覧.csv");
    std::fs::write(
        &file,
        "職種,所属の都道府県,研修会全体の満足度,厚生労働省の講演,保健師の講演,モデルチームの講演\n\
         理学療法士（PT）,山口県,5,4,4,5\n\
         作業療法士（OT）,茨城県,4,3,5,4\n\
         作業療法士（OT）,茨城県,9,4,4,4\n",
    )
    .unwrap();
    let args = ["survey", "import", "研修会", file.to_str().unwrap()];
    let (ok, out, err) = bansou(&db, &[&args[..], &["--dry-run"]].concat());
    assert!(ok, "{err}");
    assert!(
        out.contains("確認のみ：回答 2 件（新しいもの 2 件") && out.contains("4行目"),
        "{out}"
    );
    assert!(
        bansou(&db, &["survey", "results", "研修会"])
            .1
            .contains("回答 48件"),
        "dry run wrote nothing"
    );
    let (ok, out, _) = bansou(&db, &args);
    assert!(ok);
    assert!(
        out.contains("取り込みました：回答 2 件（新しいもの 2 件"),
        "{out}"
    );
    let (_, out, _) = bansou(&db, &args);
    assert!(out.contains("新しいもの 0 件、取り込み済み 2 件"), "{out}");
    assert!(bansou(&db, &["survey", "results", "研修会"])
        .1
        .contains("回答 50件"));

    let pdf = dir.path().join("結果 報告.pdf");
    let csv = dir.path().join("結果.csv");
    let form = dir.path().join("用紙.pdf");
    let (ok, out, err) = bansou(
        &db,
        &[
            "survey",
            "results",
            "研修会",
            "--pdf",
            pdf.to_str().unwrap(),
            "--csv",
            csv.to_str().unwrap(),
        ],
    );
    assert!(ok, "{err}");
    assert!(out.contains("アンケート結果を書き出しました"), "{out}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    assert!(std::fs::read_to_string(&csv)
        .unwrap()
        .contains(",非常に満足,28,50,56.0"));
    let (ok, _, err) = bansou(
        &db,
        &["survey", "form", "研修会", "--out", form.to_str().unwrap()],
    );
    assert!(ok, "{err}");
    assert!(common::pdf_text(&form).contains("研修会アンケート"));

    let (ok, _, err) = bansou(
        &db,
        &["survey", "form", "研修会", "--out", db.to_str().unwrap()],
    );
    assert!(!ok && err.contains("エラー"), "{err}");
    let (ok, _, err) = bansou(&db, &["survey", "results", "存在しない"]);
    assert!(!ok && err.contains("見つかりません"), "{err}");
}

#[test]
fn next_steps_and_the_meeting_handout_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("cli.sqlite3");
    assert!(bansou(&db, &["demo"]).0);

    let (ok, out, err) = bansou(&db, &["next", "山口"]);
    assert!(ok, "{err}");
    // 山口 heard its staff by its own surveys (外向き⑦): no 研修会 is called without one.
    assert!(!out.contains("研修会のアンケートを用意する"), "{out}");
    assert!(
        out.contains("きっかけ：強み分析で財力が直近2回続けて最も低い"),
        "{out}"
    );
    assert!(out.contains("出典：報告書 第2章 第4節"), "{out}");
    let (ok, out, _) = bansou(&db, &["next", "山口", "--json"]);
    assert!(ok);
    let list: serde_json::Value = serde_json::from_str(&out).unwrap();
    for s in list.as_array().unwrap() {
        for key in [
            "rule_key",
            "title",
            "trigger",
            "reason",
            "source",
            "task",
            "fingerprint",
        ] {
            assert!(s.get(key).is_some(), "{key} in {s}");
        }
    }

    let (_, out, _) = bansou(&db, &["meetings", "茨城", "--json"]);
    let meetings: serde_json::Value = serde_json::from_str(&out).unwrap();
    let last = meetings.as_array().unwrap().last().unwrap()["id"].to_string();
    let (ok, out, err) = bansou(&db, &["prepare", &last]);
    assert!(ok, "{err}");
    assert!(
        out.contains("会議の準備：") && out.contains("■ 議題の案"),
        "{out}"
    );
    let pdf = dir.path().join("会議 準備.pdf");
    let (ok, out, err) = bansou(&db, &["prepare", &last, "--out", pdf.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(out.contains("（1 ページ）"), "{out}");
    assert!(common::pdf_text(&pdf).contains("伴走支援者の役割"));

    let (ok, _, err) = bansou(
        &db,
        &[
            "prepare",
            "999999",
            "--out",
            dir.path().join("x.pdf").to_str().unwrap(),
        ],
    );
    assert!(!ok && err.contains("見つかりません"), "{err}");
    assert!(!dir.path().join("x.pdf").exists());
    let (ok, _, err) = bansou(&db, &["prepare", &last, "--out", db.to_str().unwrap()]);
    assert!(!ok && err.contains("エラー"), "{err}");
}

/// The journey a Windows user runs from PowerShell, through a folder like
/// `C:\Users\山田 花子\ドキュメント`: under Wine (`scripts/windows-test.sh`)
/// these are Windows paths with a drive letter and backslashes.
#[test]
fn a_journey_through_folders_with_spaces_and_japanese_names() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("山田 花子").join("ドキュメント");
    std::fs::create_dir_all(&docs).unwrap();
    let db = docs.join("伴走 ノート.sqlite3");
    #[cfg(windows)]
    assert!(
        db.to_str().unwrap().contains('\\'),
        "a Windows path: {}",
        db.display()
    );

    let (ok, out, err) = bansou(&db, &["demo"]);
    assert!(ok, "{err}");
    assert!(
        out.contains("山田 花子"),
        "the path is echoed as given: {out}"
    );
    let (ok, out, _) = bansou(&db, &["checklist", "山口"]);
    assert!(ok && out.contains("外向き"), "{out}");
    let csv = docs.join("評価 一覧.csv");
    let report = docs.join("報告書.pdf");
    let form = docs.join("表1 用紙.pdf");
    let (ok, _, err) = bansou(
        &db,
        &["evaluations", "全体", "--csv", csv.to_str().unwrap()],
    );
    assert!(ok, "{err}");
    let (ok, _, err) = bansou(&db, &["report", "山口", "--out", report.to_str().unwrap()]);
    assert!(ok, "{err}");
    let (ok, _, err) = bansou(&db, &["form", "--out", form.to_str().unwrap()]);
    assert!(ok, "{err}");

    let table = std::fs::read_to_string(&csv).unwrap();
    assert!(
        table.starts_with('\u{feff}') && table.contains("\r\n"),
        "Excel's CSV"
    );
    assert!(common::pdf_text(&report).contains("山口県理学療法士会"));
    assert!(common::pdf_text(&form).contains("伴走型支援事業評価"));
    // Nothing was written outside the chosen folder.
    let mut names: Vec<String> = std::fs::read_dir(&docs)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with("-wal") && !n.ends_with("-shm"))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "伴走 ノート.sqlite3",
            "報告書.pdf",
            "表1 用紙.pdf",
            "評価 一覧.csv"
        ]
    );
}

#[test]
fn two_team_members_who_answered_alike_are_two_forms() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("twins.sqlite3");
    assert!(bansou(&db, &["demo"]).0);
    let forms = dir.path().join("同じ回答.csv");
    std::fs::write(
        &forms,
        "タイムスタンプ,氏名,評価者の区分,モデルチーム会議日,A 関係性,A コメント,B 活動の推進,B コメント,C 現実検討,C コメント,D 臨機応変な支援,D コメント\n\
         2024/12/09 10:15:00,,他者評価,2024/11/25,4,,4,,3,,4,\n\
         2024/12/09 10:15:00,,他者評価,2024/11/25,4,,4,,3,,4,\n",
    )
    .unwrap();
    let count = || -> usize {
        let v: serde_json::Value =
            serde_json::from_str(&bansou(&db, &["evaluations", "山口", "--json"]).1).unwrap();
        v.as_array().unwrap().len()
    };
    let before = count();
    let import = |dry: bool| {
        let mut args = vec![
            "evaluations",
            "山口",
            "--import-csv",
            forms.to_str().unwrap(),
        ];
        if dry {
            args.push("--dry-run");
        }
        bansou(&db, &args)
    };
    let (ok, out, err) = import(true);
    assert!(ok && out.contains("新しいもの 2 件"), "{out}{err}");
    let (ok, out, err) = import(false);
    assert!(ok, "{out}{err}");
    assert_eq!(count(), before + 2);
    let (ok, out, _) = import(false);
    assert!(ok && out.contains("新しいもの 0 件"), "{out}");
    assert_eq!(count(), before + 2);
}

#[test]
fn excel_forms_go_out_and_come_back_and_lists_open_as_workbooks() {
    use bansou::files::xlsx::form::{form_workbook, Fill};
    use calamine::{Data, Reader};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.sqlite3");
    assert!(bansou(&db, &["demo"]).0);
    let (project, meeting, member) = {
        let s = bansou::Store::open(&db).unwrap();
        let p = s.resolve_project("山口").unwrap();
        let m = s.meetings(p.id, &Default::default()).unwrap()[0].clone();
        let who = s.members(p.id).unwrap()[0].name.clone();
        (p.id, m, who)
    };
    let form = dir.path().join("表1.xlsx");
    let id = meeting.id.to_string();
    let (ok, out, err) = bansou(
        &db,
        &[
            "evaluations",
            "山口",
            "--meeting",
            &id,
            "--xlsx-form",
            form.to_str().unwrap(),
        ],
    );
    assert!(ok, "{err}");
    assert!(
        out.contains("表1の評価票（Excel）を書き出しました"),
        "{out}"
    );
    assert!(std::fs::read(&form).unwrap().starts_with(b"PK"));

    // Two filled workbooks: one fine, one with a 5 in B8.
    let write = |name: &str, scores: [u8; 4]| {
        let s = bansou::Store::open(&db).unwrap();
        let fill = Fill {
            evaluator: member.clone(),
            kind: "他者評価".into(),
            written_on: Some(meeting.held_on),
            scores: scores.map(Some),
            comments: Default::default(),
        };
        let path = dir.path().join(name);
        std::fs::write(
            &path,
            form_workbook(&s, project, meeting.id, &[fill]).unwrap(),
        )
        .unwrap();
        path
    };
    let good = write("記入済み.xlsx", [4, 3, 3, 2]);
    let bad = write("まちがい.xlsx", [4, 5, 3, 2]);
    let before = common::dump(&db);
    let (ok, out, err) = bansou(
        &db,
        &[
            "evaluations",
            "山口",
            "--import-xlsx",
            good.to_str().unwrap(),
            bad.to_str().unwrap(),
            "--dry-run",
        ],
    );
    assert!(ok, "{err}");
    assert!(out.contains("■ 記入済み.xlsx"), "{out}");
    assert!(out.contains("B8：1〜4で入力してください"), "{out}");
    assert!(
        out.contains("確認のみ：") && out.contains("取り込めない 1件"),
        "{out}"
    );
    assert_eq!(common::dump(&db), before, "a dry run writes nothing");
    let (ok, out, err) = bansou(
        &db,
        &[
            "evaluations",
            "山口",
            "--import-xlsx",
            good.to_str().unwrap(),
        ],
    );
    assert!(ok, "{err}");
    assert!(out.contains("取り込みました："), "{out}");

    // Every list of the project as one workbook with real date cells.
    let lists = dir.path().join("一覧.xlsx");
    let (ok, out, err) = bansou(
        &db,
        &["export", "山口", "--xlsx", "--out", lists.to_str().unwrap()],
    );
    assert!(ok, "{err}");
    assert!(out.contains("Excel のブックに書き出しました"), "{out}");
    let mut book = calamine::open_workbook::<calamine::Xlsx<_>, _>(&lists).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "準備チェック",
            "準備チェックの履歴",
            "会議",
            "タスク",
            "関係機関",
            "伴走支援評価",
            "課題"
        ]
    );
    let meetings = book.worksheet_range("会議").unwrap();
    assert_eq!(
        meetings.get_value((0, 0)),
        Some(&Data::String("開催日".into()))
    );
    assert!(matches!(
        meetings.get_value((1, 0)),
        Some(Data::DateTime(_))
    ));
    let results = dir.path().join("結果.xlsx");
    let (ok, out, err) = bansou(
        &db,
        &[
            "survey",
            "results",
            "研修会",
            "--xlsx",
            results.to_str().unwrap(),
        ],
    );
    assert!(ok, "{err}");
    assert!(
        out.contains("アンケート結果を Excel のブックに書き出しました"),
        "{out}"
    );
    let book = calamine::open_workbook::<calamine::Xlsx<_>, _>(&results).unwrap();
    assert_eq!(book.sheet_names(), ["結果", "グラフ"]);
    let dash = dir.path().join("事業全体.xlsx");
    let (ok, out, err) = bansou(&db, &["program", "--xlsx", dash.to_str().unwrap()]);
    assert!(ok, "{err}");
    assert!(
        out.contains("事業全体の一覧を Excel のブックに書き出しました"),
        "{out}"
    );
    let book = calamine::open_workbook::<calamine::Xlsx<_>, _>(&dash).unwrap();
    assert_eq!(book.sheet_names(), ["一覧", "グラフ"]);
    for (cmd, sheet) in [("checklist", "準備チェック"), ("tasks", "タスク")] {
        let out = dir.path().join(format!("{cmd}.xlsx"));
        let (ok, _, err) = bansou(&db, &[cmd, "山口", "--xlsx", out.to_str().unwrap()]);
        assert!(ok, "{cmd}: {err}");
        let book = calamine::open_workbook::<calamine::Xlsx<_>, _>(&out).unwrap();
        assert_eq!(book.sheet_names()[0], sheet);
    }
}
