//! `bansou`: the headless CLI over the same library as the window.

use bansou::demo::{self, DemoOutcome};
use bansou::exchange::target::{self, ExportKind};
use bansou::model::evaluation::EvaluationFilter;
use bansou::report::progress::{parse_sections, render, ReportInput};
use bansou::store::backup::Reason;
use bansou::store::{self, Store};
use bansou::{Error, Result};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;

#[derive(Parser)]
#[command(name = "bansou", version, about = "伴走ノート（コマンドライン版）")]
struct Cli {
    /// データベースファイル（省略時は環境変数 BANSOU_DB、なければユーザーのデータフォルダ）
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// デモデータ（山口県理学療法士会・茨城県作業療法士会のモデルチーム）を読み込む
    Demo,
    /// 事業の一覧を表示する（ID・事業名・士会・テーマ・期間）
    Projects {
        /// JSON で出力する
        #[arg(long)]
        json: bool,
    },
    /// 内向き・外向きの準備チェック（状況・担当・期限・達成度）を表示する
    Checklist {
        /// 事業のID、または事業名・士会名の一部（例：山口）
        project: String,
        /// JSON で出力する
        #[arg(long)]
        json: bool,
        /// Excel で開ける CSV（UTF-8 BOM 付き）に書き出す
        #[arg(long, value_name = "OUT.csv")]
        csv: Option<PathBuf>,
    },
    /// 強み分析（創造力・人力・対応力・財力の評価と推移）を表示する
    Strengths {
        /// 事業のID、または事業名・士会名の一部（例：山口）
        project: String,
        /// JSON で出力する
        #[arg(long)]
        json: bool,
        /// レーダーチャートを SVG ファイルに書き出す
        #[arg(long, value_name = "OUT.svg")]
        svg: Option<PathBuf>,
    },
    /// 会議の一覧（表3：開催日・会議名・方式・決定事項）を表示する
    Meetings {
        /// 事業のID、または事業名・士会名の一部（例：山口）
        project: String,
        /// JSON で出力する
        #[arg(long)]
        json: bool,
        /// Excel で開ける CSV（UTF-8 BOM 付き）に書き出す
        #[arg(long, value_name = "OUT.csv")]
        csv: Option<PathBuf>,
    },
    /// タスクとマイルストーン（期限・状況・担当・元の会議）を表示する
    Tasks {
        /// 事業のID、または事業名・士会名の一部（例：山口）
        project: String,
        /// JSON で出力する
        #[arg(long)]
        json: bool,
        /// Excel で開ける CSV（UTF-8 BOM 付き）に書き出す
        #[arg(long, value_name = "OUT.csv")]
        csv: Option<PathBuf>,
    },
    /// 課題・今後の検討事項（図16：区分・状況・対応・元の会議）を表示する
    Issues {
        /// 事業のID、または事業名・士会名の一部（例：茨城）
        project: String,
        /// JSON で出力する
        #[arg(long)]
        json: bool,
        /// Excel で開ける CSV（UTF-8 BOM 付き）に書き出す
        #[arg(long, value_name = "OUT.csv")]
        csv: Option<PathBuf>,
    },
    /// 次の一歩の候補：事業の状況から規則で出した提案と、そのきっかけ・出典
    Next {
        /// 事業のID、または事業名・士会名の一部（例：山口）
        project: String,
        /// JSON で出力する
        #[arg(long)]
        json: bool,
    },
    /// 会議の準備：議題の案・前回からの変化・期限切れ・フェーズの役割・資料（A4 1枚の PDF）
    Prepare {
        /// 会議のID（meetings で確認できます）
        meeting: i64,
        /// 書き出す PDF
        #[arg(long, value_name = "OUT.pdf")]
        out: Option<PathBuf>,
        /// 合同会議のとき、どの事業の準備か（省略時は最初の事業）
        #[arg(long)]
        project: Option<String>,
        /// JSON で出力する
        #[arg(long)]
        json: bool,
    },
    /// 伴走支援評価（表1）の一覧・集計（--summary）・CSV 書き出し（--csv）
    Evaluations {
        /// 事業のID、または事業名・士会名の一部（例：山口）。「全体」ですべての事業
        project: String,
        /// Excel で開ける CSV（UTF-8 BOM 付き）に書き出す：評価×項目ごとに1行
        #[arg(long, value_name = "OUT.csv")]
        csv: Option<PathBuf>,
        /// 会議×項目×評価者区分ごとの件数と平均を表示する
        #[arg(long)]
        summary: bool,
        /// JSON で出力する
        #[arg(long)]
        json: bool,
        /// この日以降の会議だけ（YYYY-MM-DD）
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// この日までの会議だけ（YYYY-MM-DD）
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// 他者評価 または 自己評価 だけ
        #[arg(long)]
        kind: Option<String>,
        /// 会議の区分：team（チーム会議など）・joint（合同の進捗会議）・all（すべて）。
        /// 省略時は報告書のとおり team と joint を分けて集計する
        #[arg(long, value_name = "team|joint|all")]
        meetings: Option<String>,
        /// CSV（このアプリの書き出し、Google フォーム・Excel の表）から評価を取り込む
        #[arg(long, value_name = "FILE.csv")]
        import_csv: Option<PathBuf>,
        /// 取り込む前の確認だけ（書き込まない）
        #[arg(long)]
        dry_run: bool,
    },
    /// 評価コメントの共起ネットワーク（KH Coder と同じ考え方：最小出現数・Jaccard 係数・上位の共起）
    Analyze {
        /// 事業のID、または事業名・士会名の一部（例：茨城）。「全体」ですべての事業
        project: String,
        /// other（他者評価）・self（自己評価）・both（両方）
        #[arg(long, default_value = "both", value_name = "other|self|both")]
        kind: String,
        /// この会議のコメントだけ（会議のID）
        #[arg(long, value_name = "ID")]
        meeting: Option<i64>,
        /// 最小出現数
        #[arg(long, default_value_t = 2)]
        min_freq: u32,
        /// 描く共起関係の数（同じ強さの共起は含める）
        #[arg(long, default_value_t = 60)]
        top: u32,
        /// JSON で出力する
        #[arg(long)]
        json: bool,
        /// GraphML（networkx・Gephi 用）に書き出す
        #[arg(long, value_name = "OUT.graphml")]
        graphml: Option<PathBuf>,
        /// ノードと辺の CSV（nodes.csv・edges.csv）をこのフォルダに書き出す
        #[arg(long, value_name = "DIR")]
        csv_dir: Option<PathBuf>,
        /// 図を SVG に書き出す
        #[arg(long, value_name = "OUT.svg")]
        svg: Option<PathBuf>,
    },
    /// 事業全体（事務局の一覧）：チームごとのフェーズ・準備チェック・会議・タスク・課題・評価・強み
    Program {
        /// 事業全体のID、または名前の一部（事業全体が1つなら省略可）
        #[arg(long, value_name = "ID|NAME")]
        program: Option<String>,
        /// JSON で出力する
        #[arg(long)]
        json: bool,
        /// 「事業全体の進捗一覧」（A4 横の PDF）を書き出す
        #[arg(long, value_name = "OUT.pdf")]
        pdf: Option<PathBuf>,
        /// 一覧を Excel で開ける CSV に書き出す
        #[arg(long, value_name = "OUT.csv")]
        csv: Option<PathBuf>,
        /// 年間まとめ（チーム・会議・評価の平均・研修会、A4 PDF）を書き出す
        #[arg(long, value_name = "OUT.pdf")]
        summary_pdf: Option<PathBuf>,
        /// 一覧の代わりに、関係者ごとの担当チーム・出席した会議・書いた評価を表示する
        #[arg(long)]
        people: bool,
    },
    /// アンケート（研修会・士会の取り組み状況）：一覧、結果、CSV の取り込み、配る用紙
    Survey {
        #[command(subcommand)]
        action: SurveyCommand,
    },
    /// 事業をファイル（.bansou）に書き出す。--meeting と --request で評価依頼、--response で評価回答
    Export {
        /// 事業のID、または事業名・士会名の一部（例：山口）
        project: String,
        /// 書き出すファイル（.bansou）
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// 評価依頼・評価回答の会議のID
        #[arg(long, value_name = "ID")]
        meeting: Option<i64>,
        /// 評価依頼（伴走支援者に表1の記入を頼む）
        #[arg(long, requires = "meeting")]
        request: bool,
        /// 評価回答（記入した表1をチームに返す）
        #[arg(long, requires = "meeting", conflicts_with = "request")]
        response: bool,
    },
    /// 別のパソコンから届いたファイル（.bansou）を取り込む
    Import {
        /// 取り込むファイル
        file: PathBuf,
        /// 何が変わるかを表示するだけ（書き込まない）
        #[arg(long)]
        dry_run: bool,
        /// JSON で出力する
        #[arg(long)]
        json: bool,
        /// 両方で変更された記録は、こちらを残す
        #[arg(long)]
        keep_ours: bool,
        /// 両方で変更された記録は、相手（ファイル）を採用する
        #[arg(long, conflicts_with = "keep_ours")]
        take_theirs: bool,
    },
    /// 理事会に出す進捗報告書（A4 PDF）を作る
    Report {
        /// 事業のID、または事業名・士会名の一部（例：山口）
        project: String,
        /// 書き出す PDF ファイル
        #[arg(long, value_name = "OUT.pdf")]
        out: PathBuf,
        /// 対象期間の始まり（YYYY-MM-DD、省略時は今年度の初め）
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// 対象期間の終わり（YYYY-MM-DD、省略時は今日）
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// 入れる章（番号か名前をカンマ区切り。例：1,3,評価,承認）
        #[arg(long, value_name = "LIST")]
        sections: Option<String>,
        /// 作成者
        #[arg(long, default_value = "")]
        author: String,
        /// 日付を西暦で書く（既定は和暦）
        #[arg(long)]
        seireki: bool,
        /// 評価の章の会議の区分：team・joint・all（省略時は両方を分けて載せる）
        #[arg(long, value_name = "team|joint|all")]
        meetings: Option<String>,
        /// 評価のコメントを載せない
        #[arg(long)]
        no_comments: bool,
    },
    /// 表1 伴走型支援事業評価の用紙（A4 PDF）を作る：空欄、または --evaluation の記入済み
    Form {
        /// 書き出す PDF ファイル
        #[arg(long, value_name = "OUT.pdf")]
        out: PathBuf,
        /// 記入済みにする評価のID
        #[arg(long, value_name = "ID")]
        evaluation: Option<i64>,
    },
    /// 処理時間と大きさを測る（report：報告書、crash：書き込み中の強制終了）。
    /// seed は大量のデータ（会議 --meetings 件、評価はその8倍）の事業を追加する
    Bench {
        /// 測るもの（all・report・crash・exchange・analysis・program・survey）、または seed
        what: String,
        /// crash で強制終了する回数
        #[arg(long, default_value_t = 20)]
        trials: u32,
        /// seed で作る会議の数
        #[arg(long, default_value_t = 500)]
        meetings: u64,
        /// analysis で作るコメントの数
        #[arg(long, default_value_t = 10_000)]
        comments: usize,
        /// analysis で同時に測る比較のスクリプト（MeCab・fugashi＋networkx）
        #[arg(long, default_value = "../shared/bench/cooc_peer.py")]
        peer: PathBuf,
        /// survey で取り込む回答の数
        #[arg(long, default_value_t = 10_000)]
        sheets: usize,
    },
    /// データベースのバックアップを作る（--out を省くと backups フォルダへ）
    Backup {
        /// 書き出すファイル（既にあるファイルには書きません）
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// バックアップから復元する（今のデータは先にバックアップします）
    Restore {
        /// 復元するバックアップのファイル
        file: PathBuf,
    },
    /// バックアップの一覧を表示する
    Backups {
        /// JSON で出力する
        #[arg(long)]
        json: bool,
    },
    /// 事業をアーカイブする（一覧と全体の表示から外れ、記録は残る）
    Archive {
        /// 事業のID、または事業名・士会名の一部（例：山口）
        project: String,
        /// アーカイブから戻す
        #[arg(long)]
        undo: bool,
    },
    /// アーカイブした事業を完全に削除する（先にバックアップを作ります）
    Delete {
        /// 事業のID、または事業名・士会名の一部
        project: String,
        /// 確認のうえ削除する（付けないと、削除されるものを表示するだけ）
        #[arg(long)]
        yes: bool,
    },
    /// 関係機関（種別・関係の状態・最終連絡日・担当者）を表示する
    Stakeholders {
        /// 事業のID、または事業名・士会名の一部（例：山口）
        project: String,
        /// JSON で出力する
        #[arg(long)]
        json: bool,
        /// Excel で開ける CSV（UTF-8 BOM 付き）に書き出す
        #[arg(long, value_name = "OUT.csv")]
        csv: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum SurveyCommand {
    /// アンケートの一覧（ID・名前・会議・回答数）
    List {
        /// JSON で出力する
        #[arg(long)]
        json: bool,
    },
    /// 結果（回答数・回収率・選択肢ごとの件数と割合）を表示・書き出す
    Results {
        /// アンケートのID、または名前の一部（例：研修会）
        survey: String,
        /// JSON で出力する
        #[arg(long)]
        json: bool,
        /// Excel で開ける CSV に書き出す
        #[arg(long, value_name = "OUT.csv", conflicts_with = "json")]
        csv: Option<PathBuf>,
        /// A4 の PDF に書き出す
        #[arg(long, value_name = "OUT.pdf", conflicts_with = "json")]
        pdf: Option<PathBuf>,
        /// この質問（番号、例：1）の答えで分けて集計する（職種・都道府県など単一選択の質問）
        #[arg(long, value_name = "問")]
        by: Option<u32>,
    },
    /// Google フォーム・Excel の CSV から回答を取り込む（同じ行は二度入りません）
    Import {
        /// アンケートのID、または名前の一部
        survey: String,
        /// 取り込む CSV（UTF-8 か Shift_JIS）
        file: PathBuf,
        /// 何が取り込まれるかを表示するだけ（書き込まない）
        #[arg(long)]
        dry_run: bool,
        /// JSON で出力する
        #[arg(long)]
        json: bool,
    },
    /// 配る用紙（空欄の A4 PDF）を作る
    Form {
        /// アンケートのID、または名前の一部
        survey: String,
        /// 書き出す PDF ファイル
        #[arg(long, value_name = "OUT.pdf")]
        out: PathBuf,
    },
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
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("エラー: {e}");
            for f in e.fields() {
                eprintln!("  - {}", f.message);
            }
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let path = store::resolve_db_path(cli.db)?;
    let mut store = Store::open(&path)?;
    // Every file the CLI writes for the user goes through the same checks as
    // the window's exports: never the database, its companions or a backup.
    let target = |out: &std::path::Path, kind: ExportKind| target::check(out, kind, Some(&path));
    match cli.command {
        Command::Demo => match demo::load(&mut store)? {
            DemoOutcome::Loaded { projects, members } => println!(
                "デモデータを読み込みました：事業 {projects} 件、メンバー {members} 名（{}）",
                path.display()
            ),
            DemoOutcome::AlreadyLoaded => {
                println!("デモデータは既に読み込まれています（変更なし）")
            }
        },
        Command::Projects { json } => {
            let projects = store.projects()?;
            if json {
                let text = serde_json::to_string_pretty(&projects).map_err(|e| {
                    Error::Database(rusqlite::Error::ToSqlConversionFailure(e.into()))
                })?;
                println!("{text}");
            } else if projects.is_empty() {
                println!("事業はまだありません。`bansou demo` でデモデータを読み込めます");
            } else {
                let rows: Vec<[String; 5]> = projects
                    .iter()
                    .map(|p| {
                        [
                            p.id.to_string(),
                            p.name.clone(),
                            p.society.clone(),
                            p.theme.to_string(),
                            p.period_label.clone(),
                        ]
                    })
                    .collect();
                print_table(&["ID", "事業名", "士会", "テーマ", "期間"], &rows);
            }
        }
        Command::Checklist { project, json, csv } => {
            let p = store.resolve_project(&project)?;
            let checklist = store.checklist(p.id, today())?;
            if let Some(out) = csv {
                return write_csv(
                    &target(&out, ExportKind::Csv)?,
                    &bansou::exchange::csv::checklist_csv(&checklist)?,
                    checklist.items.len(),
                );
            }
            if json {
                return print_json(&checklist);
            }
            print_heading(&p);
            for c in &checklist.completion {
                println!();
                println!("■ {}（完了 {}/{}）", c.side, c.done, c.applicable);
                let rows: Vec<[String; 5]> = checklist
                    .items
                    .iter()
                    .filter(|i| i.side == c.side)
                    .map(|i| {
                        let due = i.due_date.map(|d| d.to_string()).unwrap_or_default();
                        [
                            i.number.to_string(),
                            i.status.to_string(),
                            i.owner_name.clone().unwrap_or_default(),
                            if i.overdue {
                                format!("{due}（期限超過）")
                            } else {
                                due
                            },
                            i.text.clone(),
                        ]
                    })
                    .collect();
                print_table(&["No", "状況", "担当", "期限", "項目"], &rows);
            }
        }
        Command::Strengths { project, json, svg } => {
            let p = store.resolve_project(&project)?;
            let strengths = bansou::analysis::strength::strengths(&store, p.id)?;
            let svg = svg.map(|out| target(&out, ExportKind::Svg)).transpose()?;
            if let Some(out) = &svg {
                let text = bansou::chart::svg::render(&bansou::chart::radar::strengths_radar(
                    &strengths, false,
                ));
                bansou::exchange::write_atomically(out, text.as_bytes())?;
            }
            if json {
                return print_json(&strengths);
            }
            print_heading(&p);
            println!();
            if strengths.sessions.is_empty() {
                println!("強み分析の評価はまだありません");
            } else {
                let mut head = vec!["強み".to_owned()];
                head.extend(
                    strengths
                        .sessions
                        .iter()
                        .map(|s| format!("{}（{}）", s.label, s.rated_on)),
                );
                let fmt =
                    |m: Option<f64>| m.map(|v| format!("{v:.1}")).unwrap_or_else(|| "—".into());
                let rows: Vec<Vec<String>> = (0..4)
                    .map(|a| {
                        let mut row = vec![strengths.sessions[0].axes[a].name.clone()];
                        row.extend(strengths.sessions.iter().map(|s| {
                            let x = &s.axes[a];
                            format!("{}（{}/{}項目）", fmt(x.mean), x.rated, x.items)
                        }));
                        row
                    })
                    .collect();
                print_rows(&head, &rows);
                if let Some(s) = &strengths.summary {
                    println!();
                    println!("{s}");
                }
            }
            if let Some(out) = &svg {
                println!("レーダーチャートを書き出しました：{}", out.display());
            }
        }
        Command::Meetings { project, json, csv } => {
            let p = store.resolve_project(&project)?;
            let list = store.meetings(p.id, &Default::default())?;
            if let Some(out) = csv {
                return write_csv(
                    &target(&out, ExportKind::Csv)?,
                    &bansou::exchange::csv::meetings_csv(&list)?,
                    list.len(),
                );
            }
            if json {
                return print_json(&list);
            }
            print_heading(&p);
            println!();
            let rows: Vec<[String; 4]> = list
                .iter()
                .map(|m| {
                    [
                        m.held_on_label.clone(),
                        if m.joint {
                            format!("{}（合同）", m.title)
                        } else {
                            m.title.clone()
                        },
                        m.format.to_string(),
                        m.decisions.join(" / "),
                    ]
                })
                .collect();
            print_table(&["開催日", "会議名", "方式", "決定事項"], &rows);
        }
        Command::Tasks { project, json, csv } => {
            let p = store.resolve_project(&project)?;
            let list = store.tasks(p.id, today())?;
            if let Some(out) = csv {
                return write_csv(
                    &target(&out, ExportKind::Csv)?,
                    &bansou::exchange::csv::tasks_csv(&list)?,
                    list.len(),
                );
            }
            if json {
                return print_json(&list);
            }
            print_heading(&p);
            println!();
            let rows: Vec<[String; 5]> = list
                .iter()
                .map(|t| {
                    let due = t.due_date.map(|d| d.to_string()).unwrap_or_default();
                    [
                        if t.overdue {
                            format!("{due}（期限超過）")
                        } else {
                            due
                        },
                        t.status.to_string(),
                        format!("{}{}", if t.milestone { "◆ " } else { "" }, t.title),
                        t.owner_name.clone().unwrap_or_default(),
                        t.meeting_title.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            print_table(&["期限", "状況", "タスク", "担当", "元の会議"], &rows);
        }
        Command::Analyze {
            project,
            kind,
            meeting,
            min_freq,
            top,
            json,
            graphml,
            csv_dir,
            svg,
        } => {
            let scope = if project == "全体" {
                None
            } else {
                Some(store.resolve_project(&project)?)
            };
            let kind = match kind.as_str() {
                "other" | "他者評価" | "他者" => "他者評価",
                "self" | "自己評価" | "自己" => "自己評価",
                "both" | "両方" | "" => "",
                other => {
                    return Err(Error::Validation(vec![bansou::FieldError::new(
                        "kind",
                        format!("--kind「{other}」は選べません。other・self・both から選んでください"),
                    )]))
                }
            };
            let filter = bansou::model::text::TextFilter {
                meeting_id: meeting,
                kind: kind.into(),
                min_freq,
                top,
                ..Default::default()
            };
            let a = bansou::analysis::cooc::text_analysis(
                &mut store,
                scope.as_ref().map(|p| p.id),
                &filter,
            )?;
            let net = &a.network;
            let title = format!(
                "共起ネットワーク（{}）",
                if kind.is_empty() { "他者評価・自己評価" } else { kind }
            );
            if let Some(out) = graphml {
                let out = target(&out, ExportKind::Graphml)?;
                bansou::exchange::write_atomically(&out, bansou::exchange::graph::graphml(net).as_bytes())?;
                println!("GraphML を書き出しました：{}（語 {}・共起 {}）", out.display(), net.nodes.len(), net.edges.len());
            }
            if let Some(dir) = csv_dir {
                let (nodes, edges) = bansou::exchange::graph::csv_lists(net)?;
                for (name, bytes) in [("nodes.csv", nodes), ("edges.csv", edges)] {
                    let out = target(&dir.join(name), ExportKind::Csv)?;
                    bansou::exchange::write_atomically(&out, &bytes)?;
                    println!("CSV を書き出しました：{}", out.display());
                }
            }
            if let Some(out) = svg {
                let out = target(&out, ExportKind::Svg)?;
                let scene = bansou::chart::network::network_scene(&title, net);
                bansou::exchange::write_atomically(&out, bansou::chart::svg::render(&scene).as_bytes())?;
                println!("図を書き出しました：{}", out.display());
            }
            if json {
                return print_json(&a);
            }
            match &scope {
                Some(p) => print_heading(p),
                None => println!("すべての事業"),
            }
            println!();
            println!(
                "{title}：コメント {}件、語 {}（描いた語 {}）、共起 {}、グループ {}（最小出現数 {}・上位 {}）",
                net.documents,
                net.words.len(),
                net.nodes.len(),
                net.edges.len(),
                net.communities,
                a.min_freq,
                a.top
            );
            let rows: Vec<[String; 4]> = net
                .words
                .iter()
                .take(20)
                .map(|w| [w.word.clone(), w.class.label().into(), w.frequency.to_string(), w.documents.to_string()])
                .collect();
            println!();
            print_table(&["語", "品詞", "出現数", "コメント数"], &rows);
            let rows: Vec<[String; 3]> = net
                .edges
                .iter()
                .take(20)
                .map(|e| {
                    [
                        net.nodes[e.source as usize].word.clone(),
                        net.nodes[e.target as usize].word.clone(),
                        format!("{:.3}", e.jaccard),
                    ]
                })
                .collect();
            println!();
            print_table(&["語1", "語2", "Jaccard"], &rows);
        }
        Command::Next { project, json } => {
            let p = store.resolve_project(&project)?;
            let list = bansou::analysis::guide::suggestions(&store, p.id, today())?;
            if json {
                return print_json(&list);
            }
            print_heading(&p);
            if list.is_empty() {
                println!("いまの状況から出る次の一歩の候補はありません");
            }
            for (i, s) in list.iter().enumerate() {
                println!();
                println!("{}. {}", i + 1, s.title);
                println!("   きっかけ：{}", s.trigger);
                println!("   理由：{}", s.reason);
                println!("   出典：{}", s.source);
                println!("   タスクにすると：{}", s.task);
                for r in &s.resources {
                    println!("   資料：{}（{}）", r.title, r.category);
                }
            }
        }
        Command::Prepare {
            meeting,
            out,
            project,
            json,
        } => {
            let project = project.map(|q| store.resolve_project(&q)).transpose()?;
            let out = out.map(|o| target(&o, ExportKind::Pdf)).transpose()?;
            let p = bansou::analysis::guide::prepare(&store, meeting, project.map(|p| p.id), today())?;
            if let Some(out) = out {
                let doc = bansou::report::guide::preparation_pdf(&p, chrono::Local::now());
                bansou::exchange::write_atomically(&out, &doc.bytes)?;
                say_replaced(doc.replaced);
                println!("会議の準備を書き出しました：{}（{} ページ）", out.display(), doc.pages);
                return Ok(());
            }
            if json {
                return print_json(&p);
            }
            print_heading(&p.project);
            println!("会議の準備：{}（{}）", p.meeting.title, p.meeting.held_on_label);
            let sections: [(&str, Vec<String>); 5] = [
                ("議題の案", p.agenda.clone()),
                ("前回からの変化", p.changes.clone()),
                ("期限を過ぎたもの", p.overdue.clone()),
                (
                    "まだ渡していない資料",
                    p.resources
                        .iter()
                        .map(|r| format!("{}（{}）— {}", r.resource.title, r.resource.category, r.why))
                        .collect(),
                ),
                (
                    "次の一歩の候補",
                    p.suggestions.iter().map(|s| format!("{}（{}）", s.title, s.trigger)).collect(),
                ),
            ];
            for (heading, lines) in sections {
                println!();
                println!("■ {heading}");
                if lines.is_empty() {
                    println!("（なし）");
                }
                for line in lines {
                    println!("・{line}");
                }
            }
        }
        Command::Issues { project, json, csv } => {
            let p = store.resolve_project(&project)?;
            let list = store.issues(p.id)?;
            if let Some(out) = csv {
                return write_csv(
                    &target(&out, ExportKind::Csv)?,
                    &bansou::exchange::csv::issues_csv(&list)?,
                    list.len(),
                );
            }
            if json {
                return print_json(&list);
            }
            print_heading(&p);
            if list.is_empty() {
                println!();
                println!("課題・今後の検討事項はまだありません");
                return Ok(());
            }
            for kind in bansou::model::issue::IssueKind::ALL {
                let rows: Vec<[String; 5]> = list
                    .iter()
                    .filter(|i| i.kind == *kind)
                    .map(|i| {
                        [
                            i.number_label.clone(),
                            i.status.to_string(),
                            i.title.clone(),
                            i.settled_on
                                .map(|d| format!("{d} {}", i.response))
                                .unwrap_or_else(|| i.response.clone()),
                            i.meeting_title.clone().unwrap_or_default(),
                        ]
                    })
                    .collect();
                if rows.is_empty() {
                    continue;
                }
                println!();
                println!(
                    "■ {kind}（{}件、未対応・検討中 {}件）",
                    rows.len(),
                    list.iter()
                        .filter(|i| i.kind == *kind && i.status.is_open())
                        .count()
                );
                print_table(&["番号", "状況", "課題", "対応", "元の会議"], &rows);
            }
        }
        Command::Evaluations {
            project,
            csv,
            summary,
            json,
            from,
            to,
            kind,
            meetings,
            import_csv,
            dry_run,
        } => {
            if let Some(file) = import_csv {
                let p = store.resolve_project(&project)?;
                let bytes = std::fs::read(&file).map_err(|source| Error::Io {
                    path: file.clone(),
                    source,
                })?;
                let table = bansou::exchange::evaluation_csv::read_table(&bytes)?;
                let r = bansou::exchange::evaluation_csv::import(
                    &mut store, p.id, &table, None, dry_run,
                )?;
                if json {
                    return print_json(&r);
                }
                for problem in &r.refused {
                    println!("{}行目：{}", problem.row, problem.reason);
                }
                println!(
                    "{}表1 {} 件（新しいもの {} 件、取り込み済み {} 件）、取り込めない行 {} 件",
                    if dry_run {
                        "確認のみ："
                    } else {
                        "取り込みました："
                    },
                    r.forms,
                    r.new,
                    r.already,
                    r.refused.len()
                );
                return Ok(());
            }
            let scope = if project == "全体" {
                None
            } else {
                Some(store.resolve_project(&project)?)
            };
            let filter = EvaluationFilter {
                from: from.unwrap_or_default(),
                to: to.unwrap_or_default(),
                kind: kind.unwrap_or_default(),
                meetings: meetings.unwrap_or_default(),
            };
            let group = filter.validate()?.meetings;
            let evals = store.evaluations(scope.as_ref().map(|p| p.id), &filter)?;
            let csv = csv.map(|out| target(&out, ExportKind::Csv)).transpose()?;
            if let Some(out) = &csv {
                let bytes = bansou::exchange::csv::evaluations_csv(&evals)?;
                bansou::exchange::write_atomically(out, &bytes)?;
                println!(
                    "評価 {} 件（{} 行）を書き出しました：{}",
                    evals.len(),
                    evals.len() * 4,
                    out.display()
                );
                if !summary && !json {
                    return Ok(());
                }
            }
            if summary {
                let groups = bansou::analysis::evaluation::summarize_groups(&evals, group);
                if json {
                    return print_json(&groups);
                }
                if let Some(p) = &scope {
                    print_heading(p);
                } else {
                    println!("すべての事業");
                }
                for g in &groups {
                    print_evaluation_summary(g);
                }
            } else if json {
                print_json(&evals)?;
            } else if csv.is_none() {
                let rows: Vec<[String; 5]> = evals
                    .iter()
                    .map(|e| {
                        [
                            e.held_on.to_string(),
                            e.meeting_title.clone(),
                            e.kind.to_string(),
                            e.evaluator.clone(),
                            e.scores
                                .iter()
                                .map(u8::to_string)
                                .collect::<Vec<_>>()
                                .join(" "),
                        ]
                    })
                    .collect();
                print_table(&["会議日", "会議", "区分", "評価者", "A B C D"], &rows);
            }
        }
        Command::Report {
            project,
            out,
            from,
            to,
            sections,
            author,
            seireki,
            meetings,
            no_comments,
        } => {
            let p = store.resolve_project(&project)?;
            let out = target(&out, ExportKind::Pdf)?;
            // The same checks as the window's report form.
            let opts = ReportInput {
                from: from.unwrap_or_default(),
                to: to.unwrap_or_default(),
                sections: sections
                    .map(|s| parse_sections(&s))
                    .transpose()?
                    .unwrap_or_default()
                    .into_iter()
                    .map(i32::from)
                    .collect(),
                author,
                seireki,
                meetings: meetings.unwrap_or_default(),
                no_comments,
            }
            .validate(today())?;
            store.ensure_words()?;
            let src = store.report_source(p.id, opts.from, opts.to, opts.today)?;
            let pdf = render(&src, &opts, &mut |_| {});
            bansou::exchange::write_atomically(&out, &pdf.bytes)?;
            println!(
                "進捗報告書を書き出しました：{}（{} KB）",
                out.display(),
                pdf.bytes.len() / 1024
            );
            say_replaced(pdf.replaced);
        }
        Command::Program {
            program,
            json,
            pdf,
            csv,
            summary_pdf,
            people,
        } => {
            let g = store.resolve_program(program.as_deref())?;
            // Check every target before writing any, so a bad one changes nothing.
            let pdf = pdf.map(|o| target(&o, ExportKind::Pdf)).transpose()?;
            let csv = csv.map(|o| target(&o, ExportKind::Csv)).transpose()?;
            let summary_pdf = summary_pdf
                .map(|o| target(&o, ExportKind::Pdf))
                .transpose()?;
            let rows = bansou::analysis::program::program_dashboard(&store, g.id, today())?;
            let mut wrote = false;
            if let Some(out) = &pdf {
                let doc = bansou::report::program::dashboard_pdf(&g, &rows, today(), chrono::Local::now());
                bansou::exchange::write_atomically(out, &doc.bytes)?;
                println!("事業全体の進捗一覧を書き出しました：{}", out.display());
                say_replaced(doc.replaced);
                wrote = true;
            }
            if let Some(out) = &csv {
                write_csv(out, &bansou::exchange::csv::dashboard_csv(&rows)?, rows.len())?;
                wrote = true;
            }
            if let Some(out) = &summary_pdf {
                let s = bansou::analysis::program::year_summary(&store, g.id)?;
                let doc = bansou::report::program::year_summary_pdf(&s, chrono::Local::now());
                bansou::exchange::write_atomically(out, &doc.bytes)?;
                println!("事業の年間まとめを書き出しました：{}", out.display());
                say_replaced(doc.replaced);
                wrote = true;
            }
            if wrote && !json {
                return Ok(());
            }
            if people {
                let work = store.supporter_work(g.id)?;
                if json {
                    return print_json(&work);
                }
                println!("{}", g.title());
                let rows: Vec<[String; 5]> = work
                    .iter()
                    .map(|w| {
                        [
                            w.name.clone(),
                            w.role.to_string(),
                            if w.teams.is_empty() { "—".into() } else { w.teams.join("・") },
                            w.meetings_attended.to_string(),
                            w.evaluations_written.to_string(),
                        ]
                    })
                    .collect();
                print_table(&["氏名", "役割", "担当チーム", "出席した会議", "書いた評価"], &rows);
                return Ok(());
            }
            if json {
                return print_json(&rows);
            }
            println!("{}　{}", g.title(), g.who_runs_it());
            if rows.is_empty() {
                println!("この事業全体にはまだチームがありません");
                return Ok(());
            }
            let mean = |v: Option<f64>| v.map(|x| format!("{x:.2}")).unwrap_or_else(|| "—".into());
            let table: Vec<[String; 9]> = rows
                .iter()
                .map(|r| {
                    [
                        r.project_id.to_string(),
                        r.society.clone(),
                        r.phase.clone().unwrap_or_else(|| "—".into()),
                        format!("{}%", r.completion),
                        r.last_meeting_on.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
                        format!("{}（超過 {}）", r.open_tasks, r.overdue_tasks),
                        r.open_issues.to_string(),
                        format!("{} / {}", mean(r.other_mean), mean(r.self_mean)),
                        if r.warnings.is_empty() { "—".into() } else { r.warnings.join("／") },
                    ]
                })
                .collect();
            print_table(
                &["ID", "士会", "フェーズ", "達成度", "直近の会議", "タスク", "課題", "評価（他者/自己）", "注意"],
                &table,
            );
        }
        Command::Survey { action } => survey_command(&mut store, &path, action)?,
        Command::Form { out, evaluation } => {
            let out = target(&out, ExportKind::Pdf)?;
            let e = evaluation.map(|id| store.evaluation(id)).transpose()?;
            let pdf = bansou::report::form::evaluation_form(e.as_ref(), chrono::Local::now());
            bansou::exchange::write_atomically(&out, &pdf.bytes)?;
            say_replaced(pdf.replaced);
            println!("評価用紙を書き出しました：{}", out.display());
        }
        Command::Bench {
            what,
            trials,
            meetings,
            comments,
            peer,
            sheets,
        } => match what.as_str() {
            "seed" => {
                let id = bansou::bench::large_project(&mut store, meetings)?;
                println!(
                    "大量データの事業を追加しました（ID {id}、会議 {meetings} 件、評価 {} 件）",
                    meetings * 8
                );
            }
            "report" => bansou::bench::report(&mut |line| println!("{line}"))?,
            "exchange" => bansou::bench::exchange(&mut |line| println!("{line}"))?,
            "program" => bansou::bench::program(&mut |line| println!("{line}"))?,
            "survey" => bansou::bench::survey(sheets, &mut |line| println!("{line}"))?,
            "all" => bansou::bench::all(&mut |line| println!("{line}"))?,
            "analysis" => {
                bansou::bench::analysis(comments, Some(&peer), &mut |line| println!("{line}"))?;
            }
            "crash" => {
                let exe = std::env::current_exe().map_err(|source| Error::Io {
                    path: "bansou".into(),
                    source,
                })?;
                let r = bansou::bench::crash(&exe, trials, &mut |line| println!("{line}"))?;
                if r.lost + r.half_written + r.corrupt > 0 {
                    return Err(Error::Io {
                        path: path.clone(),
                        source: std::io::Error::other("強制終了で記録が失われました"),
                    });
                }
            }
            // The process `bench crash` kills; not for people.
            "crash-writer" => bansou::bench::crash_writer(&mut store, &mut std::io::stdout())?,
            _ => {
                return Err(Error::Validation(vec![bansou::FieldError::new(
                    "what",
                    format!("「{what}」は測れません。all・report・crash・exchange・analysis・program・survey・seed から指定してください"),
                )]))
            }
        },
        Command::Export {
            project,
            out,
            meeting,
            request,
            response,
        } => {
            let p = store.resolve_project(&project)?;
            let out = target(&out, ExportKind::Bansou)?;
            let b = match (meeting, request, response) {
                (Some(m), true, _) => store.evaluation_request(m, p.id)?,
                (Some(m), _, true) => store.evaluation_response(m, p.id)?,
                _ => store.project_bundle(p.id)?,
            };
            let bytes = bansou::exchange::bundle::to_bytes(&b);
            bansou::exchange::write_atomically(&out, &bytes)?;
            println!(
                "{}を書き出しました：{}（{} KB、記録 {} 件）",
                b.kind.label(),
                out.display(),
                bytes.len().div_ceil(1024),
                b.records()
            );
        }
        Command::Import {
            file,
            dry_run,
            json,
            keep_ours,
            take_theirs,
        } => {
            let b = bansou::exchange::bundle::read(&file)?;
            let choices = bansou::model::exchange::Choices {
                all: if keep_ours {
                    Some(bansou::model::exchange::Choice::Keep)
                } else if take_theirs {
                    Some(bansou::model::exchange::Choice::Take)
                } else {
                    None
                },
                ..Default::default()
            };
            let preview = store.preview_import(&b)?;
            let summary = if dry_run || (!preview.conflicts.is_empty() && choices.all.is_none()) {
                preview
            } else {
                store.import_bundle(&b, &choices)?
            };
            if json {
                print_json(&summary)?;
            } else {
                println!("{}（{}）", summary.kind, summary.project);
                println!("{}", summary.sentence);
                for c in &summary.conflicts {
                    println!("競合：{}　こちら：{}　相手：{}", c.what, c.here, c.there);
                }
                if summary.applied {
                    println!("取り込みました（取り込み前のバックアップがあります）");
                } else if dry_run {
                    println!("確認のみ：書き込んでいません");
                }
            }
            if !summary.applied && !dry_run {
                return Err(Error::Validation(vec![bansou::FieldError::new(
                    "choices",
                    format!(
                        "両方のパソコンで変更された記録が{}件あります。--keep-ours（こちらを残す）か --take-theirs（相手を採用）を付けて実行してください。何も書き込んでいません",
                        summary.conflicts.len()
                    ),
                )]));
            }
        }
        Command::Backup { out } => match out {
            Some(out) => {
                store.backup_to(&out)?;
                println!("バックアップを書き出しました：{}", out.display());
            }
            None => {
                let b = store.backup_now(Reason::Manual)?;
                println!(
                    "バックアップを作りました：{}（{} KB）",
                    b.path,
                    b.bytes / 1024
                );
            }
        },
        Command::Restore { file } => {
            let store = store.restore(&file)?;
            let before = store
                .backups()?
                .into_iter()
                .find(|b| b.reason == Reason::Restore.label());
            println!("{} から復元しました。", file.display());
            if let Some(b) = before {
                println!("復元前のデータはバックアップしてあります：{}", b.path);
            }
        }
        Command::Backups { json } => {
            let list = store.backups()?;
            if json {
                return print_json(&list);
            }
            if list.is_empty() {
                println!(
                    "バックアップはまだありません（{}）",
                    bansou::store::backup::dir_of(&path).display()
                );
            }
            let rows: Vec<[String; 4]> = list
                .iter()
                .map(|b| {
                    [
                        b.created_label.clone(),
                        b.reason.clone(),
                        format!("{} KB", b.bytes.div_ceil(1024)),
                        b.file_name.clone(),
                    ]
                })
                .collect();
            print_table(&["作成日時", "理由", "大きさ", "ファイル"], &rows);
        }
        Command::Archive { project, undo } => {
            let p = store.resolve_project(&project)?;
            if undo {
                store.unarchive_project(p.id)?;
                println!("「{}」をアーカイブから戻しました", p.name);
            } else {
                store.archive_project(p.id)?;
                println!(
                    "「{}」をアーカイブしました（記録は残っています。戻すには archive {} --undo）",
                    p.name, p.id
                );
            }
        }
        Command::Delete { project, yes } => {
            let p = store.resolve_project(&project)?;
            if !p.archived {
                return Err(Error::Validation(vec![bansou::FieldError::new(
                    "project",
                    format!(
                        "「{}」はアーカイブされていません。先に archive {} を実行してください",
                        p.name, p.id
                    ),
                )]));
            }
            let what = store.project_deletion(p.id)?;
            if !yes {
                println!(
                    "「{}」を完全に削除すると、次の記録が消えます：{}",
                    p.name, what.summary
                );
                if !what.kept_joint_meetings.is_empty() {
                    println!(
                        "合同会議（{}）はほかの事業に残ります",
                        what.kept_joint_meetings.join("、")
                    );
                }
                return Err(Error::Validation(vec![bansou::FieldError::new(
                    "yes",
                    "削除するには --yes を付けて実行してください（削除の前にバックアップを作ります）",
                )]));
            }
            let gone = store.delete_project(p.id)?;
            println!("「{}」を完全に削除しました：{}（削除前のバックアップは backups フォルダにあります）", p.name, gone.summary);
        }
        Command::Stakeholders { project, json, csv } => {
            let p = store.resolve_project(&project)?;
            let list = store.stakeholders(p.id)?;
            if let Some(out) = csv {
                return write_csv(
                    &target(&out, ExportKind::Csv)?,
                    &bansou::exchange::csv::stakeholders_csv(&list)?,
                    list.len(),
                );
            }
            if json {
                return print_json(&list);
            }
            print_heading(&p);
            println!();
            if list.is_empty() {
                println!("関係機関はまだ登録されていません");
                return Ok(());
            }
            let rows: Vec<[String; 5]> = list
                .iter()
                .map(|s| {
                    [
                        s.name.clone(),
                        s.kind.to_string(),
                        s.state.to_string(),
                        s.log
                            .first()
                            .map(|l| l.contacted_on.to_string())
                            .unwrap_or_default(),
                        s.contacts
                            .iter()
                            .map(|c| c.name.as_str())
                            .collect::<Vec<_>>()
                            .join("、"),
                    ]
                })
                .collect();
            print_table(&["機関名", "種別", "状態", "最終連絡", "担当者"], &rows);
        }
    }
    Ok(())
}

/// Characters the PDF font cannot draw are printed as 〓; the user is told.
fn survey_command(store: &mut Store, db: &std::path::Path, action: SurveyCommand) -> Result<()> {
    use bansou::analysis::survey::{cross_tab, percent, results};
    let target = |out: &std::path::Path, kind: ExportKind| target::check(out, kind, Some(db));
    match action {
        SurveyCommand::List { json } => {
            let list = store.surveys()?;
            if json {
                return print_json(&list);
            }
            if list.is_empty() {
                println!("アンケートはまだありません");
                return Ok(());
            }
            let rows: Vec<[String; 5]> = list
                .iter()
                .map(|s| {
                    [
                        s.id.to_string(),
                        s.title.clone(),
                        s.owner.clone(),
                        s.meeting.clone().unwrap_or_else(|| "—".into()),
                        match s.participants {
                            Some(p) => format!("{}（参加 {p}）", s.responses),
                            None => s.responses.to_string(),
                        },
                    ]
                })
                .collect();
            print_table(&["ID", "アンケート", "事業", "会議", "回答"], &rows);
        }
        SurveyCommand::Results {
            survey,
            json,
            csv,
            pdf,
            by,
        } => {
            let s = store.resolve_survey(&survey)?;
            let csv = csv.map(|o| target(&o, ExportKind::Csv)).transpose()?;
            let pdf = pdf.map(|o| target(&o, ExportKind::Pdf)).transpose()?;
            let responses = store.responses(s.id)?;
            let r = results(&s, &responses);
            let by_question = by
                .map(|n| {
                    s.questions
                        .iter()
                        .find(|q| q.number == n)
                        .ok_or(Error::NotFound {
                            what: "質問",
                            key: format!("問{n}"),
                        })
                })
                .transpose()?;
            let groups = by_question
                .map(|q| cross_tab(&s, &responses, q.id))
                .transpose()?
                .unwrap_or_default();
            if let Some(out) = &csv {
                write_csv(
                    out,
                    &bansou::exchange::csv::survey_results_csv(&r)?,
                    r.questions.len(),
                )?;
            }
            if let Some(out) = &pdf {
                let doc = bansou::report::survey::results_pdf(
                    &r,
                    &groups,
                    by_question.map(|q| q.text.as_str()),
                    chrono::Local::now(),
                );
                bansou::exchange::write_atomically(out, &doc.bytes)?;
                println!(
                    "アンケート結果を書き出しました：{}（{} ページ）",
                    out.display(),
                    doc.pages
                );
                say_replaced(doc.replaced);
            }
            if csv.is_some() || pdf.is_some() {
                return Ok(());
            }
            if json {
                return if groups.is_empty() {
                    print_json(&r)
                } else {
                    print_json(&groups)
                };
            }
            for r in std::iter::once(&r).chain(&groups) {
                println!(
                    "{}{}　{}",
                    r.title,
                    r.group
                        .as_deref()
                        .map(|g| format!("（{g}）"))
                        .unwrap_or_default(),
                    bansou::report::survey::response_line(r)
                );
                for q in &r.questions {
                    println!();
                    println!("問{}　{}（回答 {}）", q.number, q.text, q.answered);
                    let mut rows: Vec<[String; 3]> = q
                        .options
                        .iter()
                        .filter(|_| q.rows.is_empty())
                        .map(|o| [o.label.clone(), o.count.to_string(), percent(o.share)])
                        .collect();
                    for row in &q.rows {
                        rows.extend(row.options.iter().map(|o| {
                            [
                                format!("{}：{}", row.label, o.label),
                                o.count.to_string(),
                                format!("{}（{}件中）", percent(o.share), row.answered),
                            ]
                        }));
                    }
                    if !rows.is_empty() {
                        print_table(&["選択肢", "件数", "割合"], &rows);
                    }
                    for t in &q.texts {
                        println!("・{t}");
                    }
                    if let Some(s) = &q.sentence {
                        println!("→ {s}");
                    }
                }
                println!();
            }
        }
        SurveyCommand::Import {
            survey,
            file,
            dry_run,
            json,
        } => {
            let s = store.resolve_survey(&survey)?;
            let bytes = std::fs::read(&file).map_err(|source| Error::Io {
                path: file.clone(),
                source,
            })?;
            let table = bansou::exchange::evaluation_csv::read_table(&bytes)?;
            let r = bansou::exchange::survey_csv::import(store, s.id, &table, None, dry_run)?;
            if json {
                return print_json(&r);
            }
            for problem in &r.refused {
                println!("{}行目：{}", problem.row, problem.reason);
            }
            if !r.unused.is_empty() {
                println!("使わない列：{}", r.unused.join("、"));
            }
            if !r.unanswered.is_empty() {
                println!("対応する列のない質問：{}", r.unanswered.join("、"));
            }
            println!(
                "{}回答 {} 件（新しいもの {} 件、取り込み済み {} 件）、取り込めない行 {} 件",
                if dry_run {
                    "確認のみ："
                } else {
                    "取り込みました："
                },
                r.sheets,
                r.new,
                r.already,
                r.refused.len()
            );
        }
        SurveyCommand::Form { survey, out } => {
            let s = store.resolve_survey(&survey)?;
            let out = target(&out, ExportKind::Pdf)?;
            let doc = bansou::report::survey::form_pdf(&s, chrono::Local::now());
            bansou::exchange::write_atomically(&out, &doc.bytes)?;
            say_replaced(doc.replaced);
            println!(
                "アンケート用紙を書き出しました：{}（{} ページ）",
                out.display(),
                doc.pages
            );
        }
    }
    Ok(())
}

fn say_replaced(n: usize) {
    if n > 0 {
        println!("PDF のフォントにない文字 {n} 字を「〓」で印刷しました（絵文字など）");
    }
}

fn write_csv(out: &std::path::Path, bytes: &[u8], rows: usize) -> Result<()> {
    bansou::exchange::write_atomically(out, bytes)?;
    println!("{rows} 件を CSV に書き出しました：{}", out.display());
    Ok(())
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

fn print_heading(p: &bansou::model::Project) {
    println!("{}｜{}（{}）", p.society, p.name, p.fiscal_year_label);
    if let Some(phase) = &p.phase {
        println!("現在のフェーズ: {} {}", phase.number, phase.name);
    }
}

fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let out = std::io::stdout().lock();
    let io = |e: std::io::Error| Error::Io {
        path: "標準出力".into(),
        source: e,
    };
    serde_json::to_writer_pretty(out, value).map_err(|e| io(e.into()))?;
    println!();
    Ok(())
}

/// Columns aligned by display width, so full-width text lines up in a terminal.
fn print_table<const N: usize>(head: &[&str; N], rows: &[[String; N]]) {
    let head: Vec<String> = head.iter().map(|h| h.to_string()).collect();
    let rows: Vec<Vec<String>> = rows.iter().map(|r| r.to_vec()).collect();
    print_rows(&head, &rows);
}

fn print_rows(head: &[String], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = head.iter().map(|h| h.width()).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.width());
        }
    }
    let line = |cells: &[String]| {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c}{}", " ".repeat(w - c.width())))
            .collect();
        println!("{}", parts.join("  ").trim_end());
    };
    line(head);
    for r in rows {
        line(r);
    }
}

/// One group of the evaluation summary: means per meeting, the gap 他者−自己
/// meeting by meeting with its range, and the report's sentence.
fn print_evaluation_summary(g: &bansou::analysis::evaluation::GroupSummary) {
    use bansou::model::evaluation::{EvalItem, EvaluatorKind};
    let s = &g.summary;
    println!();
    println!(
        "■ {}（会議 {}回・評価 {}件）",
        g.group,
        s.meetings.len(),
        s.evaluations
    );
    if s.meetings.is_empty() {
        println!("評価はありません");
        return;
    }
    let rows: Vec<Vec<String>> = s
        .meetings
        .iter()
        .flat_map(|m| EvaluatorKind::ALL.iter().map(move |&k| (m, k)))
        .map(|(m, k)| {
            let mut row = vec![format!("{} {}", m.held_on, m.title), k.to_string()];
            for &item in EvalItem::ALL {
                let st = s.stat(m.id, item, k).expect("every cell is computed");
                row.push(match st.mean {
                    Some(v) => format!("{v:.2}（n={}）", st.n),
                    None => "—（n=0）".into(),
                });
            }
            row
        })
        .collect();
    let head: Vec<String> = ["会議", "区分", "A", "B", "C", "D"]
        .iter()
        .map(|h| h.to_string())
        .collect();
    print_rows(&head, &rows);
    println!();
    let gap_rows: Vec<Vec<String>> = s
        .meetings
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut row = vec![format!("{} {}", m.held_on, m.title)];
            for gap in &s.gaps {
                row.push(match gap.per_meeting[i] {
                    Some(v) => format!("{v:+.2}"),
                    None => "—".into(),
                });
            }
            row
        })
        .chain(std::iter::once({
            let mut row = vec!["範囲（会議ごとの差）".to_string()];
            for gap in &s.gaps {
                row.push(match gap.range {
                    Some(r) => format!("{:.1}〜{:.1}", r.low, r.high),
                    None => "—".into(),
                });
            }
            row
        }))
        .chain(std::iter::once({
            let mut row = vec!["全体の平均の差".to_string()];
            for gap in &s.gaps {
                row.push(
                    gap.gap
                        .map(|v| format!("{v:+.2}"))
                        .unwrap_or_else(|| "—".into()),
                );
            }
            row
        }))
        .collect();
    let head: Vec<String> = ["他者−自己", "A", "B", "C", "D"]
        .iter()
        .map(|h| h.to_string())
        .collect();
    print_rows(&head, &gap_rows);
    if let Some(sentence) = &s.sentence {
        println!("{sentence}");
    }
}
