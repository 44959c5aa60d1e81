//! 提供資料 (第4節): information supporters gave the teams.

use super::choice_enum;
use super::validate::Checker;
use crate::error::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

choice_enum! {
    ResourceCategory {
        Subsidy => "補助金",
        System => "制度",
        Organisation => "関係機関",
        Statistics => "統計",
        Material => "資料",
        Other => "その他",
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ResourceInput {
    pub title: String,
    pub url: String,
    pub file_path: String,
    pub category: String,
    pub provided_by: String,
    pub provided_on: String,
    #[ts(type = "number[]")]
    pub project_ids: Vec<i64>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResourceDraft {
    pub title: String,
    pub url: String,
    pub file_path: String,
    pub category: ResourceCategory,
    pub provided_by: String,
    pub provided_on: Option<NaiveDate>,
    pub project_ids: Vec<i64>,
    pub note: String,
}

/// Only web pages may be opened from the app: no file:, javascript: or other schemes.
pub fn check_web_url(text: &str) -> std::result::Result<url::Url, String> {
    let parsed = url::Url::parse(text.trim())
        .map_err(|_| "URLの形式が正しくありません（例：https://www.mhlw.go.jp/）".to_owned())?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err("URLは http:// または https:// で始まるウェブページだけを登録できます".into());
    }
    Ok(parsed)
}

impl ResourceInput {
    pub fn validate(&self) -> Result<ResourceDraft> {
        let mut c = Checker::new();
        let title = c.text("title", "資料名", &self.title, 200);
        let url = c.optional_text("url", "URL", &self.url, 2000);
        let file_path = c.optional_text("file_path", "ファイル", &self.file_path, 1000);
        if url.is_empty() && file_path.is_empty() {
            c.push("url", "URLかファイルのどちらかを入力してください");
        }
        if !url.is_empty() {
            if let Err(message) = check_web_url(&url) {
                c.push("url", message);
            }
        }
        let category = c.choice(
            "category",
            "分類",
            &self.category,
            ResourceCategory::parse,
            &ResourceCategory::labels(),
        );
        let provided_by = c.optional_text("provided_by", "提供者", &self.provided_by, 100);
        let provided_on = c.optional_date("provided_on", "提供日", &self.provided_on);
        let note = c.optional_text("note", "メモ", &self.note, 4000);
        let mut project_ids = self.project_ids.clone();
        project_ids.sort_unstable();
        project_ids.dedup();
        c.finish(|| ResourceDraft {
            title,
            url,
            file_path,
            category: category.expect("checked"),
            provided_by,
            provided_on,
            project_ids,
            note,
        })
        .map_err(Error::Validation)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Resource {
    #[ts(type = "number")]
    pub id: i64,
    pub title: String,
    pub url: String,
    pub file_path: String,
    pub category: ResourceCategory,
    pub provided_by: String,
    pub provided_on: Option<NaiveDate>,
    pub provided_on_label: Option<String>,
    #[ts(type = "number[]")]
    pub project_ids: Vec<i64>,
    pub note: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_pass() {
        assert!(check_web_url("https://www.mhlw.go.jp/stf/newpage_09940.html").is_ok());
        assert!(check_web_url("http://example.jp").is_ok());
        for bad in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "ftp://x.jp/a",
            "www.mhlw.go.jp",
            "https://",
        ] {
            assert!(check_web_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_resource_needs_a_url_or_a_file() {
        let input = ResourceInput {
            title: "エイジフレンドリー補助金".into(),
            category: "補助金".into(),
            ..Default::default()
        };
        let e = input.validate().unwrap_err();
        assert_eq!(
            e.fields()[0].message,
            "URLかファイルのどちらかを入力してください"
        );
        let ok = ResourceInput {
            file_path: "/home/user/資料/leaflet.pdf".into(),
            ..input
        };
        assert!(ok.validate().is_ok());
    }
}
