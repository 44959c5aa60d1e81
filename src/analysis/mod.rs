//! Analyses of what teams record: evaluation statistics (and, later, text mining).

pub mod evaluation;
