//! The shell's one error type: what the window receives when a command fails.

use bansou::FieldError;
use serde::Serialize;
use ts_rs::TS;

/// `{ code, message, fields }`: a stable code for the UI's logic, a Japanese
/// message for the user, and per-field messages shown beside the inputs.
#[derive(Debug, Clone, Serialize, TS, thiserror::Error)]
#[error("{message}")]
#[ts(export)]
pub struct CommandError {
    pub code: String,
    pub message: String,
    pub fields: Vec<FieldError>,
}

impl From<bansou::Error> for CommandError {
    fn from(e: bansou::Error) -> Self {
        CommandError {
            code: e.code().to_owned(),
            message: e.to_string(),
            fields: e.fields().to_vec(),
        }
    }
}

impl CommandError {
    pub fn internal(message: impl Into<String>) -> Self {
        CommandError {
            code: "internal".into(),
            message: message.into(),
            fields: Vec::new(),
        }
    }
}
