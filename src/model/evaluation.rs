//! 伴走支援評価 (表1 【伴走型支援事業評価】): after a meeting the team rates the
//! support (他者評価) and each supporter rates their own (自己評価), on four items.

use super::choice_enum;
use super::validate::Checker;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

choice_enum! {
    EvaluatorKind { Other => "他者評価", SelfRating => "自己評価" }
}

choice_enum! {
    EvalItem { A => "A", B => "B", C => "C", D => "D" }
}

choice_enum! {
    /// The report reads each team's own meetings (図23 茨城, 図24 山口) apart
    /// from the joint 進捗会議 (図25). A meeting of several projects is joint.
    MeetingGroup { Team => "チーム会議など", Joint => "合同の進捗会議", All => "すべて" }
}

choice_enum! {
    /// Whose 他者評価 of a joint 進捗会議 a team's view counts. 図25 pools every
    /// member of both teams who rated it (「合同進捗会議（７名）」); a team may
    /// also look at its own members' alone.
    JointRaters { Both => "両チームの全員", Own => "このチームのメンバー" }
}

impl JointRaters {
    /// What the CLI's `--joint-raters` takes.
    pub fn key(self) -> &'static str {
        match self {
            JointRaters::Both => "both",
            JointRaters::Own => "own",
        }
    }

    /// `both`, `own`, or the Japanese label.
    pub fn from_text(text: &str) -> Option<Self> {
        let t = text.trim();
        Self::ALL
            .iter()
            .copied()
            .find(|g| g.key() == t || g.label() == t)
    }
}

impl MeetingGroup {
    /// The report's split, used wherever no group is chosen.
    pub const SPLIT: [MeetingGroup; 2] = [MeetingGroup::Team, MeetingGroup::Joint];

    /// What the CLI's `--meetings` takes.
    pub fn key(self) -> &'static str {
        match self {
            MeetingGroup::Team => "team",
            MeetingGroup::Joint => "joint",
            MeetingGroup::All => "all",
        }
    }

    /// `team`, `joint`, `all`, or the Japanese label.
    pub fn from_text(text: &str) -> Option<Self> {
        let t = text.trim();
        Self::ALL
            .iter()
            .copied()
            .find(|g| g.key() == t || g.label() == t)
    }

    pub fn contains(self, joint: bool) -> bool {
        match self {
            MeetingGroup::Team => !joint,
            MeetingGroup::Joint => joint,
            MeetingGroup::All => true,
        }
    }
}

impl EvalItem {
    /// The heading of 表1.
    pub fn title(self) -> &'static str {
        match self {
            EvalItem::A => "モデルチーム（当事者）との関係性に関すること",
            EvalItem::B => "活動の推進に関すること",
            EvalItem::C => "現実検討に関すること",
            EvalItem::D => "臨機応変な支援に関すること",
        }
    }

    /// A short name for charts and sentences.
    pub fn short(self) -> &'static str {
        match self {
            EvalItem::A => "関係性",
            EvalItem::B => "活動の推進",
            EvalItem::C => "現実検討",
            EvalItem::D => "臨機応変な支援",
        }
    }

    /// The 〇 points under each item, shown as guidance.
    pub fn points(self) -> &'static [&'static str] {
        match self {
            EvalItem::A => &[
                "チームメンバーへの公平平等な対応",
                "信頼関係の構築",
                "対話（質問・承認・フィードバック）と傾聴を心がけたコミュニケーション",
                "感情や情意の変化に応じた対応",
            ],
            EvalItem::B => &[
                "活動の動機づけ",
                "強みを同定し、活かす",
                "自律性の尊重（安易に解決方法を提示しない）",
            ],
            EvalItem::C => &[
                "有効と思われる情報提供",
                "実現可能性に沿った対応（推論推測に拠らない対応）",
                "支援の自己評価や振り返り",
            ],
            EvalItem::D => &["状況変化に応じた支援", "気づきや発案の活用"],
        }
    }
}

/// 1–4 with the words of 表1.
pub const RATING_LABELS: [&str; 4] = [
    "未対応",
    "対応は不十分であった",
    "ほぼ必要な対応ができた",
    "十分に満足できる対応ができた",
];

