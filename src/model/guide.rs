//! 伴走ガイド: the supporter's practices (図12), the rules that suggest 次の一歩,
//! and the reflection a supporter fills after a meeting. Defaults ship in
//! assets/templates/guide.toml; a society's edits are stored by key and win.

use super::choice_enum;
use super::evaluation::EvalItem;
use super::limits::{GUIDE_TEXT, GUIDE_TITLE, SHORT_NOTE};
use super::resource::Resource;
use super::validate::Checker;
use crate::error::Result;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use ts_rs::TS;

choice_enum! {
    /// When in the accompaniment a practice belongs (図12).
    Timing { Start => "初動時", Running => "進行中", Throughout => "全体" }
}

choice_enum! {
    /// What the library can compute from a project's state; a rule picks one
    /// and a number to compare with.
    Condition {
        FewMembers => "few_members",
        NoFirstMeeting => "no_first_meeting",
        OuterNotStarted => "outer_not_started",
        NoMeeting => "no_meeting",
        WeakestAxisRepeated => "weakest_axis_repeated",
        GapAbove => "gap_above",
        TrainingWithoutSurvey => "training_without_survey",
        OverdueTasks => "overdue_tasks",
    }
}

/// A condition as the rule editor offers it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ConditionChoice {
    pub condition: Condition,
    pub name: String,
    /// What the number means: 「フェーズ」「日」「回」「差」「件」, or empty.
    pub unit: String,
}

impl Condition {
    pub fn choices() -> Vec<ConditionChoice> {
        Condition::ALL
            .iter()
            .map(|&c| {
                let (name, unit) = match c {
                    Condition::FewMembers => ("メンバーが少ない", "人未満"),
                    Condition::NoFirstMeeting => ("会議がまだない", ""),
                    Condition::OuterNotStarted => ("外向きの項目が未着手", "フェーズ以下"),
                    Condition::NoMeeting => ("会議の間があいた", "日"),
                    Condition::WeakestAxisRepeated => ("同じ強みが続けて最も低い", "回"),
                    Condition::GapAbove => ("他者評価と自己評価の差", "ポイント"),
                    Condition::TrainingWithoutSurvey => ("アンケートのない研修会", ""),
                    Condition::OverdueTasks => ("期限を過ぎたタスク", "件以上"),
                };
                ConditionChoice {
                    condition: c,
                    name: name.into(),
                    unit: unit.into(),
                }
            })
            .collect()
    }

    /// What the condition means, with `value` in its place, for the rule editor.
    pub fn describe(self, value: f64, item: Option<EvalItem>) -> String {
        let n = value_text(value);
        match self {
            Condition::FewMembers => format!("チームのメンバーが{n}人未満"),
            Condition::NoFirstMeeting => "会議が1回も登録されていない（予定も含めて）".into(),
            Condition::OuterNotStarted => {
                format!("フェーズ{n}以下（または未設定）で、外向きの項目に未着手がある")
            }
            Condition::NoMeeting => {
                format!("最後の会議から{n}日を過ぎ、次の会議が決まっていない")
            }
            Condition::WeakestAxisRepeated => {
                format!("同じ強みが直近{n}回の強み分析で続けて最も低い")
            }
            Condition::GapAbove => format!(
                "直近の評価で、{}の他者評価と自己評価の差が{n}を超える",
                item.unwrap_or(EvalItem::D).short()
            ),
            Condition::TrainingWithoutSurvey => "研修会にアンケートがない".into(),
            Condition::OverdueTasks => format!("期限を過ぎたタスクが{n}件以上ある"),
        }
    }

    /// The number a rule of this condition may take.
    fn range(self) -> (f64, f64) {
        match self {
            Condition::FewMembers => (1.0, 50.0),
            Condition::NoFirstMeeting => (0.0, 0.0),
            Condition::OuterNotStarted => (1.0, 5.0),
            Condition::NoMeeting => (1.0, 365.0),
            Condition::WeakestAxisRepeated => (1.0, 10.0),
            Condition::GapAbove => (0.0, 3.0),
            Condition::TrainingWithoutSurvey => (0.0, 0.0),
            Condition::OverdueTasks => (1.0, 100.0),
        }
    }
}

