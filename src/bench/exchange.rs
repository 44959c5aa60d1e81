//! `bench exchange`: a bundle's size and the time to write and import it.

#[allow(unused_imports)]
use super::*;

/// `bansou bench exchange`: a project's bundle — its size, the time to write
/// it, and the time to import it into an empty database and into one that
/// has it already (nothing to do) — for the demo and for 500 meetings.
pub fn exchange(out: &mut dyn FnMut(&str)) -> Result<()> {
    use crate::files::bundle_file;
    use crate::model::bundle::Choices;
    let dir = tempfile::tempdir().map_err(|source| crate::Error::Io {
        path: std::env::temp_dir(),
        source,
    })?;
    let mut source = Store::open(&dir.path().join("source.sqlite3"))?;
    demo::load(&mut source)?;
    let demo_id = source.resolve_project("山口")?.id;
    let big = large_project(&mut source, 500)?;
    for (label, id) in [("デモ・山口", demo_id), ("会議500件・評価4,000件", big)] {
        let t = Instant::now();
        let bytes = bundle_file::to_bytes(&source.project_bundle(id)?);
        let export = t.elapsed();
        let t = Instant::now();
        let parsed = bundle_file::parse(&bytes)?;
        let read = t.elapsed();
        let target_path = dir.path().join(format!("target-{id}.sqlite3"));
        let mut target = Store::open(&target_path)?;
        let t = Instant::now();
        let first = target.import_bundle(&parsed, &Choices::default())?;
        let import = t.elapsed();
        let t = Instant::now();
        let again = target.import_bundle(&parsed, &Choices::default())?;
        let twice = t.elapsed();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        out(&format!(
            "{label}: {:.1} KB（記録 {} 件）、書き出し {:.0} ms、読み込みと検査 {:.0} ms、取り込み {:.0} ms（{}）、2回目 {:.0} ms（{}）",
            bytes.len() as f64 / 1024.0,
            parsed.count(),
            ms(export),
            ms(read),
            ms(import),
            first.sentence,
            ms(twice),
            again.sentence
        ));
    }
    Ok(())
}
