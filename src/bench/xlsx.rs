//! `bench xlsx`: the 表1 workbook (blank, one filled sheet, 100 filled
//! sheets) written and taken in, and a Microsoft Forms export of 10,000 rows
//! read and checked as the CSV import checks it.

#[allow(unused_imports)]
use super::*;
use crate::files::xlsx::form::{form_workbook, import, Fill};

pub fn xlsx(rows: usize, out: &mut dyn FnMut(&str)) -> Result<()> {
    let dir = tempfile::tempdir().map_err(|source| crate::Error::Io {
        path: std::env::temp_dir(),
        source,
    })?;
    let io = |path: &std::path::Path| {
        let path = path.to_owned();
        move |source| crate::Error::Io { path, source }
    };
    let mut store = Store::open(&dir.path().join("xlsx.sqlite3"))?;
    let p = store.create_project(&ProjectInput {
        name: "Excel の計測".into(),
        program: "令和6年度 地域保健総合推進事業".into(),
        prefecture: "山口県".into(),
        profession: "PT".into(),
        theme: "腰痛予防".into(),
        target: "企業".into(),
        start_date: "2024-06-01".into(),
        end_date: "2025-03-31".into(),
        goal: "計測".into(),
    })?;
    let mut names = Vec::new();
    for i in 0..50 {
        let name = format!("評価者{i:02}");
        store.add_member(
            p.id,
            &MemberInput {
                name: name.clone(),
                role: "メンバー".into(),
                affiliation: String::new(),
                email: String::new(),
            },
        )?;
        names.push(name);
    }
    let m = store.create_meeting(&MeetingInput {
        kind: "チーム会議".into(),
        held_on: "2024-12-05".into(),
        format: "対面".into(),
        project_ids: vec![p.id],
        ..Default::default()
    })?;
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let fill = |i: usize| Fill {
        evaluator: names[i / 2].clone(),
        kind: if i.is_multiple_of(2) {
            "他者評価"
        } else {
            "自己評価"
        }
        .into(),
        written_on: NaiveDate::from_ymd_opt(2024, 12, 6),
        scores: [
            Some(1 + (i % 4) as u8),
            Some(4),
            Some(3),
            Some(1 + (i % 3) as u8),
        ],
        comments: [
            format!("丁寧に傾聴してくれた（{i}）"),
            String::new(),
            "現実的な提案があった".into(),
            "状況に合わせて柔軟だった".into(),
        ],
    };
    let t = Instant::now();
    let blank = form_workbook(&store, p.id, m.id, &[])?;
    out(&format!(
        "表1のブック（空欄）：{} KB、書き出し {:.1} ms",
        blank.len().div_ceil(1024),
        ms(t.elapsed())
    ));
    for sheets in [1usize, 100] {
        let fills: Vec<Fill> = (0..sheets).map(fill).collect();
        let t = Instant::now();
        let bytes = form_workbook(&store, p.id, m.id, &fills)?;
        let write = t.elapsed();
        let path = dir.path().join(format!("filled-{sheets}.xlsx"));
        std::fs::write(&path, &bytes).map_err(io(&path))?;
        let t = Instant::now();
        let preview = import(&mut store, p.id, None, std::slice::from_ref(&path), true)?;
        let check = t.elapsed();
        let t = Instant::now();
        let done = import(&mut store, p.id, None, std::slice::from_ref(&path), false)?;
        let apply = t.elapsed();
        let t = Instant::now();
        let again = import(&mut store, p.id, None, std::slice::from_ref(&path), false)?;
        let twice = t.elapsed();
        out(&format!(
            "記入済み {sheets} シート：{} KB、書き出し {:.0} ms、確認 {:.0} ms（追加 {}）、取り込み {:.0} ms（{}）、もう一度 {:.0} ms（{}）",
            bytes.len().div_ceil(1024),
            ms(write),
            ms(check),
            preview.added,
            ms(apply),
            done.sentence,
            ms(twice),
            again.sentence
        ));
    }

    let t = Instant::now();
    let bytes = forms_export(&names, rows)?;
    let write = t.elapsed();
    let t = Instant::now();
    let table = crate::files::xlsx::table::read_sheet(bytes.clone())?;
    let read = t.elapsed();
    let t = Instant::now();
    let preview = crate::files::evaluation_csv::import(&mut store, p.id, &table, None, true)?;
    let check = t.elapsed();
    out(&format!(
        "Microsoft Forms の書き出し {rows} 行（{} KB）：作成 {:.0} ms、読み込み（表へ）{:.0} ms、確認（プレビュー）{:.0} ms（表1 {}・取り込めない行 {}）",
        bytes.len().div_ceil(1024),
        ms(write),
        ms(read),
        ms(check),
        preview.forms,
        preview.refused.len()
    ));
    // Hostile: the filled form with a million rows appended to its sheet,
    // and a zip whose one part inflates past the bound.
    use crate::files::xlsx::parts;
    let form = form_workbook(&store, p.id, m.id, &[fill(0)])?;
    let million = parts::patch_first_sheet(&form, parts::with_million_rows)?;
    let bomb = parts::with_zeros(&form, 80)?;
    for (what, bytes) in [
        ("100万行のシート", million),
        ("圧縮爆弾（80 MB に展開）", bomb),
    ] {
        let path = dir.path().join("hostile.xlsx");
        std::fs::write(&path, &bytes).map_err(io(&path))?;
        let t = Instant::now();
        let r = import(&mut store, p.id, None, std::slice::from_ref(&path), false)?;
        out(&format!(
            "{what}（{} KB）：拒否まで {:.0} ms（{}）",
            bytes.len().div_ceil(1024),
            ms(t.elapsed()),
            r.files[0].problems.first().cloned().unwrap_or_default()
        ));
    }
    let peak = super::peak_memory_kb();
    if let Some(kb) = peak {
        out(&format!(
            "最大メモリ（この計測のプロセス）：{} MB",
            kb / 1024
        ));
    }
    Ok(())
}

/// A Microsoft Forms export of `rows` answers by `names`: one row per
/// answer, its times and the meeting's day as date cells.
fn forms_export(names: &[String], rows: usize) -> Result<Vec<u8>> {
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
        ws.write_string(0, c as u16, *h)?;
    }
    let when = rust_xlsxwriter::Format::new().set_num_format("yyyy/m/d h:mm");
    let day = rust_xlsxwriter::Format::new().set_num_format("yyyy/m/d");
    let held = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 12, 5)?;
    for i in 0..rows {
        let r = i as u32 + 1;
        let at = rust_xlsxwriter::ExcelDateTime::from_ymd(2024, 12, 6)?.and_hms(
            9 + (i / 3600 % 10) as u16,
            (i / 60 % 60) as u8,
            (i % 60) as u8,
        )?;
        ws.write_number(r, 0, r)?;
        ws.write_datetime_with_format(r, 1, &at, &when)?;
        ws.write_datetime_with_format(r, 2, &at, &when)?;
        ws.write_string(r, 3, &names[i % names.len()])?;
        ws.write_string(
            r,
            4,
            if i.is_multiple_of(2) {
                "他者評価"
            } else {
                "自己評価"
            },
        )?;
        ws.write_datetime_with_format(r, 5, &held, &day)?;
        for k in 0..4u16 {
            ws.write_number(r, 6 + 2 * k, (1 + (i + k as usize) % 4) as f64)?;
            ws.write_string(
                r,
                7 + 2 * k,
                format!("回答{i}：具体的な助言があり、次の活動が見えた"),
            )?;
        }
    }
    Ok(wb.save_to_buffer()?)
}
