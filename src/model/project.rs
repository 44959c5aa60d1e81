//! 事業 (a society's project): who runs it, on what theme, for whom, when.

use super::choice_enum;
use super::phase::Phase;
use super::validate::Checker;
use crate::error::{Error, Result};
use crate::wareki;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const PREFECTURES: [&str; 47] = [
    "北海道",
    "青森県",
    "岩手県",
    "宮城県",
    "秋田県",
    "山形県",
    "福島県",
    "茨城県",
    "栃木県",
    "群馬県",
    "埼玉県",
    "千葉県",
    "東京都",
    "神奈川県",
    "新潟県",
    "富山県",
    "石川県",
    "福井県",
    "山梨県",
    "長野県",
    "岐阜県",
    "静岡県",
    "愛知県",
    "三重県",
    "滋賀県",
    "京都府",
    "大阪府",
    "兵庫県",
    "奈良県",
    "和歌山県",
    "鳥取県",
    "島根県",
    "岡山県",
    "広島県",
    "山口県",
    "徳島県",
    "香川県",
    "愛媛県",
    "高知県",
    "福岡県",
    "佐賀県",
    "長崎県",
    "熊本県",
    "大分県",
    "宮崎県",
    "鹿児島県",
    "沖縄県",
];

choice_enum! {
    /// 職種 of the society; 合同 for a joint project of several societies.
    Profession { Pt => "PT", Ot => "OT", St => "ST", Joint => "合同" }
}

/// 士会名: 山口県 + PT → 山口県理学療法士会.
pub fn society_name(prefecture: &str, profession: Profession) -> String {
    format!("{prefecture}{}", profession.society_suffix())
}

impl Profession {
    /// The society's usual name ending: 山口県 + PT → 山口県理学療法士会.
    pub fn society_suffix(self) -> &'static str {
        match self {
            Profession::Pt => "理学療法士会",
            Profession::Ot => "作業療法士会",
            Profession::St => "言語聴覚士会",
            Profession::Joint => "リハビリテーション専門職団体（合同）",
        }
    }
}

choice_enum! {
    Theme {
        LowBackPain => "腰痛予防",
        Falls => "転倒予防",
        MentalHealth => "メンタルヘルス不調",
        Lifestyle => "生活習慣病予防",
        Other => "その他",
    }
}

choice_enum! {
    /// 対象: whom the project serves.
    Target { Company => "企業", Municipality => "自治体", Residents => "住民", Other => "その他" }
}

/// What the project form sends: every field as typed, so nothing is lost when
/// validation fails and the form is shown again.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProjectInput {
    pub name: String,
    /// 事業プログラム, e.g. 「令和6年度 地域保健総合推進事業」; may be empty.
    pub program: String,
    pub prefecture: String,
    pub profession: String,
    pub theme: String,
    pub target: String,
    pub start_date: String,
    pub end_date: String,
    pub goal: String,
}

/// A validated project, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidProject {
    pub name: String,
    pub program: Option<String>,
    pub prefecture: String,
    pub profession: Profession,
    pub theme: Theme,
    pub target: Target,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub goal: String,
}

