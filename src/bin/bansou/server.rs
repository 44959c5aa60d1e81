//! 共有サーバー: preparing the server and its logins (the secretariat, with the
//! database owner's address), linking this PC to it, and syncing.

use crate::output::print_json;
use bansou::files::target::ExportKind;
use bansou::store::{self, Store};
use bansou::sync::{self, ConnectionFile, Error, Result, Role};
use clap::{Args, Subcommand};
use std::path::{Path, PathBuf};

#[derive(Args)]
pub(crate) struct ServerAddress {
    /// サーバーの住所（postgresql://管理者@ホスト:ポート/データベース名）
    #[arg(long, value_name = "URL")]
    pub url: String,
    /// サーバーの証明書を発行した認証局の証明書（PEM）。このパソコンの外のサーバーには必須
    #[arg(long, value_name = "FILE")]
    pub ca: Option<PathBuf>,
}

impl ServerAddress {
    fn ca(&self) -> Result<Option<String>> {
        self.ca
            .as_ref()
            .map(|p| {
                std::fs::read_to_string(p).map_err(|e| {
                    Error::Store(bansou::Error::Io {
                        path: p.clone(),
                        source: e,
                    })
                })
            })
            .transpose()
    }
}

#[derive(Subcommand)]
pub(crate) enum ServerCommand {
    /// 空のデータベースを共有サーバーとして準備する（表・役割・行ごとの権限）
    Init(ServerAddress),
    /// ログインを作る・取り消す
    User {
        #[command(subcommand)]
        action: UserCommand,
    },
    /// ログインの一覧（役割・担当チーム・最終同期）
    Users {
        #[command(flatten)]
        server: ServerAddress,
        /// JSON で出力する
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub(crate) enum UserCommand {
    /// ログインを作り、本人に渡す接続ファイルを書き出す（パスワードは自動で作ります）
    Add {
        /// ログイン名
        name: String,
        /// 事務局・伴走支援者・チーム
        #[arg(long)]
        role: String,
        /// 見られる事業（UUID、または事業名・士会名の一部）。繰り返して複数指定
        #[arg(long = "team", value_name = "PROJECT")]
        teams: Vec<String>,
        /// このログインの本人（チームのメンバーの氏名かUUID）。その人が書いた評価を直せます
        #[arg(long, value_name = "NAME")]
        member: Option<String>,
        #[command(flatten)]
        server: ServerAddress,
        /// 接続ファイルの書き出し先
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// ログインを取り消す（書いた記録は名前とともに残ります）
    Remove {
        name: String,
        #[command(flatten)]
        server: ServerAddress,
    },
}

#[derive(Args)]
pub(crate) struct ConnectArgs {
    /// 事務局から届いた接続ファイル
    pub file: PathBuf,
}

#[derive(Args)]
pub(crate) struct SyncArgs {
    /// JSON で出力する
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub choice: crate::bundle::ChoiceArgs,
}

pub(crate) fn server(action: ServerCommand, force: bool) -> Result<()> {
    match action {
        ServerCommand::Init(s) => {
            if sync::init(&s.url, s.ca()?.as_deref())? {
                out!("共有サーバーを準備しました。次に bansou server user add でログインを作ってください");
            } else {
                out!("共有サーバーは準備済みです（何も変えていません）");
            }
        }
        ServerCommand::User {
            action:
                UserCommand::Add {
                    name,
                    role,
                    teams,
                    member,
                    server,
                    out,
                },
        } => {
            // The same checks as every file the CLI writes (never the database,
            // the extension added).
            let out = bansou::files::target::check(&out, ExportKind::Connection, None)?;
            if out.exists() && !force {
                return Err(Error::Input(format!(
                    "{} は既にあります。置き換えるには --force を付けてください",
                    out.display()
                )));
            }
            let role = Role::parse(&role)?;
            let file = sync::user_add(
                &server.url,
                server.ca()?.as_deref(),
                &name,
                role,
                &teams,
                member.as_deref(),
            )?;
            file.write(&out)?;
            out!(
                "ログイン「{}」（{}）を作りました。接続ファイル：{}（パスワードが入っています。本人にだけ渡してください）",
                file.login,
                file.role,
                out.display()
            );
        }
        ServerCommand::User {
            action: UserCommand::Remove { name, server },
        } => {
            sync::user_remove(&server.url, server.ca()?.as_deref(), &name)?;
            out!("ログイン「{name}」を取り消しました（書いた記録は残ります）");
        }
        ServerCommand::Users { server, json } => {
            let rows = sync::users(&server.url, server.ca()?.as_deref())?;
            if json {
                print_json(&rows)?;
            } else {
                for r in rows {
                    out!(
                        "{}\t{}\t{}\t最終同期 {}{}",
                        r.login,
                        r.role,
                        if r.teams.is_empty() {
                            "すべてのチーム".to_owned()
                        } else {
                            r.teams.join("、")
                        },
                        r.last_sync.as_deref().unwrap_or("なし"),
                        r.removed_at
                            .map(|t| format!("\t取り消し {t}"))
                            .unwrap_or_default()
                    );
                }
            }
        }
    }
    Ok(())
}

fn open(db: Option<PathBuf>) -> Result<Store> {
    let path = store::resolve_db_path(db)?;
    Ok(Store::open(&path)?)
}

pub(crate) fn connect(db: Option<PathBuf>, a: ConnectArgs) -> Result<()> {
    let file = ConnectionFile::read(&a.file)?;
    let mut store = open(db)?;
    let saved = sync::connect(&mut store, &file)?;
    out!(
        "共有サーバーにつなぎました（{}、{}）。パスワードは{}に保存しました。bansou sync で同期します",
        file.login,
        file.role,
        saved
    );
    Ok(())
}

pub(crate) fn run_sync(db: Option<PathBuf>, a: SyncArgs) -> Result<()> {
    let mut store = open(db)?;
    let choice = a.choice.choice();
    let report = sync::sync(&mut store, choice)?;
    if a.json {
        print_json(&report)?;
        return Ok(());
    }
    out!("同期しました：{}", report.sentence);
    for r in &report.refused {
        out!("  取り込めませんでした：{r}");
    }
    for p in &report.conflicts {
        out!(
            "  {}：両方で変更された記録 {}件。bansou sync --keep-ours（こちらを残す）か --take-theirs（サーバーを採用）、または bansou import {} で1件ずつ選べます",
            p.project,
            p.count,
            show(&p.file)
        );
    }
    Ok(())
}

fn show(p: &Path) -> String {
    p.display().to_string()
}
