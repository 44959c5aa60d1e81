//! Every computation over what teams record: evaluation statistics, the
//! strength scores, the comments' co-occurrence network. Pure functions over model data;
//! the store only reads and writes.

pub mod cooc;
pub mod evaluation;
pub mod guide;
pub mod program;
pub mod round;
pub mod strength;
pub mod survey;