impl ProjectInput {
    pub fn validate(&self) -> Result<ValidProject> {
        let mut c = Checker::new();
        let name = c.text("name", "事業名", &self.name, super::limits::PROJECT_NAME);
        let program = c.optional_text(
            "program",
            "事業プログラム",
            &self.program,
            super::limits::PROGRAM,
        );
        let prefectures: Vec<String> = PREFECTURES.iter().map(|p| p.to_string()).collect();
        let prefecture = c.choice(
            "prefecture",
            "都道府県",
            &self.prefecture,
            |p| {
                PREFECTURES
                    .iter()
                    .find(|&&x| x == p.trim())
                    .map(|x| x.to_string())
            },
            &prefectures,
        );
        let profession = c.choice(
            "profession",
            "職種",
            &self.profession,
            Profession::parse,
            &Profession::labels(),
        );
        let theme = c.choice(
            "theme",
            "テーマ",
            &self.theme,
            Theme::parse,
            &Theme::labels(),
        );
        let target = c.choice(
            "target",
            "対象",
            &self.target,
            Target::parse,
            &Target::labels(),
        );
        let start = c.date("start_date", "開始日", &self.start_date);
        let end = c.date("end_date", "終了日", &self.end_date);
        if let (Some(s), Some(e)) = (start, end) {
            if e < s {
                c.push(
                    "end_date",
                    "終了日は開始日と同じか、それより後の日付にしてください",
                );
            }
        }
        let goal = c.long_text("goal", "目標", &self.goal, super::limits::GOAL);
        c.finish(|| ValidProject {
            name,
            program: (!program.is_empty()).then_some(program),
            prefecture: prefecture.expect("checked"),
            profession: profession.expect("checked"),
            theme: theme.expect("checked"),
            target: target.expect("checked"),
            start_date: start.expect("checked"),
            end_date: end.expect("checked"),
            goal,
        })
        .map_err(Error::Validation)
    }
}

/// A stored project as the window and the CLI show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Project {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub program: Option<String>,
    /// The program (事業全体) it belongs to, when it has one.
    #[ts(type = "number | null")]
    pub program_id: Option<i64>,
    pub prefecture: String,
    pub profession: Profession,
    /// 士会名, derived: 山口県理学療法士会.
    pub society: String,
    pub theme: Theme,
    pub target: Target,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    /// 年度 of the start date (2024), and in 和暦: 令和6年度.
    pub fiscal_year: i32,
    pub fiscal_year_label: String,
    /// 期間 in 和暦: 令和6年6月1日〜令和7年3月31日.
    pub period_label: String,
    pub goal: String,
    /// The first リーダー's name, for lists that show 〇 beside it.
    pub leader: Option<String>,
    /// The current phase of 図7, once the team has set one.
    pub phase: Option<Phase>,
    /// Archived (削除 in the window): hidden from lists, restorable from 設定.
    pub archived: bool,
    /// Whose record this is on this PC: the team's own, a partner team's
    /// (from a program or a shared meeting), or a team that sent this PC an
    /// evaluation request (評価依頼) — shown as that request, not as a project.
    pub origin: Origin,
}

choice_enum! {
    /// Where a project's record on this PC comes from.
    Origin { Here => "here", Partner => "partner", Request => "request" }
}

/// What deleting an archived project for good removes, counted for the dialog.
#[derive(Debug, Clone, PartialEq, Default, Serialize, TS)]
#[ts(export)]
pub struct ProjectDeletion {
    pub meetings: u32,
    pub evaluations: u32,
    pub tasks: u32,
    pub issues: u32,
    pub checklist_items: u32,
    pub strength_sessions: u32,
    pub stakeholders: u32,
    pub resources: u32,
    pub members: u32,
    /// Joint meetings that stay with the other projects (only this project's
    /// link and its people's evaluations go).
    pub kept_joint_meetings: Vec<String>,
    /// 「会議 8件・評価 32件・タスク 12件…」.
    pub summary: String,
}

impl ProjectDeletion {
    pub fn with_summary(mut self) -> Self {
        let parts = [
            ("会議", self.meetings),
            ("評価", self.evaluations),
            ("タスク", self.tasks),
            ("課題", self.issues),
            ("準備チェック項目", self.checklist_items),
            ("強み分析の評価", self.strength_sessions),
            ("関係機関", self.stakeholders),
            ("提供資料", self.resources),
            ("メンバー", self.members),
        ];
        let text: Vec<String> = parts
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(what, n)| format!("{what} {n}件"))
            .collect();
        self.summary = if text.is_empty() {
            "記録はありません".into()
        } else {
            text.join("・")
        };
        self
    }
}

