// Keep a console window from opening alongside the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use clap::Parser;
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "bansou-note", version, about = "伴走ノート")]
struct Args {
    /// データベースファイル（省略時は環境変数 BANSOU_DB、なければユーザーのデータフォルダ）
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
}

fn main() {
    let args = Args::parse();
    bansou_app::run(args.db);
}
