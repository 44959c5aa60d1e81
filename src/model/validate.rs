//! Shared field checks. Each returns the parsed value or pushes a Japanese
//! message for the field, so a form shows every problem at once.

use crate::error::FieldError;
use chrono::NaiveDate;

pub(crate) struct Checker {
    pub errors: Vec<FieldError>,
}

const MIN_YEAR: i32 = *crate::wareki::YEARS.start();
const MAX_YEAR: i32 = *crate::wareki::YEARS.end();

impl Checker {
    pub fn new() -> Self {
        Self { errors: Vec::new() }
    }

    pub fn push(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, message));
    }

    /// Required one-line text, normalised ([`normalise`]), at most `max`
    /// characters after that.
    pub fn text(&mut self, field: &str, label: &str, value: &str, max: usize) -> String {
        self.checked(field, label, value, max, true, false)
    }

    /// Optional one-line text, likewise.
    pub fn optional_text(&mut self, field: &str, label: &str, value: &str, max: usize) -> String {
        self.checked(field, label, value, max, false, false)
    }

    /// Optional text of several lines (メモ, 議事録, コメント…), likewise.
    pub fn long_text(&mut self, field: &str, label: &str, value: &str, max: usize) -> String {
        self.checked(field, label, value, max, false, true)
    }

    /// Required text of several lines.
    pub fn required_long_text(
        &mut self,
        field: &str,
        label: &str,
        value: &str,
        max: usize,
    ) -> String {
        self.checked(field, label, value, max, true, true)
    }

    /// One entry per non-blank line of a text area (決定事項, 選択肢), each
    /// normalised like any text.
    pub fn lines(&mut self, field: &str, label: &str, value: &str) -> Vec<String> {
        match normalise(value) {
            Ok(v) => lines(&v),
            Err(why) => {
                self.push(field, format!("{label}に{why}"));
                Vec::new()
            }
        }
    }

    fn checked(
        &mut self,
        field: &str,
        label: &str,
        value: &str,
        max: usize,
        required: bool,
        lines: bool,
    ) -> String {
        let value = match normalise(value) {
            Ok(v) => v,
            Err(why) => {
                self.push(field, format!("{label}に{why}"));
                return value.trim().to_owned();
            }
        };
        if required && value.is_empty() {
            self.push(field, format!("{label}を入力してください"));
        } else if !lines && value.contains('\n') {
            self.push(
                field,
                format!("{label}に改行は入れられません（1行で入力してください）"),
            );
        } else if value.chars().count() > max {
            self.push(
                field,
                format!(
                    "{label}は{max}文字以内で入力してください（いま{}文字）",
                    value.chars().count()
                ),
            );
        }
        value
    }

    /// A value from a fixed list; `choices` names them in the message.
    pub fn choice<T>(
        &mut self,
        field: &str,
        label: &str,
        value: &str,
        parse: impl Fn(&str) -> Option<T>,
        choices: &[String],
    ) -> Option<T> {
        if value.trim().is_empty() {
            self.push(field, format!("{label}を選んでください"));
            return None;
        }
        let parsed = parse(value);
        if parsed.is_none() {
            self.push(
                field,
                format!(
                    "{label}「{}」は選べません。{}から選んでください",
                    value.trim(),
                    choices.join("・")
                ),
            );
        }
        parsed
    }

    /// A required date, typed the way offices write it (2024/7/16,
    /// 令和6年7月16日, R6.7.16, full-width …; see `wareki::parse_date`).
    pub fn date(&mut self, field: &str, label: &str, value: &str) -> Option<NaiveDate> {
        let value = value.trim();
        if value.is_empty() {
            self.push(field, format!("{label}を入力してください"));
            return None;
        }
        match crate::wareki::parse_date(value) {
            Some(d) if (MIN_YEAR..=MAX_YEAR).contains(&chrono::Datelike::year(&d)) => Some(d),
            Some(_) => {
                self.push(
                    field,
                    format!("{label}は{MIN_YEAR}年から{MAX_YEAR}年の間の日付にしてください"),
                );
                None
            }
            None => {
                self.push(
                    field,
                    format!(
                        "{label}「{value}」を日付として読めません。正しい日付を「2024/7/16」「令和6年7月16日」のように入力してください"
                    ),
                );
                None
            }
        }
    }

    /// A 年度 chosen from the list ([`crate::wareki::YEARS`]).
    pub fn fiscal_year(&mut self, field: &str, year: i32) {
        if !crate::wareki::YEARS.contains(&year) {
            self.push(
                field,
                format!("年度は{MIN_YEAR}〜{MAX_YEAR}の間で選んでください"),
            );
        }
    }

    /// A date that may be left empty.
    pub fn optional_date(&mut self, field: &str, label: &str, value: &str) -> Option<NaiveDate> {
        if value.trim().is_empty() {
            None
        } else {
            self.date(field, label, value)
        }
    }

    pub fn finish<T>(self, value: impl FnOnce() -> T) -> Result<T, Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(value())
        } else {
            Err(self.errors)
        }
    }
}

/// Text as the app keeps it, whatever brought it in (a form, a bundle, a CSV,
/// an answer sheet): line ends as `\n`, no space at either end, and no
/// control character but newline and tab — an escape sequence in a name would
/// reach a terminal or a PDF as it is.
pub(crate) fn normalise(text: &str) -> Result<String, String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    if let Some(c) = text
        .chars()
        .find(|c| c.is_control() && *c != '\n' && *c != '\t')
    {
        return Err(format!(
            "使えない制御文字（U+{:04X}）が含まれています",
            u32::from(c)
        ));
    }
    Ok(text.trim().to_owned())
}

/// One entry per non-blank line of a text area (決定事項, 選択肢), trimmed.
pub(crate) fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}