impl Project {
    pub(crate) fn from_draft(
        id: i64,
        d: ValidProject,
        leader: Option<String>,
        phase: Option<u8>,
        archived: bool,
    ) -> Self {
        Project {
            id,
            program_id: None,
            archived,
            origin: Origin::Here,
            phase: phase.and_then(super::phase::phase).cloned(),
            society: society_name(&d.prefecture, d.profession),
            fiscal_year: wareki::fiscal_year(d.start_date),
            fiscal_year_label: wareki::fiscal_year_wareki(wareki::fiscal_year(d.start_date)),
            period_label: wareki::period_wareki(d.start_date, d.end_date),
            name: d.name,
            program: d.program,
            prefecture: d.prefecture,
            profession: d.profession,
            theme: d.theme,
            target: d.target,
            start_date: d.start_date,
            end_date: d.end_date,
            goal: d.goal,
            leader,
        }
    }

    /// The form's content for editing this project.
    pub fn to_input(&self) -> ProjectInput {
        ProjectInput {
            name: self.name.clone(),
            program: self.program.clone().unwrap_or_default(),
            prefecture: self.prefecture.clone(),
            profession: self.profession.label().into(),
            theme: self.theme.label().into(),
            target: self.target.label().into(),
            start_date: self.start_date.to_string(),
            end_date: self.end_date.to_string(),
            goal: self.goal.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ProjectInput {
        ProjectInput {
            name: "腰痛予防事業".into(),
            program: "令和6年度 地域保健総合推進事業".into(),
            prefecture: "山口県".into(),
            profession: "PT".into(),
            theme: "腰痛予防".into(),
            target: "企業".into(),
            start_date: "2024-06-01".into(),
            end_date: "2025-03-31".into(),
            goal: "".into(),
        }
    }

    fn fields(e: Error) -> Vec<String> {
        e.fields().iter().map(|f| f.field.clone()).collect()
    }

    #[test]
    fn valid_input_gives_a_draft() {
        let d = input().validate().unwrap();
        assert_eq!(d.profession, Profession::Pt);
        assert_eq!(d.program.as_deref(), Some("令和6年度 地域保健総合推進事業"));
        let p = Project::from_draft(1, d, None, Some(2), false);
        assert_eq!(p.phase.as_ref().unwrap().name, "チーム構成");
        assert_eq!(p.society, "山口県理学療法士会");
        assert_eq!(p.fiscal_year_label, "令和6年度");
        assert_eq!(p.period_label, "令和6年6月1日〜令和7年3月31日");
        assert_eq!(p.to_input().start_date, "2024-06-01");
    }

    #[test]
    fn empty_name_and_reversed_dates_are_reported_together() {
        let mut i = input();
        i.name = "  ".into();
        i.end_date = "2024-05-31".into();
        let e = i.validate().unwrap_err();
        assert_eq!(fields(e), vec!["name", "end_date"]);
        i.name = "x".into();
        let e = i.validate().unwrap_err();
        assert!(e.fields()[0].message.contains("開始日"), "{:?}", e.fields());
    }

    #[test]
    fn unknown_choices_are_named_in_japanese() {
        let mut i = input();
        i.prefecture = "山口".into();
        i.profession = "医師".into();
        i.theme = "".into();
        let e = i.validate().unwrap_err();
        assert_eq!(fields(e), vec!["prefecture", "profession", "theme"]);
        let e = i.validate().unwrap_err();
        assert!(e.fields()[0]
            .message
            .contains("都道府県「山口」は選べません"));
        assert_eq!(e.fields()[2].message, "テーマを選んでください");
    }

    #[test]
    fn dates_must_be_real_and_plausible() {
        let mut i = input();
        i.start_date = "2024-02-30".into();
        i.end_date = "1900-01-01".into();
        let e = i.validate().unwrap_err();
        assert!(e.fields()[0].message.contains("正しい日付"));
        assert!(e.fields()[1].message.contains("2000年から2099年"));
    }

    #[test]
    fn all_47_prefectures_are_distinct() {
        let mut v = PREFECTURES.to_vec();
        v.sort();
        v.dedup();
        assert_eq!(v.len(), 47);
    }
}
