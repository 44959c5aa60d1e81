//! 会議の準備: the one-page A4 handout a supporter reads before a meeting.

use super::layout::{Layout, Pdf};
use crate::analysis::guide::Preparation;

/// Lines per list, so that the handout stays on one page; the rest is counted.
const MAX_LINES: usize = 7;

fn list(l: &mut Layout, heading: &str, lines: &[String], empty: &str) {
    l.subheading(heading);
    if lines.is_empty() {
        l.paragraph(empty, 9.5, false);
        return;
    }
    for line in lines.iter().take(MAX_LINES) {
        l.paragraph(&format!("・{line}"), 9.5, false);
    }
    if lines.len() > MAX_LINES {
        l.paragraph(
            &format!("ほか {} 件（画面で確認できます）", lines.len() - MAX_LINES),
            9.0,
            false,
        );
    }
}

pub fn preparation_pdf(p: &Preparation, created: chrono::DateTime<chrono::Local>) -> Pdf {
    let title = format!("会議の準備：{}", p.meeting.title);
    let mut l = Layout::new(&title, &title);
    l.new_page();
    l.heading(&title);
    l.paragraph(
        &format!(
            "{}｜{}　開催日 {}{}",
            p.project.society,
            p.project.name,
            p.meeting.held_on_label,
            p.previous
                .as_deref()
                .map(|m| format!("　前回 {m}"))
                .unwrap_or_default()
        ),
        9.5,
        false,
    );
    if let Some(phase) = &p.phase {
        l.paragraph(
            &format!(
                "現在のフェーズ {} {}　伴走支援者の役割：{}",
                phase.number, phase.name, phase.supporter_role
            ),
            9.5,
            true,
        );
    }
    list(
        &mut l,
        "議題の案（未完了のタスク・課題）",
        &p.agenda,
        "未完了のタスク・課題はありません",
    );
    list(
        &mut l,
        "前回からの変化",
        &p.changes,
        "記録された変化はありません",
    );
    list(&mut l, "期限を過ぎたもの", &p.overdue, "ありません");
    let resources: Vec<String> = p
        .resources
        .iter()
        .map(|r| format!("{}（{}）— {}", r.resource.title, r.resource.category, r.why))
        .collect();
    list(
        &mut l,
        "このチームにまだ渡していない資料",
        &resources,
        "当てはまる資料はありません",
    );
    let suggestions: Vec<String> = p
        .suggestions
        .iter()
        .map(|s| format!("{}（きっかけ：{}）", s.title, s.trigger))
        .collect();
    list(
        &mut l,
        "次の一歩の候補",
        &suggestions,
        "いまの状況から出る候補はありません",
    );
    l.gap(6.0);
    l.paragraph(
        "伴走者であって指導者ではない：情報や助言の取捨はチームに委ねます（報告書 第2章 第1節）。",
        8.5,
        false,
    );
    l.finish(&title, "", created)
}
