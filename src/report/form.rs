//! 表1 【伴走型支援事業評価】 on A4: blank, to fill by hand, or filled from a record.

use super::layout::{Layout, BODY_W, MARGIN};
use crate::chart::Color;
use crate::model::evaluation::{EvalItem, Evaluation, EvaluatorKind, RATING_LABELS};
use crate::wareki;

fn check(on: bool) -> &'static str {
    if on {
        "■"
    } else {
        "□"
    }
}

/// The form; `filled` prints one evaluation's answers into it.
pub fn evaluation_form(
    filled: Option<&Evaluation>,
    created: chrono::DateTime<chrono::Local>,
) -> super::layout::Pdf {
    let title = "伴走型支援事業評価";
    let mut l = Layout::new(title, "【伴走型支援事業評価】");
    l.new_page();
    l.gap(6.0);
    let w = l.fonts.width("【伴走型支援事業評価】", 16.0, true);
    l.text_at(
        MARGIN + (BODY_W - w) / 2.0,
        l.cursor(),
        "【伴走型支援事業評価】",
        16.0,
        true,
        Color::BLACK,
    );
    l.gap(26.0);
    let kind = filled.map(|e| e.kind);
    let header = [
        format!(
            "評価者：　{} 他者評価　　{} 自己評価　　氏名：{}",
            check(kind == Some(EvaluatorKind::Other)),
            check(kind == Some(EvaluatorKind::SelfRating)),
            filled
                .map(|e| e.evaluator.clone())
                .unwrap_or_else(|| "＿＿＿＿＿＿＿＿".into())
        ),
        format!(
            "モデルチーム会議日（含む進捗会議）：{}　　記載日：{}",
            filled
                .map(|e| format!("{}（{}）", wareki::date_wareki(e.held_on), e.meeting_title))
                .unwrap_or_else(|| "令和　　年　　月　　日".into()),
            filled
                .map(|e| wareki::date_wareki(e.written_on))
                .unwrap_or_else(|| "令和　　年　　月　　日".into())
        ),
    ];
    for h in header {
        l.paragraph(&h, 10.5, false);
    }
    l.gap(4.0);
    let scale: Vec<String> = RATING_LABELS
        .iter()
        .enumerate()
        .map(|(i, s)| format!("{}:{}", i + 1, s))
        .collect();
    l.paragraph(&format!("評価　{}", scale.join("　")), 9.0, false);
    l.gap(6.0);
    for (i, item) in EvalItem::ALL.iter().enumerate() {
        let box_top = l.cursor();
        l.paragraph_at(
            MARGIN + 8.0,
            BODY_W - 16.0,
            &format!("{}　{}", item, item.title()),
            11.0,
            true,
            Color::BLACK,
        );
        let points: Vec<String> = item.points().iter().map(|p| format!("〇{p}")).collect();
        l.paragraph_at(
            MARGIN + 16.0,
            BODY_W - 24.0,
            &points.join("　"),
            9.0,
            false,
            Color::TEXT_SUB,
        );
        let score = filled.and_then(|e| e.scores.get(i).copied());
        let choices: Vec<String> = (1..=4u8)
            .map(|n| format!("{} {}", check(score == Some(n)), n))
            .collect();
        l.paragraph_at(
            MARGIN + 16.0,
            BODY_W - 24.0,
            &format!("評価：　{}", choices.join("　　")),
            11.0,
            false,
            Color::BLACK,
        );
        l.paragraph_at(
            MARGIN + 16.0,
            BODY_W - 24.0,
            "コメント：",
            9.5,
            false,
            Color::BLACK,
        );
        match filled
            .and_then(|e| e.comments.get(i))
            .filter(|c| !c.is_empty())
        {
            Some(c) => {
                l.paragraph_at(MARGIN + 24.0, BODY_W - 32.0, c, 10.0, false, Color::BLACK);
                l.gap(10.0);
            }
            None => {
                for _ in 0..3 {
                    l.gap(20.0);
                    let y = l.cursor();
                    l.line(
                        MARGIN + 24.0,
                        y,
                        MARGIN + BODY_W - 16.0,
                        y,
                        0.4,
                        Color(0x99, 0x99, 0x99),
                    );
                }
                l.gap(8.0);
            }
        }
        let h = box_top - l.cursor();
        l.rect(MARGIN, box_top, BODY_W, h, 0.8);
        l.gap(8.0);
    }
    l.finish(
        title,
        filled.map(|e| e.evaluator.as_str()).unwrap_or(""),
        created,
    )
}
