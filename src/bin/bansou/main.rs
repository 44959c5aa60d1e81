//! `bansou`: the headless CLI over the same library as the window. One module
//! per group of commands; each command reads its arguments, calls the library
//! and prints through `output`.

#[macro_use]
mod output;
mod backup;
mod bench;
mod bundle;
mod evaluation;
mod guide;
mod program;
mod project;
mod report;
mod server;
mod survey;

use bansou::files::target::{self, ExportKind};
use bansou::store::{self, Store};
use bansou::{Error, FieldError, Result};
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "bansou", version, about = "伴走ノート（コマンドライン版）")]
struct Cli {
    /// データベースファイル（省略時は環境変数 BANSOU_DB、なければユーザーのデータフォルダ）
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,

    /// 書き出し先のファイルが既にあっても置き換える（省略時は置き換えません）
    #[arg(long, global = true)]
    force: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// デモデータ（山口県理学療法士会・茨城県作業療法士会のモデルチーム）を読み込む
    Demo,
    /// 事業の一覧を表示する（ID・事業名・士会・テーマ・期間）
    Projects(project::ProjectsArgs),
    /// 内向き・外向きの準備チェック（状況・担当・期限・達成度）を表示する
    Checklist(project::ChecklistArgs),
    /// 強み分析（創造力・人力・対応力・財力の評価と推移）を表示する
    Strengths(project::StrengthsArgs),
    /// 会議の一覧（表3：開催日・会議名・方式・決定事項）を表示する
    Meetings(project::MeetingsArgs),
    /// タスクとマイルストーン（期限・状況・担当・元の会議）を表示する
    Tasks(project::TasksArgs),
    /// 課題・今後の検討事項（図16：区分・状況・対応・元の会議）を表示する
    Issues(project::IssuesArgs),
    /// 次の一歩の候補：事業の状況から規則で出した提案と、そのきっかけ・出典
    Next(guide::NextArgs),
    /// 会議の準備：議題の案・前回からの変化・期限切れ・フェーズの役割・資料（A4 1枚の PDF）
    Prepare(guide::PrepareArgs),
    /// 伴走支援評価（表1）の一覧・集計（--summary）・CSV 書き出し（--csv）
    Evaluations(evaluation::EvaluationsArgs),
    /// 評価コメントの共起ネットワーク（KH Coder と同じ考え方：最小出現数・Jaccard 係数・上位の共起）
    Analyze(evaluation::AnalyzeArgs),
    /// 事業全体（事務局の一覧）：チームごとのフェーズ・準備チェック・会議・タスク・課題・評価・強み
    Program(program::ProgramArgs),
    /// アンケート（研修会）：一覧、結果（前回との比較つき）、CSV の取り込み、配る用紙
    Survey {
        #[command(subcommand)]
        action: survey::SurveyCommand,
    },
    /// 事業をファイル（.bansou）に書き出す。--meeting と --request で評価依頼、--response で評価回答
    Export(bundle::ExportArgs),
    /// 別のパソコンから届いたファイル（.bansou）を取り込む
    Import(bundle::ImportArgs),
    /// 理事会に出す進捗報告書（A4 PDF）を作る
    Report(report::ReportArgs),
    /// 表1 伴走型支援事業評価の用紙（A4 PDF）を作る：空欄、または --evaluation の記入済み
    Form(evaluation::FormArgs),
    /// 処理時間と大きさを測る（report：報告書、crash：書き込み中の強制終了）。
    /// seed は大量のデータ（会議 --meetings 件、評価はその8倍）の事業を追加する
    Bench(bench::BenchArgs),
    /// データベースのバックアップを作る（--out を省くと backups フォルダへ）
    Backup(backup::BackupArgs),
    /// バックアップから復元する（今のデータは先にバックアップします）
    Restore(backup::RestoreArgs),
    /// バックアップの一覧を表示する
    Backups(backup::BackupsArgs),
    /// 事業をアーカイブする（一覧と全体の表示から外れ、記録は残る）
    Archive(project::ArchiveArgs),
    /// アーカイブした事業を完全に削除する（先にバックアップを作ります）
    Delete(project::DeleteArgs),
    /// 関係機関（種別・関係の状態・最終連絡日・担当者）を表示する
    Stakeholders(project::StakeholdersArgs),
    /// 共有サーバー（PostgreSQL）の準備とログインの管理（事務局が、管理者の住所で）
    Server {
        #[command(subcommand)]
        action: server::ServerCommand,
    },
    /// 事務局から届いた接続ファイルで、このパソコンを共有サーバーにつなぐ
    Connect(server::ConnectArgs),
    /// 共有サーバーと同期する（届いた記録を取り込み、こちらの変更を送る）
    Sync(server::SyncArgs),
}

