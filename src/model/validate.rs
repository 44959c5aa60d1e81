//! Shared field checks. Each returns the parsed value or pushes a Japanese
//! message for the field, so a form shows every problem at once.

use crate::error::FieldError;
use chrono::NaiveDate;

pub(crate) struct Checker {
    pub errors: Vec<FieldError>,
}

/// Years outside this range are almost always typing mistakes (1900, 20245 …).
const MIN_YEAR: i32 = 2000;
const MAX_YEAR: i32 = 2099;

impl Checker {
    pub fn new() -> Self {
        Self { errors: Vec::new() }
    }

    pub fn push(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, message));
    }

    /// Required text, trimmed, at most `max` characters.
    pub fn text(&mut self, field: &str, label: &str, value: &str, max: usize) -> String {
        let value = value.trim();
        if value.is_empty() {
            self.push(field, format!("{label}を入力してください"));
        } else {
            self.optional_text(field, label, value, max);
        }
        value.to_owned()
    }

    /// Optional text, trimmed, at most `max` characters.
    pub fn optional_text(&mut self, field: &str, label: &str, value: &str, max: usize) -> String {
        let value = value.trim();
        if value.chars().count() > max {
            self.push(field, format!("{label}は{max}文字以内で入力してください"));
        }
        value.to_owned()
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

/// One entry per non-blank line of a text area (決定事項, 選択肢), trimmed.
pub(crate) fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}
