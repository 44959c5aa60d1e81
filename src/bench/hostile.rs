//! `bench hostile`: bundle files shaped to take memory or time out of
//! proportion to their size, each taken in by a `bansou import --dry-run`
//! process whose peak memory is read back, against the file's size.

#[allow(unused_imports)]
use super::*;
use std::io::Write;

/// The process's peak resident memory in KB (Linux: VmHWM).
pub fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

const HEAD: &str = r#"{"format":"bansou-note/bundle","format_version":4,"app_version":"0.1.0","kind":"project","exported_at":"2024-12-09T10:00:00+09:00","project":"11111111-1111-4111-8111-111111111111","meeting":null"#;

fn uuid(n: u64) -> String {
    format!(
        "{:08x}-0000-4000-8000-{:012x}",
        n >> 16,
        n & 0xffff_ffff_ffff
    )
}

/// Writes one shape of hostile file of about `size` bytes.
fn write(path: &std::path::Path, shape: &str, size: usize) -> std::io::Result<()> {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path)?);
    f.write_all(HEAD.as_bytes())?;
    let mut written = HEAD.len();
    match shape {
        // Many small records, each pointing at a project no PC has.
        "many" => {
            f.write_all(b",\"tasks\":[")?;
            let mut n = 0u64;
            while written < size {
                let rec = format!(
                    "{}{{\"uuid\":\"{}\",\"version\":\"v\",\"updated_at\":\"t\",\"data\":{{\"project\":\"11111111-1111-4111-8111-111111111111\",\"title\":\"t\",\"owner\":null,\"due_date\":null,\"status\":\"未着手\",\"phase\":null,\"meeting\":null,\"milestone\":false,\"note\":\"\"}}}}",
                    if n == 0 { "" } else { "," },
                    uuid(n)
                );
                written += rec.len();
                f.write_all(rec.as_bytes())?;
                n += 1;
            }
            f.write_all(b"]")?;
        }
        // One record whose list holds millions of one-letter strings.
        "wide" => {
            f.write_all(",\"meetings\":[{\"uuid\":\"22222222-2222-4222-8222-222222222222\",\"version\":\"v\",\"updated_at\":\"t\",\"data\":{\"kind\":\"チーム会議\",\"number\":null,\"title\":\"t\",\"held_on\":\"2024-07-16\",\"start_time\":null,\"end_time\":null,\"format\":\"オンライン\",\"agenda\":\"\",\"minutes\":\"\",\"decisions\":\"\",\"guests\":\"\",\"projects\":[],\"resources\":[],\"participants\":[".as_bytes())?;
            let chunk = "\"a\",".repeat(4096);
            while written < size {
                f.write_all(chunk.as_bytes())?;
                written += chunk.len();
            }
            f.write_all(b"\"a\"]}}]")?;
        }
        // Histories of many short versions on many records.
        _ => {
            f.write_all(b",\"programs\":[")?;
            let mut n = 0u64;
            let history = format!("[{}\"v\"]", "\"v\",".repeat(2000));
            while written < size {
                let rec = format!(
                    "{}{{\"uuid\":\"{}\",\"version\":\"v\",\"history\":{history},\"updated_at\":\"t\",\"data\":{{\"name\":\"p{n}\"}}}}",
                    if n == 0 { "" } else { "," },
                    uuid(n)
                );
                written += rec.len();
                f.write_all(rec.as_bytes())?;
                n += 1;
            }
            f.write_all(b"]")?;
        }
    }
    f.write_all(b",\"tombstones\":[]}")?;
    f.flush()
}

/// `bansou bench hostile`: for each shape, the file's size, the importing
/// process's peak memory (and its ratio to the file), the time, and what it said.
pub fn hostile(exe: &std::path::Path, megabytes: usize, out: &mut dyn FnMut(&str)) -> Result<()> {
    let dir = tempfile::tempdir().map_err(|source| crate::Error::Io {
        path: std::env::temp_dir(),
        source,
    })?;
    let db = dir.path().join("bench.sqlite3");
    Store::open(&db)?;
    out(&format!(
        "{:<8} {:>10} {:>12} {:>8} {:>8}  結果",
        "形", "ファイル", "最大メモリ", "倍率", "時間"
    ));
    for shape in ["many", "wide", "history"] {
        let file = dir.path().join(format!("{shape}.bansou"));
        write(&file, shape, megabytes * 1024 * 1024).map_err(|source| crate::Error::Io {
            path: file.clone(),
            source,
        })?;
        let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
        let started = Instant::now();
        let run = std::process::Command::new(exe)
            .arg("--db")
            .arg(&db)
            .arg("import")
            .arg(&file)
            .arg("--dry-run")
            .env("BANSOU_PEAK_MEMORY", "1")
            .output()
            .map_err(|source| crate::Error::Io {
                path: exe.to_owned(),
                source,
            })?;
        let took = started.elapsed();
        let err = String::from_utf8_lossy(&run.stderr);
        let peak: u64 = err
            .lines()
            .find_map(|l| l.strip_prefix("peak-rss-kb "))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let said = err
            .lines()
            .find(|l| l.starts_with("  - ") || l.starts_with("エラー"))
            .unwrap_or(if run.status.success() {
                "取り込める"
            } else {
                ""
            })
            .chars()
            .take(60)
            .collect::<String>();
        out(&format!(
            "{shape:<8} {:>8} MB {:>9} MB {:>7.2}× {:>6.1} s  {said}",
            size / 1024 / 1024,
            peak / 1024,
            (peak * 1024) as f64 / size.max(1) as f64,
            took.as_secs_f64()
        ));
        let _ = std::fs::remove_file(&file);
    }
    Ok(())
}