/// What every command works with: the open database and where it lives.
pub(crate) struct Cx {
    pub store: Store,
    pub path: PathBuf,
    force: bool,
}

impl Cx {
    /// Every file the CLI writes for the user goes through the same checks as
    /// the window's exports: never the database, its companions or a backup,
    /// the extension added, and an existing file only with `--force`.
    pub fn target(&self, out: &Path, kind: ExportKind) -> Result<PathBuf> {
        let checked = target::check(out, kind, Some(&self.path))?;
        if checked.exists() && !self.force {
            return Err(Error::Validation(vec![FieldError::new(
                "out",
                format!(
                    "{} は既にあります。置き換えるには --force を付けてください",
                    checked.display()
                ),
            )]));
        }
        Ok(checked)
    }
}

fn main() -> ExitCode {
    // Like any Unix tool: when the reader of our output goes away (`| head`),
    // stop quietly instead of panicking on the broken pipe.
    #[cfg(unix)]
    // SAFETY: restoring the default action of one signal before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    let code = match cli.command {
        // The server's commands have their own error type (the sync layer's).
        Command::Server { action } => report(server::server(action, cli.force), |e| e.fields()),
        Command::Connect(a) => report(server::connect(cli.db, a), |e| e.fields()),
        Command::Sync(a) => report(server::run_sync(cli.db, a), |e| e.fields()),
        _ => report(run(cli), |e| e.fields()),
    };
    // `bench hostile` reads how much memory a run took at its peak.
    if std::env::var_os("BANSOU_PEAK_MEMORY").is_some() {
        if let Some(kb) = bansou::bench::peak_memory_kb() {
            eprintln!("peak-rss-kb {kb}");
        }
    }
    code
}

/// Prints a failure as every command does: the message, then each field's.
fn report<E: std::fmt::Display>(
    result: std::result::Result<(), E>,
    fields: impl Fn(&E) -> &[FieldError],
) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", output::clean(&format!("エラー: {e}")));
            for f in fields(&e) {
                eprintln!("{}", output::clean(&format!("  - {}", f.message)));
            }
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let path = store::resolve_db_path(cli.db)?;
    if let Command::Restore(a) = cli.command {
        // A backup can be restored even over a database that does not open.
        return backup::restore(&path, a);
    }
    let mut cx = Cx {
        store: Store::open(&path)?,
        path,
        force: cli.force,
    };
    match cli.command {
        Command::Demo => project::demo(&mut cx),
        Command::Projects(a) => project::projects(&mut cx, a),
        Command::Checklist(a) => project::checklist(&mut cx, a),
        Command::Strengths(a) => project::strengths(&mut cx, a),
        Command::Meetings(a) => project::meetings(&mut cx, a),
        Command::Tasks(a) => project::tasks(&mut cx, a),
        Command::Issues(a) => project::issues(&mut cx, a),
        Command::Next(a) => guide::next(&mut cx, a),
        Command::Prepare(a) => guide::prepare(&mut cx, a),
        Command::Evaluations(a) => evaluation::evaluations(&mut cx, a),
        Command::Analyze(a) => evaluation::analyze(&mut cx, a),
        Command::Program(a) => program::program(&mut cx, a),
        Command::Survey { action } => survey::run(&mut cx, action),
        Command::Export(a) => bundle::export(&mut cx, a),
        Command::Import(a) => bundle::import(&mut cx, a),
        Command::Report(a) => report::report(&mut cx, a),
        Command::Form(a) => evaluation::form(&mut cx, a),
        Command::Bench(a) => bench::bench(&mut cx, a),
        Command::Backup(a) => backup::backup(&mut cx, a),
        Command::Restore(_) => unreachable!("handled before opening"),
        Command::Backups(a) => backup::backups(&mut cx, a),
        Command::Archive(a) => project::archive(&mut cx, a),
        Command::Delete(a) => project::delete(&mut cx, a),
        Command::Stakeholders(a) => project::stakeholders(&mut cx, a),
        Command::Server { .. } | Command::Connect(_) | Command::Sync(_) => {
            unreachable!("the server's commands run before a database is opened")
        }
    }
}

pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
