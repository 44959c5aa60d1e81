//! Domain types. Each input type validates itself: a form's raw strings go in,
//! a typed draft or a list of Japanese field messages comes out.

pub mod bundle;
pub mod checklist;
pub mod cooc;
pub mod evaluation;
pub mod guide;
pub mod issue;
pub mod limits;
pub mod meeting;
pub mod member;
pub mod overview;
pub mod phase;
pub mod program;
pub mod project;
pub mod report;
pub mod resource;
pub mod stakeholder;
pub mod strength;
pub mod survey;
pub mod task;
pub(crate) mod validate;

/// A template file of `[[item]]` tables (assets/templates/*.toml).
#[derive(serde::Deserialize)]
struct ItemFile<T> {
    item: Vec<T>,
}

pub(crate) fn parse_items<T: serde::de::DeserializeOwned>(
    text: &str,
) -> Result<Vec<T>, toml::de::Error> {
    Ok(parse_toml::<ItemFile<T>>(text)?.item)
}

/// A TOML data file shipped in assets/ (templates, the demo) into its serde shape.
pub(crate) fn parse_toml<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, toml::de::Error> {
    toml::from_str(text)
}

/// The field checker, for inputs that live outside `model` (the report form).
pub(crate) fn validate_fields() -> validate::Checker {
    validate::Checker::new()
}

pub use checklist::{
    Checklist, ChecklistItem, Completion, ItemStatus, ItemUpdateInput, NewItemInput, Side,
};
pub use member::{Member, MemberInput, Role};
pub use phase::Phase;
pub use project::{Profession, Project, ProjectInput, Target, Theme, ValidProject};
pub use resource::{Resource, ResourceCategory, ResourceInput};
pub use stakeholder::{
    ContactLogEntry, ContactLogInput, ContactPerson, Relation, Stakeholder, StakeholderInput,
    StakeholderKind,
};

/// An enum whose values are the Japanese words users pick from a list. The word
/// itself is the stored and transmitted value, so the database, the CLI's JSON and
/// the generated TypeScript union all read the same way; `ALL` feeds the UI's lists.
macro_rules! choice_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $label:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
        #[ts(export)]
        pub enum $name {
            $(#[serde(rename = $label)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                let text = text.trim();
                Self::ALL.iter().copied().find(|v| v.label() == text)
            }

            pub fn labels() -> Vec<String> {
                Self::ALL.iter().map(|v| v.label().to_owned()).collect()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.label().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = v.as_str()?;
                Self::parse(text).ok_or_else(|| rusqlite::types::FromSqlError::Other(
                    format!("{}: 未知の値「{}」", stringify!($name), text).into(),
                ))
            }
        }
    };
}
pub(crate) use choice_enum;

/// A 年度 as a form or a command names it: one of [`crate::wareki::YEARS`].
pub fn check_fiscal_year(year: i32) -> crate::Result<i32> {
    let mut c = validate::Checker::new();
    c.fiscal_year("fiscal_year", year);
    c.finish(|| year).map_err(crate::Error::Validation)
}
