//! 活動の流れ (図7): five phases, each with the supporter's role. Shipped as data
//! in assets/templates/phases.toml.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Phase {
    pub number: u8,
    pub name: String,
    pub supporter_role: String,
}

#[derive(Deserialize)]
struct PhaseFile {
    phase: Vec<Phase>,
}

/// The five phases in order.
pub fn phases() -> &'static [Phase] {
    static PHASES: OnceLock<Vec<Phase>> = OnceLock::new();
    PHASES.get_or_init(|| {
        super::parse_toml::<PhaseFile>(include_str!("../../assets/templates/phases.toml"))
            .expect("assets/templates/phases.toml is checked by a unit test")
            .phase
    })
}

pub fn phase(number: u8) -> Option<&'static Phase> {
    phases().iter().find(|p| p.number == number)
}

/// A phase number as sent by a form, if it names one of the five.
pub fn number(n: i32) -> Option<u8> {
    u8::try_from(n).ok().filter(|&n| phase(n).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_supporters_roles_are_the_reports_words() {
        let role = |n| phase(n).unwrap().supporter_role.as_str();
        assert!(role(1).contains("強みを活かしたゴール設定を共に考える"));
        assert!(role(2).contains("リーダーのバックアップ"));
        assert!(role(3).ends_with("進捗状況の可視化の重要性を伝える"));
        assert_eq!(role(4), "情報の有効活用方法について丁寧な説明や提案");
        assert_eq!(role(5), "次なる動機付け支援");
    }

    #[test]
    fn five_phases_numbered_in_order() {
        let names: Vec<&str> = phases().iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "計画立案",
                "チーム構成",
                "タスク実行・進捗管理",
                "コミュニケーション・関係者管理",
                "成果評価・終結"
            ]
        );
        assert!(phases()
            .iter()
            .enumerate()
            .all(|(i, p)| p.number as usize == i + 1));
        assert!(phase(3).unwrap().supporter_role.contains("進捗"));
        assert!(phase(6).is_none());
    }
}
