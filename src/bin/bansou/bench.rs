//! `bansou bench …`: figures for docs/PERFORMANCE.md.

use crate::Cx;
use bansou::{Error, Result};
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub(crate) struct BenchArgs {
    /// 測るもの（all・report・crash・exchange・hostile・analysis・program・survey・xlsx・sync）、または seed
    pub what: String,
    /// crash で強制終了する回数
    #[arg(long, default_value_t = 20)]
    pub trials: u32,
    /// seed で作る会議の数
    #[arg(long, default_value_t = 500)]
    pub meetings: u64,
    /// analysis で作るコメントの数
    #[arg(long, default_value_t = 10_000)]
    pub comments: usize,
    /// analysis で同時に測る比較のスクリプト（MeCab・fugashi＋networkx）
    #[arg(long, default_value = "../shared/bench/cooc_peer.py")]
    pub peer: PathBuf,
    /// survey で取り込む回答の数
    #[arg(long, default_value_t = 10_000)]
    pub sheets: usize,
    /// xlsx で作る Microsoft Forms の書き出しの行数
    #[arg(long, default_value_t = 10_000)]
    pub rows: usize,
    /// hostile で作るファイルの大きさ（MB）
    #[arg(long, default_value_t = 198)]
    pub megabytes: usize,
    /// sync で使う PostgreSQL（管理者の住所。測る間だけデータベースを作って消します）
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
}

pub(crate) fn bench(cx: &mut Cx, a: BenchArgs) -> Result<()> {
    let BenchArgs {
        what,
        trials,
        meetings,
        comments,
        peer,
        sheets,
        rows,
        megabytes,
        url,
    } = a;
    match what.as_str() {
    "seed" => {
        let id = bansou::bench::large_project(&mut cx.store, meetings)?;
        out!(
            "大量データの事業を追加しました（ID {id}、会議 {meetings} 件、評価 {} 件）",
            meetings * 8
        );
    }
    "report" => bansou::bench::report(&mut |line| out!("{line}"))?,
    "exchange" => bansou::bench::exchange(&mut |line| out!("{line}"))?,
    "program" => bansou::bench::program(&mut |line| out!("{line}"))?,
    "survey" => bansou::bench::survey(sheets, &mut |line| out!("{line}"))?,
    "xlsx" => bansou::bench::xlsx(rows, &mut |line| out!("{line}"))?,
    "all" => bansou::bench::all(&mut |line| out!("{line}"))?,
    "sync" => {
        let Some(url) = url else {
            return Err(Error::Validation(vec![bansou::FieldError::new(
                "url",
                "sync には --url で PostgreSQL の管理者の住所を指定してください",
            )]));
        };
        bansou::bench::sync(&url, &mut |line| out!("{line}"))
            .map_err(|e| Error::Validation(vec![bansou::FieldError::new("server", e.to_string())]))?
    }
    "analysis" => {
        bansou::bench::analysis(comments, Some(&peer), &mut |line| out!("{line}"))?;
    }
    "hostile" => {
        let exe = std::env::current_exe().map_err(|source| Error::Io {
            path: "bansou".into(),
            source,
        })?;
        bansou::bench::hostile(&exe, megabytes, &mut |line| out!("{line}"))?;
    }
    "crash" => {
        let exe = std::env::current_exe().map_err(|source| Error::Io {
            path: "bansou".into(),
            source,
        })?;
        let r = bansou::bench::crash(&exe, trials, &mut |line| out!("{line}"))?;
        if r.lost + r.half_written + r.corrupt > 0 {
            return Err(Error::Io {
                path: cx.path.clone(),
                source: std::io::Error::other("強制終了で記録が失われました"),
            });
        }
    }
    // The process `bench crash` kills; not for people.
    "crash-writer" => bansou::bench::crash_writer(&mut cx.store, &mut std::io::stdout())?,
    _ => {
        return Err(Error::Validation(vec![bansou::FieldError::new(
            "what",
            format!("「{what}」は測れません。all・report・crash・exchange・hostile・analysis・program・survey・seed から指定してください"),
        )]))
    }
};
    Ok(())
}
