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
    /// Errors the user can act on are theirs; the others go to the diagnostic
    /// log with their cause.
    fn from(e: bansou::Error) -> Self {
        if !bansou::error::is_for_the_user(e.code()) {
            crate::state::log_failure(e.code(), &e.cause());
        }
        CommandError {
            code: e.code().to_owned(),
            message: e.to_string(),
            fields: e.fields().to_vec(),
        }
    }
}

impl From<bansou::sync::Error> for CommandError {
    /// The server's troubles (offline, a wrong password) are the user's to
    /// act on; only the unexpected ones go to the diagnostic log.
    fn from(e: bansou::sync::Error) -> Self {
        match e {
            bansou::sync::Error::Store(inner) => inner.into(),
            other => {
                if matches!(other, bansou::sync::Error::Server(_)) {
                    crate::state::log_failure(other.code(), "server");
                }
                CommandError {
                    code: other.code().to_owned(),
                    message: other.to_string(),
                    fields: Vec::new(),
                }
            }
        }
    }
}

impl CommandError {
    /// A command refused or failed inside: logged with the line that said so
    /// (the message stays out of the log, it may name a user's file).
    #[track_caller]
    pub fn internal(message: impl Into<String>) -> Self {
        crate::state::log_failure("internal", &std::panic::Location::caller().to_string());
        CommandError {
            code: "internal".into(),
            message: message.into(),
            fields: Vec::new(),
        }
    }
}
