//! Every computation over what teams record: evaluation statistics, the
//! strength scores (and, later, text mining). Pure functions over model data;
//! the store only reads and writes.

pub mod evaluation;
pub mod strength;
