//! チームメンバー: the project team, its leader (〇) and the people around it.

use super::choice_enum;
use super::validate::Checker;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

choice_enum! {
    Role {
        Leader => "リーダー",
        Member => "メンバー",
        Supporter => "伴走支援者",
        SupporterLeader => "伴走支援リーダー",
        Secretariat => "事務局",
    }
}

impl Role {
    /// The mark Japanese team lists put before the leader's name.
    pub fn mark(self) -> &'static str {
        if self == Role::Leader {
            "〇"
        } else {
            ""
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MemberInput {
    pub name: String,
    pub role: String,
    pub affiliation: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidMember {
    pub name: String,
    pub role: Role,
    pub affiliation: String,
    pub email: String,
}

impl MemberInput {
    pub fn validate(&self) -> Result<ValidMember> {
        let mut c = Checker::new();
        let name = c.text("name", "氏名", &self.name, super::limits::MEMBER_NAME);
        let role = c.choice("role", "役割", &self.role, Role::parse, &Role::labels());
        let affiliation = c.optional_text(
            "affiliation",
            "所属",
            &self.affiliation,
            super::limits::AFFILIATION,
        );
        let email = c.optional_text("email", "メールアドレス", &self.email, super::limits::EMAIL);
        if !email.is_empty() && !looks_like_email(&email) {
            c.push(
                "email",
                "メールアドレスの形式が正しくありません（例：name@example.jp）",
            );
        }
        c.finish(|| ValidMember {
            name,
            role: role.expect("checked"),
            affiliation,
            email,
        })
        .map_err(Error::Validation)
    }
}

/// Catches typing slips (missing @, full-width characters, spaces); deliverability
/// is not ours to judge.
fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && s.chars().all(|c| c.is_ascii_graphic())
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Member {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub project_id: i64,
    pub name: String,
    pub role: Role,
    pub affiliation: String,
    pub email: String,
    /// 退任: kept on past records, no longer offered in forms.
    pub retired: bool,
}

/// The records that keep a member's name: a member with any is marked 退任
/// instead of being erased.
#[derive(Debug, Clone, PartialEq, Default, Serialize, TS)]
#[ts(export)]
pub struct MemberRecords {
    pub meetings: u32,
    pub evaluations: u32,
    pub tasks: u32,
    pub checklist_items: u32,
    /// 伴走ガイドの振り返り (practices marked after a meeting).
    pub reflections: u32,
    /// 「会議への出席 5件・評価 4件」, for the dialog that explains 退任; empty
    /// when there are none.
    pub summary: String,
}

impl MemberRecords {
    pub fn new(
        meetings: u32,
        evaluations: u32,
        tasks: u32,
        checklist_items: u32,
        reflections: u32,
    ) -> Self {
        let summary = [
            ("会議への出席", meetings),
            ("評価", evaluations),
            ("担当タスク", tasks),
            ("担当の準備チェック項目", checklist_items),
            ("振り返り", reflections),
        ]
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(what, n)| format!("{what} {n}件"))
        .collect::<Vec<_>>()
        .join("・");
        MemberRecords {
            meetings,
            evaluations,
            tasks,
            checklist_items,
            reflections,
            summary,
        }
    }

    pub fn any(&self) -> bool {
        !self.summary.is_empty()
    }
}

/// What removing a member did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub enum MemberRemoval {
    /// Marked 退任: records keep the name.
    Retired,
    /// Had no records: erased.
    Erased,
}

/// Slips worth a word before saving, never a refusal: the report marks one
/// leader (〇) per team.
pub fn warnings(team: &[Member], editing: Option<i64>, input: &MemberInput) -> Vec<String> {
    let mut out = Vec::new();
    if Role::parse(&input.role) == Some(Role::Leader) {
        let others: Vec<&str> = team
            .iter()
            .filter(|m| m.role == Role::Leader && !m.retired && Some(m.id) != editing)
            .map(|m| m.name.as_str())
            .collect();
        if !others.is_empty() {
            out.push(format!(
                "このチームには既にリーダー（〇{}）がいます。報告書ではチームのリーダーを1人としています。2人目で良ければ、このまま保存できます",
                others.join("、〇")
            ));
        }
    }
    out
}

impl Member {
    pub fn to_input(&self) -> MemberInput {
        MemberInput {
            name: self.name.clone(),
            role: self.role.label().into(),
            affiliation: self.affiliation.clone(),
            email: self.email.clone(),
        }
    }

    /// 「〇 山田 健一」 for the leader, the bare name otherwise.
    pub fn display_name(&self) -> String {
        format!("{}{}", self.role.mark(), self.name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, role: &str, email: &str) -> MemberInput {
        MemberInput {
            name: name.into(),
            role: role.into(),
            affiliation: "".into(),
            email: email.into(),
        }
    }

    #[test]
    fn roles_parse_from_their_japanese_names() {
        let d = input(" 山田 健一 ", "リーダー", "").validate().unwrap();
        assert_eq!(d.name, "山田 健一");
        assert_eq!(d.role, Role::Leader);
        assert_eq!(Role::parse("伴走支援リーダー"), Some(Role::SupporterLeader));
    }

    #[test]
    fn unknown_role_and_bad_email_are_refused() {
        let e = input("", "部長", "yamada＠example.jp")
            .validate()
            .unwrap_err();
        let f: Vec<_> = e.fields().iter().map(|f| f.field.as_str()).collect();
        assert_eq!(f, ["name", "role", "email"]);
        assert!(e.fields()[1]
            .message
            .contains("リーダー・メンバー・伴走支援者"));
    }

    #[test]
    fn email_is_optional_but_checked() {
        assert!(input("a", "メンバー", "").validate().is_ok());
        assert!(input("a", "メンバー", "a@b.jp").validate().is_ok());
        assert!(input("a", "メンバー", "a@b").validate().is_err());
        assert!(input("a", "メンバー", "a b@c.jp").validate().is_err());
    }

    #[test]
    fn leader_is_marked() {
        let m = Member {
            id: 1,
            project_id: 1,
            name: "山田".into(),
            role: Role::Leader,
            affiliation: "".into(),
            email: "".into(),
            retired: false,
        };
        assert_eq!(m.display_name(), "〇山田");
    }
}
