//! テキスト分析: which comments an analysis reads, and how (as KH Coder's
//! co-occurrence network: minimum frequency, top edges, parts of speech).

use super::evaluation::{EvalItem, EvaluatorKind};
use super::validate::Checker;
use crate::error::{Error, Result};
use crate::tokenizer::WordClass;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One comment = one document: the words of one item of one evaluation.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CommentDocument {
    #[ts(type = "number")]
    pub evaluation_id: i64,
    pub item: EvalItem,
    pub comment: String,
    pub kind: EvaluatorKind,
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub meeting_title: String,
    pub held_on: NaiveDate,
    pub evaluator: String,
    #[ts(skip)]
    #[serde(skip)]
    pub words: Vec<(String, WordClass)>,
}

/// The form of the テキスト分析 page and the CLI's flags, as typed.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TextFilter {
    /// A meeting, or null for every meeting in scope.
    #[ts(type = "number | null")]
    pub meeting_id: Option<i64>,
    pub from: String,
    pub to: String,
    /// 他者評価, 自己評価, or empty for both.
    pub kind: String,
    /// A–D; empty for all four.
    pub items: Vec<String>,
    /// 最小出現数 (KH Coder's default 2).
    pub min_freq: u32,
    /// Edges kept (KH Coder's default 60; ties at the cut are kept too).
    pub top: u32,
    /// Join each run of nouns into one compound (産業保健総合支援センター). Off by
    /// default, as KH Coder's default and the report's networks (産業・保健).
    #[serde(default)]
    pub compounds: bool,
}

impl Default for TextFilter {
    fn default() -> Self {
        TextFilter {
            meeting_id: None,
            from: String::new(),
            to: String::new(),
            kind: String::new(),
            items: Vec::new(),
            min_freq: 2,
            top: 60,
            compounds: false,
        }
    }
}

/// Which comments: a checked [`TextFilter`] with the project (None: every project).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextScope {
    pub project_id: Option<i64>,
    pub meeting_id: Option<i64>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub kind: Option<EvaluatorKind>,
    pub items: Vec<EvalItem>,
    /// Runs of nouns joined into compounds (off: apart, as KH Coder's default).
    pub compounds: bool,
}

/// How the network is drawn from the words.
#[derive(Debug, Clone, PartialEq)]
pub struct NetworkOptions {
    pub min_freq: u32,
    pub top: usize,
    pub classes: Vec<WordClass>,
    pub stop_words: Vec<String>,
}

impl TextFilter {
    pub fn validate(&self, project_id: Option<i64>) -> Result<(TextScope, u32, usize)> {
        let mut c = Checker::new();
        let from = c.optional_date("from", "期間の始まり", &self.from);
        let to = c.optional_date("to", "期間の終わり", &self.to);
        let kind = if self.kind.trim().is_empty() {
            None
        } else {
            c.choice(
                "kind",
                "評価者の区分",
                &self.kind,
                EvaluatorKind::parse,
                &EvaluatorKind::labels(),
            )
        };
        let mut items = Vec::new();
        for i in &self.items {
            match EvalItem::parse(i) {
                Some(x) => items.push(x),
                None => c.push("items", format!("項目「{i}」はありません（A〜D）")),
            }
        }
        if !(1..=100).contains(&self.min_freq) {
            c.push("min_freq", "最小出現数は1〜100にしてください");
        }
        if !(1..=500).contains(&self.top) {
            c.push("top", "描く共起関係（上位）は1〜500にしてください");
        }
        c.finish(|| {
            (
                TextScope {
                    project_id,
                    meeting_id: self.meeting_id,
                    from,
                    to,
                    kind,
                    items,
                    compounds: self.compounds,
                },
                self.min_freq,
                self.top as usize,
            )
        })
        .map_err(Error::Validation)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_kh_coders_and_bad_values_are_named() {
        let f = TextFilter::default();
        assert_eq!((f.min_freq, f.top), (2, 60));
        let bad = TextFilter {
            kind: "相互評価".into(),
            items: vec!["E".into()],
            min_freq: 0,
            top: 0,
            from: "去年".into(),
            ..Default::default()
        };
        let e = bad.validate(None).unwrap_err();
        let fields: Vec<&str> = e.fields().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["from", "kind", "items", "min_freq", "top"]);
    }
}
