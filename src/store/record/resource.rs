//! 提供資料 as they travel: shared by every project they were given to.

use super::{By, Field, Kind, Link, Problems};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceData {
    pub title: String,
    pub url: String,
    pub file_path: String,
    pub category: String,
    pub provided_by: String,
    pub provided_on: Option<String>,
    pub note: String,
    pub projects: Vec<String>,
    /// Which prefecture it is about, or 全国 (format 5; older files: 全国).
    #[serde(default = "nationwide")]
    pub prefecture: String,
}

fn nationwide() -> String {
    crate::model::resource::NATIONWIDE.to_owned()
}

pub struct Resources;

impl Kind for Resources {
    type Data = ResourceData;
    const TABLE: &'static str = "resources";
    const KIND: &'static str = "resource";
    const LABEL: &'static str = "提供資料";
    const FIELDS: &'static [Field] = &[Field::Links(Link {
        field: "projects",
        table: "resource_projects",
        owner: "resource_id",
        other: "project_id",
        target: "projects",
        keep_others: true,
    })];

    fn name(d: &ResourceData) -> String {
        d.title.clone()
    }
    const BY: By = By::Projects;
    fn check(d: &ResourceData, what: &str, p: &mut Problems) {
        p.check(
            what,
            crate::model::ResourceInput {
                title: d.title.clone(),
                url: d.url.clone(),
                file_path: d.file_path.clone(),
                category: d.category.clone(),
                provided_by: d.provided_by.clone(),
                provided_on: d.provided_on.clone().unwrap_or_default(),
                project_ids: Vec::new(),
                note: d.note.clone(),
                prefecture: d.prefecture.clone(),
            }
            .validate(),
        );
        p.dates(what, &[("提供日", d.provided_on.as_deref())]);
    }
}
