//! 伴走ノート: everything that is not UI. The Tauri shell and the `bansou` CLI
//! both call into this crate, so every capability can be tested without a window.

pub mod analysis;
pub mod bench;
pub mod catalog;
pub mod chart;
pub mod demo;
pub mod diagnostics;
pub mod error;
pub mod files;
pub mod fonts;
pub mod model;
pub mod report;
pub mod store;
pub mod sync;
pub mod tokenizer;
pub mod wareki;

pub use error::{Error, FieldError, Result};
pub use store::Store;
