//! `bench survey`: a Google Forms CSV of 10,000 answer sheets.

#[allow(unused_imports)]
use super::*;

/// 10,000 answer sheets of the 研修会アンケート as a Google Forms CSV: reading
/// the file, the preview (every row checked), the import, the same file again
/// (nothing added) and the results over 10,048 sheets.
pub fn survey(sheets: usize, out: &mut dyn FnMut(&str)) -> Result<()> {
    use crate::files::{evaluation_csv::read_table, survey_csv};
    let dir = tempfile::tempdir().map_err(|source| crate::Error::Io {
        path: std::env::temp_dir(),
        source,
    })?;
    let mut store = Store::open(&dir.path().join("survey.sqlite3"))?;
    demo::load(&mut store)?;
    let survey = store.resolve_survey("研修会アンケート")?;
    let prefectures = crate::model::project::PREFECTURES;
    let scale = [
        "非常に満足",
        "満足",
        "どちらともいえない",
        "やや不満",
        "不満",
    ];
    let mut csv = String::from(
        "タイムスタンプ,職種,氏名,所属の都道府県,研修会全体の満足度についてお答えください,\
         厚生労働省の講演の理解度,保健師の講演の理解度,モデルチームの講演の理解度,\
         グループワークを通じて、今後貴士会では何に取り組めそうですか\n",
    );
    for i in 0..sheets {
        csv.push_str(&format!(
            "2024/10/05 {:02}:{:02}:{:02},{},,{},{},{},{},{},回答{i}：士会内での情報共有から始めたい\n",
            i / 3600 % 24,
            i / 60 % 60,
            i % 60,
            if i % 2 == 0 { "理学療法士（PT）" } else { "作業療法士（OT）" },
            prefectures[i % prefectures.len()],
            scale[i % 3],
            5 - i % 4,
            4 + i % 2,
            3 + i % 3,
        ));
    }
    let bytes = csv.into_bytes();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;

    let t = Instant::now();
    let table = read_table(&bytes)?;
    let read = t.elapsed();
    let t = Instant::now();
    let preview = survey_csv::import(&mut store, survey.id, &table, None, true)?;
    let check = t.elapsed();
    let t = Instant::now();
    let done = survey_csv::import(&mut store, survey.id, &table, None, false)?;
    let import = t.elapsed();
    let t = Instant::now();
    let again = survey_csv::import(&mut store, survey.id, &table, None, false)?;
    let twice = t.elapsed();
    let t = Instant::now();
    let responses = store.responses(survey.id)?;
    let r = crate::analysis::survey::results(&survey, &responses);
    let tally = t.elapsed();
    out(&format!(
        "回答 {sheets} 件（{} KB・{} 問）：CSV の読み込み {:.0} ms、確認（プレビュー）{:.0} ms、取り込み {:.0} ms（新しいもの {}・取り込めない行 {}）",
        bytes.len() / 1024,
        survey.questions.len(),
        ms(read),
        ms(check),
        ms(import),
        done.new,
        preview.refused.len()
    ));
    out(&format!(
        "同じファイルをもう一度：{:.0} ms（新しいもの {}・取り込み済み {}）；集計（読み出しを含む）：{:.0} ms（n = {}）",
        ms(twice),
        again.new,
        again.already,
        ms(tally),
        r.n
    ));
    Ok(())
}
