//! Data leaving the app: CSV for Excel (and, later, project bundles).

pub mod csv;