fn value_text(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v}")
    }
}

choice_enum! {
    /// How far a practice was used at one meeting.
    PracticeUse { Done => "実施", Partly => "一部", NotThisTime => "今回はなし" }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Practice {
    pub key: String,
    pub timing: Timing,
    /// ①〜⑥ for the report's numbered practices, empty otherwise.
    #[serde(default)]
    pub mark: String,
    pub text: String,
    #[serde(default = "yes")]
    pub active: bool,
    /// True when the society changed it or added it.
    #[serde(default)]
    pub custom: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Rule {
    pub key: String,
    pub condition: Condition,
    #[serde(default)]
    pub item: Option<EvalItem>,
    pub value: f64,
    pub title: String,
    pub reason: String,
    pub source: String,
    /// The task a suggestion becomes.
    pub task: String,
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub custom: bool,
    /// The condition in words, with its number.
    #[serde(default)]
    pub when: String,
}

/// Resources of these 提供資料 categories fit a weak 強み (or open 外向き items).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Fit {
    pub axis: String,
    pub categories: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct GuideTemplate {
    pub practice: Vec<Practice>,
    pub rule: Vec<Rule>,
    pub fit: Vec<Fit>,
}

pub(crate) fn parse_template(text: &str) -> std::result::Result<GuideTemplate, String> {
    let mut t: GuideTemplate =
        super::parse_toml(text).map_err(|e: toml::de::Error| e.to_string())?;
    for r in &mut t.rule {
        r.when = r.condition.describe(r.value, r.item);
    }
    let mut keys = std::collections::BTreeSet::new();
    for k in t
        .practice
        .iter()
        .map(|p| &p.key)
        .chain(t.rule.iter().map(|r| &r.key))
    {
        if !keys.insert(k.clone()) {
            return Err(format!("key「{k}」が重複しています"));
        }
    }
    Ok(t)
}

/// The shipped practices, rules and fits.
pub fn template() -> &'static GuideTemplate {
    static T: OnceLock<GuideTemplate> = OnceLock::new();
    T.get_or_init(|| {
        parse_template(include_str!("../../assets/templates/guide.toml"))
            .expect("assets/templates/guide.toml is checked by a unit test")
    })
}

/// A practice as the editor sends it; `key` empty for a new one.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PracticeInput {
    pub key: String,
    pub timing: String,
    pub mark: String,
    pub text: String,
    pub active: bool,
}

impl PracticeInput {
    pub fn validate(&self) -> Result<Practice> {
        let mut c = Checker::new();
        let timing = c.choice(
            "timing",
            "時期",
            &self.timing,
            Timing::parse,
            &Timing::labels(),
        );
        let mark = c.optional_text("mark", "番号", &self.mark, 4);
        let text = c.text("text", "実践", &self.text, GUIDE_TEXT);
        c.finish(|| Practice {
            key: self.key.trim().to_owned(),
            timing: timing.expect("checked"),
            mark,
            text,
            active: self.active,
            custom: true,
        })
        .map_err(crate::Error::Validation)
    }
}

/// A rule as the editor sends it; `key` empty for a society's new rule.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RuleInput {
    pub key: String,
    pub condition: String,
    /// A–D for gap_above, empty otherwise.
    pub item: String,
    pub value: String,
    pub title: String,
    pub reason: String,
    pub source: String,
    pub task: String,
    pub enabled: bool,
}

