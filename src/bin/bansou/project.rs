//! Projects and their lists: the demo, 事業, 準備チェック, 強み分析, 会議, タスク, 課題,
//! 関係機関, archiving and deleting.

use crate::output::{print_heading, print_json, print_rows, print_table, write_csv, write_lists};
use crate::{today, Cx};
use bansou::demo::{self, DemoOutcome};
use bansou::files::csv::List;
use bansou::files::target::ExportKind;
use bansou::files::xlsx::lists::Sheet;
use bansou::{Error, Result};
use clap::Args;
use std::path::PathBuf;

pub(crate) fn demo(cx: &mut Cx) -> Result<()> {
    match demo::load(&mut cx.store)? {
        DemoOutcome::Loaded { projects, members } => out!(
            "デモデータを読み込みました：事業 {projects} 件、メンバー {members} 名（{}）",
            cx.path.display()
        ),
        DemoOutcome::AlreadyLoaded => {
            out!("デモデータは既に読み込まれています（変更なし）")
        }
    };
    Ok(())
}

#[derive(Args)]
pub(crate) struct ProjectsArgs {
    /// JSON で出力する
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn projects(cx: &mut Cx, a: ProjectsArgs) -> Result<()> {
    let ProjectsArgs { json } = a;
    let projects = cx.store.projects()?;
    if json {
        return print_json(&projects);
    } else if projects.is_empty() {
        out!("事業はまだありません。`bansou demo` でデモデータを読み込めます");
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
    Ok(())
}

#[derive(Args)]
pub(crate) struct ChecklistArgs {
    /// 事業のID、または事業名・士会名の一部（例：山口）
    pub project: String,
    /// JSON で出力する
    #[arg(long)]
    pub json: bool,
    /// Excel で開ける CSV（UTF-8 BOM 付き）に書き出す
    #[arg(long, value_name = "OUT.csv")]
    pub csv: Option<PathBuf>,
    /// Excel のブック（.xlsx）に書き出す：日付は和暦の日付セル、見出しの固定とフィルターつき
    #[arg(long, value_name = "OUT.xlsx")]
    pub xlsx: Option<PathBuf>,
}

pub(crate) fn checklist(cx: &mut Cx, a: ChecklistArgs) -> Result<()> {
    let ChecklistArgs {
        project,
        json,
        csv,
        xlsx,
    } = a;
    let p = cx.store.resolve_project(&project)?;
    if let Some(out) = xlsx {
        return write_lists(cx, p.id, Sheet::of_list(List::Checklist), &out);
    }
    let checklist = cx.store.checklist(p.id, today())?;
    if let Some(out) = csv {
        return write_csv(
            &cx.target(&out, ExportKind::Csv)?,
            &bansou::files::csv::checklist_csv(&checklist)?,
            checklist.items.len(),
        );
    }
    if json {
        return print_json(&checklist);
    }
    print_heading(&p);
    for c in &checklist.completion {
        out!();
        out!("■ {}（完了 {}/{}）", c.side, c.done, c.applicable);
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
    Ok(())
}

#[derive(Args)]
pub(crate) struct StrengthsArgs {
    /// 事業のID、または事業名・士会名の一部（例：山口）
    pub project: String,
    /// JSON で出力する
    #[arg(long)]
    pub json: bool,
    /// レーダーチャートを SVG ファイルに書き出す
    #[arg(long, value_name = "OUT.svg")]
    pub svg: Option<PathBuf>,
}

pub(crate) fn strengths(cx: &mut Cx, a: StrengthsArgs) -> Result<()> {
    let StrengthsArgs { project, json, svg } = a;
    let p = cx.store.resolve_project(&project)?;
    let strengths = bansou::analysis::strength::strengths(&cx.store, p.id)?;
    let svg = svg
        .map(|out| cx.target(&out, ExportKind::Svg))
        .transpose()?;
    if let Some(out) = &svg {
        let text =
            bansou::chart::svg::render(&bansou::chart::radar::strengths_radar(&strengths, false));
        bansou::files::write_atomically(out, text.as_bytes())?;
    }
    if json {
        return print_json(&strengths);
    }
    print_heading(&p);
    out!();
    if strengths.sessions.is_empty() {
        out!("強み分析の評価はまだありません");
    } else {
        let mut head = vec!["強み".to_owned()];
        head.extend(
            strengths
                .sessions
                .iter()
                .map(|s| format!("{}（{}）", s.label, s.rated_on)),
        );
        let fmt = |m: Option<f64>| m.map(|v| format!("{v:.1}")).unwrap_or_else(|| "—".into());
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
            out!();
            out!("{s}");
        }
    }
    if let Some(out) = &svg {
        out!("レーダーチャートを書き出しました：{}", out.display());
    }
    Ok(())
}

#[derive(Args)]
pub(crate) struct MeetingsArgs {
    /// 事業のID、または事業名・士会名の一部（例：山口）
    pub project: String,
    /// JSON で出力する
    #[arg(long)]
    pub json: bool,
    /// Excel で開ける CSV（UTF-8 BOM 付き）に書き出す
    #[arg(long, value_name = "OUT.csv")]
    pub csv: Option<PathBuf>,
    /// Excel のブック（.xlsx）に書き出す：日付は和暦の日付セル、見出しの固定とフィルターつき
    #[arg(long, value_name = "OUT.xlsx")]
    pub xlsx: Option<PathBuf>,
}

pub(crate) fn meetings(cx: &mut Cx, a: MeetingsArgs) -> Result<()> {
    let MeetingsArgs {
        project,
        json,
        csv,
        xlsx,
    } = a;
    let p = cx.store.resolve_project(&project)?;
    if let Some(out) = xlsx {
        return write_lists(cx, p.id, Sheet::of_list(List::Meetings), &out);
    }
    let list = cx.store.meetings(p.id, &Default::default())?;
    if let Some(out) = csv {
        return write_csv(
            &cx.target(&out, ExportKind::Csv)?,
            &bansou::files::csv::meetings_csv(&list)?,
            list.len(),
        );
    }
    if json {
        return print_json(&list);
    }
    print_heading(&p);
    out!();
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
    Ok(())
}

#[derive(Args)]
pub(crate) struct TasksArgs {
    /// 事業のID、または事業名・士会名の一部（例：山口）
    pub project: String,
    /// JSON で出力する
    #[arg(long)]
    pub json: bool,
    /// Excel で開ける CSV（UTF-8 BOM 付き）に書き出す
    #[arg(long, value_name = "OUT.csv")]
    pub csv: Option<PathBuf>,
    /// Excel のブック（.xlsx）に書き出す：日付は和暦の日付セル、見出しの固定とフィルターつき
    #[arg(long, value_name = "OUT.xlsx")]
    pub xlsx: Option<PathBuf>,
}

pub(crate) fn tasks(cx: &mut Cx, a: TasksArgs) -> Result<()> {
    let TasksArgs {
        project,
        json,
        csv,
        xlsx,
    } = a;
    let p = cx.store.resolve_project(&project)?;
    if let Some(out) = xlsx {
        return write_lists(cx, p.id, Sheet::of_list(List::Tasks), &out);
    }
    let list = cx.store.tasks(p.id, today())?;
    if let Some(out) = csv {
        return write_csv(
            &cx.target(&out, ExportKind::Csv)?,
            &bansou::files::csv::tasks_csv(&list)?,
            list.len(),
        );
    }
    if json {
        return print_json(&list);
    }
    print_heading(&p);
    out!();
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
    Ok(())
}

#[derive(Args)]
pub(crate) struct IssuesArgs {
    /// 事業のID、または事業名・士会名の一部（例：茨城）
    pub project: String,
    /// JSON で出力する
    #[arg(long)]
    pub json: bool,
    /// Excel で開ける CSV（UTF-8 BOM 付き）に書き出す
    #[arg(long, value_name = "OUT.csv")]
    pub csv: Option<PathBuf>,
    /// Excel のブック（.xlsx）に書き出す：日付は和暦の日付セル、見出しの固定とフィルターつき
    #[arg(long, value_name = "OUT.xlsx")]
    pub xlsx: Option<PathBuf>,
}

pub(crate) fn issues(cx: &mut Cx, a: IssuesArgs) -> Result<()> {
    let IssuesArgs {
        project,
        json,
        csv,
        xlsx,
    } = a;
    let p = cx.store.resolve_project(&project)?;
    if let Some(out) = xlsx {
        return write_lists(cx, p.id, &[Sheet::Issues], &out);
    }
    let list = cx.store.issues(p.id)?;
    if let Some(out) = csv {
        return write_csv(
            &cx.target(&out, ExportKind::Csv)?,
            &bansou::files::csv::issues_csv(&list)?,
            list.len(),
        );
    }
    if json {
        return print_json(&list);
    }
    print_heading(&p);
    if list.is_empty() {
        out!();
        out!("課題・今後の検討事項はまだありません");
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
        out!();
        out!(
            "■ {kind}（{}件、未対応・検討中 {}件）",
            rows.len(),
            list.iter()
                .filter(|i| i.kind == *kind && i.status.is_open())
                .count()
        );
        print_table(&["番号", "状況", "課題", "対応", "元の会議"], &rows);
    }
    Ok(())
}

#[derive(Args)]
pub(crate) struct StakeholdersArgs {
    /// 事業のID、または事業名・士会名の一部（例：山口）
    pub project: String,
    /// JSON で出力する
    #[arg(long)]
    pub json: bool,
    /// Excel で開ける CSV（UTF-8 BOM 付き）に書き出す
    #[arg(long, value_name = "OUT.csv")]
    pub csv: Option<PathBuf>,
    /// Excel のブック（.xlsx）に書き出す：日付は和暦の日付セル、見出しの固定とフィルターつき
    #[arg(long, value_name = "OUT.xlsx")]
    pub xlsx: Option<PathBuf>,
}

pub(crate) fn stakeholders(cx: &mut Cx, a: StakeholdersArgs) -> Result<()> {
    let StakeholdersArgs {
        project,
        json,
        csv,
        xlsx,
    } = a;
    let p = cx.store.resolve_project(&project)?;
    if let Some(out) = xlsx {
        return write_lists(cx, p.id, Sheet::of_list(List::Stakeholders), &out);
    }
    let list = cx.store.stakeholders(p.id)?;
    if let Some(out) = csv {
        return write_csv(
            &cx.target(&out, ExportKind::Csv)?,
            &bansou::files::csv::stakeholders_csv(&list)?,
            list.len(),
        );
    }
    if json {
        return print_json(&list);
    }
    print_heading(&p);
    out!();
    if list.is_empty() {
        out!("関係機関はまだ登録されていません");
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
    Ok(())
}

#[derive(Args)]
pub(crate) struct ArchiveArgs {
    /// 事業のID、または事業名・士会名の一部（例：山口）
    pub project: String,
    /// アーカイブから戻す
    #[arg(long)]
    pub undo: bool,
}

pub(crate) fn archive(cx: &mut Cx, a: ArchiveArgs) -> Result<()> {
    let ArchiveArgs { project, undo } = a;
    let p = cx.store.resolve_project(&project)?;
    if undo {
        cx.store.unarchive_project(p.id)?;
        out!("「{}」をアーカイブから戻しました", p.name);
    } else {
        cx.store.archive_project(p.id)?;
        out!(
            "「{}」をアーカイブしました（記録は残っています。戻すには archive {} --undo）",
            p.name,
            p.id
        );
    }
    Ok(())
}

#[derive(Args)]
pub(crate) struct DeleteArgs {
    /// 事業のID、または事業名・士会名の一部
    pub project: String,
    /// 確認のうえ削除する（付けないと、削除されるものを表示するだけ）
    #[arg(long)]
    pub yes: bool,
}

pub(crate) fn delete(cx: &mut Cx, a: DeleteArgs) -> Result<()> {
    let DeleteArgs { project, yes } = a;
    let p = cx.store.resolve_project(&project)?;
    if !p.archived {
        return Err(Error::Validation(vec![bansou::FieldError::new(
            "project",
            format!(
                "「{}」はアーカイブされていません。先に archive {} を実行してください",
                p.name, p.id
            ),
        )]));
    }
    let what = cx.store.project_deletion(p.id)?;
    if !yes {
        out!(
            "「{}」を完全に削除すると、次の記録が消えます：{}",
            p.name,
            what.summary
        );
        if !what.kept_joint_meetings.is_empty() {
            out!(
                "合同会議（{}）はほかの事業に残ります",
                what.kept_joint_meetings.join("、")
            );
        }
        return Err(Error::Validation(vec![bansou::FieldError::new(
            "yes",
            "削除するには --yes を付けて実行してください（削除の前にバックアップを作ります）",
        )]));
    }
    let gone = cx.store.delete_project(p.id)?;
    out!(
        "「{}」を完全に削除しました：{}（削除前のバックアップは backups フォルダにあります）",
        p.name,
        gone.summary
    );
    Ok(())
}
