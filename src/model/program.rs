//! 事業全体: the program (令和6年度 地域保健総合推進事業) above the teams — who runs
//! it, its people recorded once and assigned to teams, and what the
//! secretariat's dashboard shows of every team.

use super::choice_enum;
use super::member::Role;
use super::validate::Checker;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

choice_enum! {
    /// The program's own people (第1章 第3節: 事業協力者会議, 伴走支援班, 研修会班, 事務局).
    ProgramRole {
        Secretariat => "事務局",
        SupportLeader => "伴走支援班リーダー",
        Supporter => "伴走支援者",
        Training => "研修会班",
        Partner => "事業協力者",
    }
}

impl ProgramRole {
    /// The role a person has on a team's page when assigned to it; None for
    /// those who work at the program level only.
    pub fn team_role(self) -> Option<Role> {
        match self {
            ProgramRole::Secretariat => Some(Role::Secretariat),
            ProgramRole::SupportLeader => Some(Role::SupporterLeader),
            ProgramRole::Supporter => Some(Role::Supporter),
            ProgramRole::Training | ProgramRole::Partner => None,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProgramInput {
    pub name: String,
    pub fiscal_year: i32,
    /// Who carries the program out: the report's 事業受託者 (日本理学療法士協会・
    /// 日本作業療法士協会), not its owner (「本事業の本体である公衆衛生協会」).
    pub organizer: String,
    pub secretariat: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidProgram {
    pub name: String,
    pub fiscal_year: i32,
    pub organizer: String,
    pub secretariat: String,
    pub note: String,
}

impl ProgramInput {
    pub fn validate(&self) -> Result<ValidProgram> {
        let mut c = Checker::new();
        let name = c.text("name", "事業名", &self.name, super::limits::PROGRAM);
        c.fiscal_year("fiscal_year", self.fiscal_year);
        let organizer = c.optional_text(
            "organizer",
            "事業受託者",
            &self.organizer,
            super::limits::AFFILIATION,
        );
        let secretariat = c.optional_text(
            "secretariat",
            "事務局",
            &self.secretariat,
            super::limits::AFFILIATION,
        );
        let note = c.long_text("note", "メモ", &self.note, super::limits::NOTE);
        c.finish(|| ValidProgram {
            name,
            fiscal_year: self.fiscal_year,
            organizer,
            secretariat,
            note,
        })
        .map_err(Error::Validation)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Program {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
    pub fiscal_year: Option<i32>,
    /// 令和6年度.
    pub fiscal_year_label: Option<String>,
    pub organizer: String,
    pub secretariat: String,
    pub note: String,
    /// Its teams in use (archived ones are left out).
    #[ts(type = "number")]
    pub teams: i64,
}

impl Program {
    /// 「令和6年度 地域保健総合推進事業」: the name with its 年度 unless the
    /// name already says it.
    pub fn title(&self) -> String {
        match &self.fiscal_year_label {
            Some(y) if !self.name.contains(y.as_str()) => format!("{}（{y}）", self.name),
            _ => self.name.clone(),
        }
    }

    /// 「事業受託者：…　事務局：…」, a dash for what is not recorded.
    pub fn who_runs_it(&self) -> String {
        let or_dash = |s: &str| {
            if s.is_empty() {
                "—".to_owned()
            } else {
                s.to_owned()
            }
        };
        format!(
            "事業受託者：{}　事務局：{}",
            or_dash(&self.organizer),
            or_dash(&self.secretariat)
        )
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PersonInput {
    pub name: String,
    pub role: String,
    pub affiliation: String,
    pub email: String,
}

impl PersonInput {
    /// Checked as a team member's fields are (the same limits and messages).
    pub fn validate(&self) -> Result<(String, ProgramRole, String, String)> {
        let mut c = Checker::new();
        let role = c.choice(
            "role",
            "役割",
            &self.role,
            ProgramRole::parse,
            &ProgramRole::labels(),
        );
        let member = super::MemberInput {
            name: self.name.clone(),
            role: "メンバー".into(),
            affiliation: self.affiliation.clone(),
            email: self.email.clone(),
        }
        .validate();
        let fields = match &member {
            Err(e) => e.fields().to_vec(),
            Ok(_) => Vec::new(),
        };
        for f in fields {
            c.push(&f.field, f.message);
        }
        c.finish(|| {
            let m = member.expect("checked");
            (m.name, role.expect("checked"), m.affiliation, m.email)
        })
        .map_err(Error::Validation)
    }
}

/// A person as a meeting lists them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PersonRef {
    #[ts(type = "number")]
    pub person_id: i64,
    pub name: String,
    pub role: ProgramRole,
}

/// A team a person is assigned to: their member row there.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Assignment {
    #[ts(type = "number")]
    pub project_id: i64,
    #[ts(type = "number")]
    pub member_id: i64,
    /// 山口県理学療法士会.
    pub society: String,
    pub retired: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Person {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub program_id: i64,
    pub name: String,
    pub role: ProgramRole,
    pub affiliation: String,
    pub email: String,
    pub retired: bool,
    pub assignments: Vec<Assignment>,
}

/// One team on the secretariat's dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct TeamRow {
    #[ts(type = "number")]
    pub project_id: i64,
    pub society: String,
    pub name: String,
    pub theme: super::Theme,
    /// 「3. タスク実行・進捗管理」, or None.
    pub phase: Option<String>,
    pub inner_done: u32,
    pub inner_applicable: u32,
    pub outer_done: u32,
    pub outer_applicable: u32,
    /// Both sides together, 0–100 (the dashboard sorts by it).
    pub completion: u32,
    pub last_meeting: Option<String>,
    pub last_meeting_on: Option<NaiveDate>,
    pub next_meeting: Option<String>,
    pub open_tasks: u32,
    pub overdue_tasks: u32,
    pub open_issues: u32,
    /// Means of A–D over every evaluation of the team.
    pub other_mean: Option<f64>,
    pub self_mean: Option<f64>,
    /// 他者−自己 (mean of A–D) at the latest meeting where both were written.
    pub latest_gap: Option<f64>,
    /// 他者評価's mean (A–D) per evaluated meeting, oldest first.
    pub trend: Vec<f64>,
    /// The strength with the lowest mean in the latest rating: (axis, mean).
    pub weakest_strength: Option<String>,
    pub warnings: Vec<String>,
    /// When this PC last took the team's bundle in (the secretariat's copy).
    pub bundle_imported_at: Option<String>,
}

/// A person's work across the program.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SupporterWork {
    #[ts(type = "number")]
    pub person_id: i64,
    pub name: String,
    pub role: ProgramRole,
    pub teams: Vec<String>,
    pub meetings_attended: u32,
    pub evaluations_written: u32,
}

/// Days without a meeting after which the dashboard warns.
pub const QUIET_DAYS: i64 = 45;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_says_the_year_once() {
        let mut p = Program {
            id: 1,
            name: "令和6年度 地域保健総合推進事業".into(),
            fiscal_year: Some(2024),
            fiscal_year_label: Some("令和6年度".into()),
            organizer: String::new(),
            secretariat: String::new(),
            note: String::new(),
            teams: 0,
        };
        assert_eq!(p.title(), "令和6年度 地域保健総合推進事業");
        p.name = "地域保健総合推進事業".into();
        assert_eq!(p.title(), "地域保健総合推進事業（令和6年度）");
        p.organizer = "日本理学療法士協会".into();
        assert_eq!(p.who_runs_it(), "事業受託者：日本理学療法士協会　事務局：—");
    }

    #[test]
    fn roles_map_to_team_roles_only_where_a_team_has_them() {
        assert_eq!(
            ProgramRole::SupportLeader.team_role(),
            Some(Role::SupporterLeader)
        );
        assert_eq!(ProgramRole::Supporter.team_role(), Some(Role::Supporter));
        assert_eq!(ProgramRole::Partner.team_role(), None);
    }

    #[test]
    fn a_person_is_checked_like_a_member() {
        let e = PersonInput {
            name: " ".into(),
            role: "班長".into(),
            affiliation: String::new(),
            email: "a@b".into(),
        }
        .validate()
        .unwrap_err();
        let f: Vec<&str> = e.fields().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(f, ["role", "name", "email"]);
        let bad = ProgramInput {
            name: String::new(),
            fiscal_year: 1999,
            ..Default::default()
        }
        .validate()
        .unwrap_err();
        assert_eq!(bad.fields().len(), 2);
    }
}