impl RuleInput {
    pub fn validate(&self) -> Result<Rule> {
        let mut c = Checker::new();
        let condition = c.choice(
            "condition",
            "条件",
            &self.condition,
            Condition::parse,
            &Condition::labels(),
        );
        let item = if self.item.trim().is_empty() {
            None
        } else {
            c.choice(
                "item",
                "評価項目",
                &self.item,
                EvalItem::parse,
                &EvalItem::labels(),
            )
        };
        let value = match crate::wareki::half_width(self.value.trim()).parse::<f64>() {
            Ok(v) if v.is_finite() => Some(v),
            _ if self.value.trim().is_empty() => Some(0.0),
            _ => {
                c.push(
                    "value",
                    format!("数値「{}」を読めません", self.value.trim()),
                );
                None
            }
        };
        if let (Some(cond), Some(v)) = (condition, value) {
            let (lo, hi) = cond.range();
            if v < lo || v > hi {
                c.push(
                    "value",
                    format!("この条件の数値は{}〜{}です", value_text(lo), value_text(hi)),
                );
            }
        }
        let title = c.text("title", "提案", &self.title, GUIDE_TITLE);
        let reason = c.long_text("reason", "理由", &self.reason, GUIDE_TEXT);
        let source = c.text("source", "出典", &self.source, GUIDE_TITLE);
        let task = c.text("task", "タスク名", &self.task, super::limits::TASK_TITLE);
        c.finish(|| {
            let condition = condition.expect("checked");
            let value = value.expect("checked");
            Rule {
                key: self.key.trim().to_owned(),
                when: condition.describe(value, item),
                condition,
                item,
                value,
                title,
                reason,
                source,
                task,
                enabled: self.enabled,
                custom: true,
            }
        })
        .map_err(crate::Error::Validation)
    }
}

/// One suggestion: what, why now (the state that triggered it), where the
/// idea comes from, and the task it would become.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Suggestion {
    pub rule_key: String,
    pub title: String,
    /// The state that triggered it: 「フェーズ2で、外向き8項目のうち5項目が未着手（③④⑤⑥⑧）」.
    pub trigger: String,
    pub reason: String,
    pub source: String,
    pub task: String,
    /// Identifies the trigger's state; a dismissal holds until it changes.
    pub fingerprint: String,
    /// 提供資料 not yet given to this team that fit (for the weak-strength rule).
    pub resources: Vec<Resource>,
}

/// A suggestion the team set aside, or took as a task.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Dismissal {
    pub rule_key: String,
    pub fingerprint: String,
    pub reason: String,
    pub dismissed_on: NaiveDate,
    #[ts(type = "number | null")]
    pub task_id: Option<i64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DismissInput {
    pub rule_key: String,
    pub fingerprint: String,
    pub reason: String,
}

impl DismissInput {
    pub fn validate(&self) -> Result<DismissInput> {
        let mut c = Checker::new();
        let reason = c.required_long_text("reason", "見送る理由", &self.reason, SHORT_NOTE);
        if self.rule_key.trim().is_empty() || self.fingerprint.trim().is_empty() {
            c.push(
                "rule_key",
                "どの提案かわかりません。画面を開き直してください",
            );
        }
        c.finish(|| DismissInput {
            rule_key: self.rule_key.trim().to_owned(),
            fingerprint: self.fingerprint.trim().to_owned(),
            reason,
        })
        .map_err(crate::Error::Validation)
    }
}

/// A supporter's reflection on one meeting: one entry per practice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReflectionEntry {
    pub practice_key: String,
    /// Empty when not answered.
    pub state: String,
    pub note: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReflectionInput {
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub member_id: i64,
    pub entries: Vec<ReflectionEntry>,
}

impl ReflectionInput {
    /// Checks each entry against the practices that exist; unanswered entries
    /// are dropped (the form shows every practice).
    pub fn validate(&self, practices: &[Practice]) -> Result<Vec<(String, PracticeUse, String)>> {
        let mut c = Checker::new();
        let mut out = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for (i, e) in self.entries.iter().enumerate() {
            let field = format!("entries.{i}");
            if !seen.insert(e.practice_key.as_str()) {
                c.push(&field, format!("実践「{}」が2回あります", e.practice_key));
                continue;
            }
            let Some(p) = practices.iter().find(|p| p.key == e.practice_key) else {
                c.push(&field, format!("実践「{}」はありません", e.practice_key));
                continue;
            };
            let note = c.long_text(&field, "メモ", &e.note, SHORT_NOTE);
            if e.state.trim().is_empty() {
                if !note.is_empty() {
                    c.push(&field, format!("「{}」の実施状況を選んでください", p.text));
                }
                continue;
            }
            let label = format!("「{}」の実施状況", p.text);
            if let Some(state) = c.choice(
                &field,
                &label,
                &e.state,
                PracticeUse::parse,
                &PracticeUse::labels(),
            ) {
                out.push((p.key.clone(), state, note));
            }
        }
        c.finish(|| out).map_err(crate::Error::Validation)
    }
}

