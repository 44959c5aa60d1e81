//! 伴走ガイド: the next steps and the preparation of a meeting.

use crate::output::{print_heading, print_json, say_replaced};
use crate::{today, Cx};
use bansou::files::target::ExportKind;
use bansou::Result;
use clap::Args;
use std::path::PathBuf;

#[derive(Args)]
pub(crate) struct NextArgs {
    /// 事業のID、または事業名・士会名の一部（例：山口）
    pub project: String,
    /// JSON で出力する
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn next(cx: &mut Cx, a: NextArgs) -> Result<()> {
    let NextArgs { project, json } = a;
    let p = cx.store.resolve_project(&project)?;
    let list = bansou::analysis::guide::suggestions(&cx.store, p.id, today())?;
    if json {
        return print_json(&list);
    }
    print_heading(&p);
    if list.is_empty() {
        out!("いまの状況から出る次の一歩の候補はありません");
    }
    for (i, s) in list.iter().enumerate() {
        out!();
        out!("{}. {}", i + 1, s.title);
        out!("   きっかけ：{}", s.trigger);
        out!("   理由：{}", s.reason);
        out!("   出典：{}", s.source);
        out!("   タスクにすると：{}", s.task);
        for r in &s.resources {
            out!("   資料：{}（{}）", r.title, r.category);
        }
    }
    Ok(())
}

#[derive(Args)]
pub(crate) struct PrepareArgs {
    /// 会議のID（meetings で確認できます）
    pub meeting: i64,
    /// 書き出す PDF
    #[arg(long, value_name = "OUT.pdf")]
    pub out: Option<PathBuf>,
    /// 合同会議のとき、どの事業の準備か（省略時は最初の事業）
    #[arg(long)]
    pub project: Option<String>,
    /// JSON で出力する
    #[arg(long)]
    pub json: bool,
}

pub(crate) fn prepare(cx: &mut Cx, a: PrepareArgs) -> Result<()> {
    let PrepareArgs {
        meeting,
        out,
        project,
        json,
    } = a;
    let project = project.map(|q| cx.store.resolve_project(&q)).transpose()?;
    let out = out.map(|o| cx.target(&o, ExportKind::Pdf)).transpose()?;
    let p = bansou::analysis::guide::prepare(&cx.store, meeting, project.map(|p| p.id), today())?;
    if let Some(out) = out {
        let doc = bansou::report::guide::preparation_pdf(&p, chrono::Local::now());
        bansou::files::write_atomically(&out, &doc.bytes)?;
        say_replaced(doc.replaced);
        out!(
            "会議の準備を書き出しました：{}（{} ページ）",
            out.display(),
            doc.pages
        );
        return Ok(());
    }
    if json {
        return print_json(&p);
    }
    print_heading(&p.project);
    out!(
        "会議の準備：{}（{}）",
        p.meeting.title,
        p.meeting.held_on_label
    );
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
            p.suggestions
                .iter()
                .map(|s| format!("{}（{}）", s.title, s.trigger))
                .collect(),
        ),
    ];
    for (heading, lines) in sections {
        out!();
        out!("■ {heading}");
        if lines.is_empty() {
            out!("（なし）");
        }
        for line in lines {
            out!("・{line}");
        }
    }
    Ok(())
}