/// Guidance for the form, sent once through the catalog.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct EvalItemInfo {
    pub item: EvalItem,
    pub title: String,
    pub short: String,
    pub points: Vec<String>,
}

pub fn item_infos() -> Vec<EvalItemInfo> {
    EvalItem::ALL
        .iter()
        .map(|&i| EvalItemInfo {
            item: i,
            title: i.title().into(),
            short: i.short().into(),
            points: i.points().iter().map(|p| p.to_string()).collect(),
        })
        .collect()
}

/// The form as typed: four scores (null = not chosen) and four comments, A–D.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EvaluationInput {
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub kind: String,
    /// A member, or null for 匿名.
    #[ts(type = "number | null")]
    pub evaluator_id: Option<i64>,
    pub written_on: String,
    /// A–D, 1–4 each (checked here, whatever number the window sends).
    pub scores: Vec<Option<i32>>,
    pub comments: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidEvaluation {
    pub meeting_id: i64,
    pub kind: EvaluatorKind,
    pub evaluator_id: Option<i64>,
    pub written_on: NaiveDate,
    pub scores: [u8; 4],
    pub comments: [String; 4],
}

impl EvaluationInput {
    /// Checks everything that does not need the database (the meeting's date
    /// and the evaluator are checked by the store).
    pub fn validate(&self) -> Result<ValidEvaluation> {
        let mut c = Checker::new();
        let kind = c.choice(
            "kind",
            "評価者の区分",
            &self.kind,
            EvaluatorKind::parse,
            &EvaluatorKind::labels(),
        );
        let written_on = c.date("written_on", "記載日", &self.written_on);
        let mut scores = [0u8; 4];
        let mut comments: [String; 4] = Default::default();
        for (i, item) in EvalItem::ALL.iter().enumerate() {
            let field = format!("score.{item}");
            match self.scores.get(i).copied().flatten() {
                None => c.push(
                    &field,
                    format!("{}（{}）の評価を1〜4から選んでください", item.short(), item),
                ),
                Some(s) if !(1..=4).contains(&s) => c.push(
                    &field,
                    format!(
                        "{}（{}）の評価は1〜4です（{s}は選べません）",
                        item.short(),
                        item
                    ),
                ),
                Some(s) => scores[i] = s as u8,
            }
            let comment = self.comments.get(i).map(String::as_str).unwrap_or("");
            comments[i] = c.long_text(
                &format!("comment.{item}"),
                "コメント",
                comment,
                super::limits::COMMENT,
            );
        }
        c.finish(|| ValidEvaluation {
            meeting_id: self.meeting_id,
            kind: kind.expect("checked"),
            evaluator_id: self.evaluator_id,
            written_on: written_on.expect("checked"),
            scores,
            comments,
        })
        .map_err(Error::Validation)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Evaluation {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub meeting_id: i64,
    pub meeting_title: String,
    pub meeting_kind: super::meeting::MeetingKind,
    pub held_on: NaiveDate,
    /// 令和6年7月16日.
    pub held_on_label: String,
    /// 士会名 of the meeting's project(s), joined with 「・」 for a joint meeting.
    pub projects: String,
    /// The meeting belongs to several projects (合同).
    pub joint: bool,
    pub kind: EvaluatorKind,
    #[ts(type = "number | null")]
    pub evaluator_id: Option<i64>,
    /// The member's name, or 匿名.
    pub evaluator: String,
    pub written_on: NaiveDate,
    pub written_on_label: String,
    /// A–D.
    pub scores: Vec<u8>,
    pub comments: Vec<String>,
}

/// Which evaluations a summary or an export covers.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EvaluationFilter {
    /// Meeting dates from / to (YYYY-MM-DD), or empty.
    pub from: String,
    pub to: String,
    /// 他者評価, 自己評価, or empty for both.
    pub kind: String,
    /// `team`, `joint`, `all` (or their labels); empty for the report's split.
    #[serde(default)]
    pub meetings: String,
    /// A team's view of a joint 進捗会議: `both` (every member of both teams,
    /// as 図25; also when empty) or `own` (this team's members only).
    #[serde(default)]
    pub joint_raters: String,
}

/// A checked [`EvaluationFilter`]; None means no limit.
#[derive(Debug, Clone, PartialEq)]
pub struct EvaluationScope {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub kind: Option<EvaluatorKind>,
    /// None: the report's split (both groups, read apart).
    pub meetings: Option<MeetingGroup>,
    pub joint_raters: JointRaters,
}

impl EvaluationFilter {
    pub fn validate(&self) -> Result<EvaluationScope> {
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
        let meetings = if self.meetings.trim().is_empty() {
            None
        } else {
            let g = MeetingGroup::from_text(&self.meetings);
            if g.is_none() {
                c.push(
                    "meetings",
                    format!(
                        "会議の区分「{}」はありません。team（チーム会議など）・joint（合同の進捗会議）・all（すべて）から選んでください",
                        self.meetings.trim()
                    ),
                );
            }
            g
        };
        let joint_raters = if self.joint_raters.trim().is_empty() {
            Some(JointRaters::Both)
        } else {
            let r = JointRaters::from_text(&self.joint_raters);
            if r.is_none() {
                c.push(
                    "joint_raters",
                    format!(
                        "合同の会議の他者評価「{}」はありません。both（両チームの全員）・own（このチームのメンバー）から選んでください",
                        self.joint_raters.trim().chars().take(20).collect::<String>()
                    ),
                );
            }
            r
        };
        c.finish(|| EvaluationScope {
            from,
            to,
            kind,
            meetings,
            joint_raters: joint_raters.expect("checked"),
        })
        .map_err(Error::Validation)
    }
}

/// An evaluation of a 2024年7月 meeting, for tests of the computations over them.
impl Evaluation {
    /// The form's content for editing this evaluation (表1).
    pub fn to_input(&self) -> EvaluationInput {
        EvaluationInput {
            meeting_id: self.meeting_id,
            kind: self.kind.label().into(),
            evaluator_id: self.evaluator_id,
            written_on: self.written_on.to_string(),
            scores: self.scores.iter().map(|&s| Some(i32::from(s))).collect(),
            comments: self.comments.clone(),
        }
    }
}

#[cfg(test)]
pub(crate) fn sample(
    meeting_id: i64,
    day: u32,
    kind: EvaluatorKind,
    scores: [u8; 4],
) -> Evaluation {
    let held_on = NaiveDate::from_ymd_opt(2024, 7, day).unwrap();
    Evaluation {
        id: 0,
        meeting_id,
        meeting_title: format!("第{meeting_id}回チーム会議"),
        meeting_kind: super::meeting::MeetingKind::Team,
        held_on,
        held_on_label: crate::wareki::date_wareki(held_on),
        projects: "山口県理学療法士会".into(),
        joint: false,
        kind,
        evaluator_id: None,
        evaluator: "匿名".into(),
        written_on: held_on,
        written_on_label: crate::wareki::date_wareki(held_on),
        scores: scores.to_vec(),
        comments: vec![String::new(); 4],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_needs_a_score_from_one_to_four_and_comments_may_be_empty() {
        let input = EvaluationInput {
            meeting_id: 1,
            kind: "".into(),
            evaluator_id: None,
            written_on: "2024-12-09".into(),
            scores: vec![Some(4), None, Some(5), Some(3)],
            comments: vec![],
        };
        let e = input.validate().unwrap_err();
        let fields: Vec<&str> = e.fields().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["kind", "score.B", "score.C"]);
        assert_eq!(
            e.fields()[1].message,
            "活動の推進（B）の評価を1〜4から選んでください"
        );
        let ok = EvaluationInput {
            kind: "自己評価".into(),
            scores: vec![Some(4), Some(3), Some(3), Some(2)],
            ..input
        };
        let d = ok.validate().unwrap();
        assert_eq!(d.scores, [4, 3, 3, 2]);
        assert_eq!(d.comments[3], "");
    }

    #[test]
    fn form_guidance_matches_the_report() {
        assert_eq!(
            EvalItem::B.points()[2],
            "自律性の尊重（安易に解決方法を提示しない）"
        );
        assert_eq!(item_infos().len(), 4);
        assert_eq!(RATING_LABELS[3], "十分に満足できる対応ができた");
    }
}
