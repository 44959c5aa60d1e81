//! 共有サーバー: an association's PostgreSQL keeps every PC in step. Each PC's
//! SQLite stays where the user works; a sync takes in what the server has
//! that this PC has not seen — as one project bundle per project, through the
//! same engine and scope rules as a file — and sends what it has that the
//! server has not. The server's row-level security decides who reads and
//! writes what (schema.sql). Nothing here is on the app's start-up path.
//! docs/SERVER.md has how an association runs it.

mod connection;
mod error;
mod exchange;
pub mod secret;
mod server;

pub use connection::ConnectionFile;
pub use error::{Error, Result};
pub use exchange::{connect, sync, SyncReport};
pub use server::{init, user_add, user_remove, users, LoginRow, Role};

/// The server schema this build reads and writes.
pub const SCHEMA_VERSION: i64 = 1;