/// One supporter's reflection on one meeting, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Reflection {
    #[ts(type = "number")]
    pub meeting_id: i64,
    #[ts(type = "number")]
    pub member_id: i64,
    pub member_name: String,
    pub entries: Vec<ReflectionEntry>,
}

/// Over a project's meetings: how often each practice was used.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PracticeUsage {
    pub practice_key: String,
    pub mark: String,
    pub text: String,
    pub timing: Timing,
    pub done: u32,
    pub partly: u32,
    pub not_this_time: u32,
    /// Meeting titles, in order, where it was 実施 or 一部.
    pub meetings: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_holds_the_report_s_practices_and_eight_rules() {
        let t = template();
        let texts: Vec<_> = t
            .practice
            .iter()
            .map(|p| format!("{}{}", p.mark, p.text))
            .collect();
        assert_eq!(texts.len(), 9);
        assert_eq!(texts[0], "①活動の到達目標の設定や活動遂行の後押し");
        assert_eq!(texts[5], "⑥活動展開における工夫や実現可能性検討");
        assert_eq!(texts[8], "活用できる資料は惜しみなくタイムリーに提供");
        assert_eq!(t.rule.len(), 8);
        for c in Condition::ALL {
            assert!(
                t.rule.iter().any(|r| r.condition == *c),
                "{c} has a default rule"
            );
        }
        assert!(t.rule.iter().all(|r| r.source.starts_with("報告書")));
        assert!(t
            .fit
            .iter()
            .any(|f| f.axis == "財力" && f.categories.contains(&"補助金".into())));
    }

    #[test]
    fn a_duplicate_key_is_refused() {
        let text = include_str!("../../assets/templates/guide.toml")
            .replace("key = \"voices\"", "key = \"goal\"");
        assert!(parse_template(&text).unwrap_err().contains("goal"));
    }

    #[test]
    fn a_rule_s_number_is_checked_for_its_condition() {
        let input = RuleInput {
            condition: "no_meeting".into(),
            value: "０".into(),
            title: "会議".into(),
            source: "士会の独自ルール".into(),
            task: "日程を決める".into(),
            ..Default::default()
        };
        let e = input.validate().unwrap_err();
        assert!(e.fields()[0].message.contains("1〜365"), "{e:?}");
        let ok = RuleInput {
            value: "４５".into(),
            ..input
        }
        .validate()
        .unwrap();
        assert_eq!(
            ok.when,
            "最後の会議から45日を過ぎ、次の会議が決まっていない"
        );
    }

    #[test]
    fn a_reflection_names_the_practice_it_cannot_read() {
        let practices = &template().practice;
        let input = ReflectionInput {
            meeting_id: 1,
            member_id: 1,
            entries: vec![
                ReflectionEntry {
                    practice_key: "goal".into(),
                    state: "実施".into(),
                    note: String::new(),
                },
                ReflectionEntry {
                    practice_key: "voices".into(),
                    state: "たぶん".into(),
                    note: String::new(),
                },
                ReflectionEntry {
                    practice_key: "praise".into(),
                    state: String::new(),
                    note: String::new(),
                },
            ],
        };
        let e = input.validate(practices).unwrap_err();
        assert!(
            e.fields()[0].message.contains("参加者全ての発言を引き出す"),
            "{e:?}"
        );
        let mut fixed = input.clone();
        fixed.entries[1].state = "一部".into();
        let ok = fixed.validate(practices).unwrap();
        assert_eq!(ok.len(), 2, "the unanswered one is not stored");
    }
}
