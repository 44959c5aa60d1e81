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
    /// Which prefecture it is about (山口県), or 全国; empty is 全国.
    #[serde(default)]
    pub prefecture: String,
}

/// A resource about no one prefecture (a national subsidy, a national statistic).
pub const NATIONWIDE: &str = "全国";

#[derive(Debug, Clone, PartialEq)]
pub struct ValidResource {
    pub title: String,
    pub url: String,
    pub file_path: String,
    pub category: ResourceCategory,
    pub provided_by: String,
    pub provided_on: Option<NaiveDate>,
    pub project_ids: Vec<i64>,
    pub note: String,
    pub prefecture: String,
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

/// File types the app opens in their own program: documents, sheets, slides,
/// pictures and text. Anything else is shown in its folder instead, so a
/// stored path can never start a program.
const DOCUMENT_TYPES: [&str; 22] = [
    "pdf", "doc", "docx", "xls", "xlsx", "xlsm", "ppt", "pptx", "odt", "ods", "odp", "rtf", "txt",
    "csv", "md", "png", "jpg", "jpeg", "gif", "bmp", "webp", "tif",
];

/// How a stored local file is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalOpen {
    /// In the program the system uses for its type.
    Document,
    /// Its folder is shown, with the file selected.
    Folder,
}

/// True for a path on another computer: `\\server\share`, `//server/share`,
/// `smb://…`, `file://server/…`. Opening one can reach out over the network.
pub fn is_network_path(text: &str) -> bool {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    t.starts_with("\\\\")
        || t.starts_with("//")
        || t.starts_with("\\/")
        || t.starts_with("/\\")
        || ["smb:", "nfs:", "ftp:", "http:", "https:", "webdav:"]
            .iter()
            .any(|s| lower.starts_with(s))
        || (lower.starts_with("file:") && !lower.starts_with("file:///"))
}

/// Decides how a resource's local file may be opened, or why it may not.
pub fn local_open(path: &str) -> std::result::Result<LocalOpen, String> {
    if is_network_path(path) {
        return Err(
            "ネットワーク上のファイルは開けません。パソコンに保存してから登録してください".into(),
        );
    }
    let ext = std::path::Path::new(path.trim())
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    Ok(if DOCUMENT_TYPES.contains(&ext.as_str()) {
        LocalOpen::Document
    } else {
        LocalOpen::Folder
    })
}

impl ResourceInput {
    pub fn validate(&self) -> Result<ValidResource> {
        let mut c = Checker::new();
        let title = c.text(
            "title",
            "資料名",
            &self.title,
            super::limits::RESOURCE_TITLE,
        );
        let url = c.optional_text("url", "URL", &self.url, super::limits::URL);
        let file_path = c.optional_text(
            "file_path",
            "ファイル",
            &self.file_path,
            super::limits::FILE_PATH,
        );
        if !url.is_empty() {
            if let Err(message) = check_web_url(&url) {
                c.push("url", message);
            }
        }
        if is_network_path(&file_path) {
            c.push(
                "file_path",
                "ネットワーク上のファイル（\\\\サーバー\\…）は登録できません。パソコンに保存してから登録してください",
            );
        }
        let category = c.choice(
            "category",
            "分類",
            &self.category,
            ResourceCategory::parse,
            &ResourceCategory::labels(),
        );
        let provided_by = c.optional_text(
            "provided_by",
            "提供者",
            &self.provided_by,
            super::limits::PROVIDED_BY,
        );
        let provided_on = c.optional_date("provided_on", "提供日", &self.provided_on);
        let note = c.long_text("note", "メモ", &self.note, super::limits::NOTE);
        let prefecture = match self.prefecture.trim() {
            "" | NATIONWIDE => NATIONWIDE.to_owned(),
            p if super::project::PREFECTURES.contains(&p) => p.to_owned(),
            p => {
                c.push(
                    "prefecture",
                    format!(
                        "「{}」は都道府県名ではありません（全国か、47都道府県のどれか）",
                        p.chars().take(20).collect::<String>()
                    ),
                );
                String::new()
            }
        };
        let mut project_ids = self.project_ids.clone();
        project_ids.sort_unstable();
        project_ids.dedup();
        c.finish(|| ValidResource {
            title,
            url,
            file_path,
            category: category.expect("checked"),
            provided_by,
            provided_on,
            project_ids,
            note,
            prefecture,
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
    /// A prefecture (山口県) or 全国.
    pub prefecture: String,
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
    fn documents_open_other_files_show_their_folder_and_network_paths_are_refused() {
        assert_eq!(
            local_open("/home/u/資料/leaflet.PDF"),
            Ok(LocalOpen::Document)
        );
        assert_eq!(
            local_open("C:\\Users\\山田\\表.xlsx"),
            Ok(LocalOpen::Document)
        );
        assert_eq!(local_open("/home/u/setup.sh"), Ok(LocalOpen::Folder));
        assert_eq!(
            local_open("C:\\Users\\山田\\tool.exe"),
            Ok(LocalOpen::Folder)
        );
        assert_eq!(local_open("/home/u/noext"), Ok(LocalOpen::Folder));
        for bad in [
            "\\\\server\\share\\a.pdf",
            "//server/share/a.pdf",
            "smb://server/a.pdf",
            "file://server/a.pdf",
        ] {
            assert!(local_open(bad).is_err(), "{bad}");
        }
        assert_eq!(local_open("file:///home/u/a.pdf"), Ok(LocalOpen::Document));
        let input = ResourceInput {
            title: "共有フォルダの資料".into(),
            file_path: "\\\\nas\\共有\\a.pdf".into(),
            category: "資料".into(),
            ..Default::default()
        };
        assert_eq!(input.validate().unwrap_err().fields()[0].field, "file_path");
    }

    #[test]
    fn a_resource_may_be_information_alone_for_a_prefecture_or_the_country() {
        // 第4節: 「心のサポーター養成講座を令和15年度末までに100万人に増やす動き」 is
        // information given in a meeting, with no address or file.
        let input = ResourceInput {
            title: "心のサポーター養成（令和15年度末までに100万人）".into(),
            category: "制度".into(),
            note: "県や自治体が主体になって今後事業展開していく".into(),
            ..Default::default()
        };
        let ok = input.validate().unwrap();
        assert!(ok.url.is_empty() && ok.file_path.is_empty());
        assert_eq!(ok.prefecture, NATIONWIDE, "empty is 全国");
        let ibaraki = ResourceInput {
            prefecture: " 茨城県 ".into(),
            ..input.clone()
        };
        assert_eq!(ibaraki.validate().unwrap().prefecture, "茨城県");
        let wrong = ResourceInput {
            prefecture: "茨城".into(),
            ..input
        };
        assert_eq!(
            wrong.validate().unwrap_err().fields()[0].field,
            "prefecture"
        );
    }
}
