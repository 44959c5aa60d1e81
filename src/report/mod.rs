//! PDF documents: the progress report for a board (理事会) and the 表1 form.

pub mod form;
pub mod guide;
pub mod layout;
pub mod program;
pub mod progress;
pub mod survey;
