//! The sync layer's one error type: what went wrong with the server, in words
//! the user can act on. The local records are untouched by every one of them.

use crate::error::FieldError;

pub type Result<T> = std::result::Result<T, Error>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    Store(#[from] crate::Error),

    #[error("共有サーバーにつながりません（オフライン）：{0}。このパソコンの記録はそのままです。ネットワークとサーバーの住所を確かめて、あとでもう一度同期してください")]
    Offline(String),

    #[error("共有サーバーのログイン名かパスワードが違います。事務局から届いた接続ファイルを開き直してください")]
    Login,

    #[error("このログイン（{0}）は共有サーバーで取り消されています。事務局に確かめてください。このパソコンの記録はそのままです")]
    Revoked(String),

    #[error("共有サーバーの証明書を確かめられません（接続ファイルの証明書と合いません）。事務局に確かめてください")]
    Certificate,

    #[error("暗号化しない接続は、このパソコンの中のサーバー（127.0.0.1・localhost）にだけ使えます。接続ファイルにサーバーの証明書（ca）を入れてください")]
    TlsRequired,

    #[error("共有サーバーは新しい版の伴走ノートで準備されています（サーバーの形式 {server}、この版は {client} まで）。アプリを更新してください")]
    ServerNewer { server: i64, client: i64 },

    #[error("共有サーバーの準備が古い版です（サーバーの形式 {server}、この版は {client}）。事務局が bansou server init で更新してください")]
    ServerOlder { server: i64, client: i64 },

    #[error(
        "共有サーバーがまだ準備されていません。事務局が bansou server init で準備してください"
    )]
    NotPrepared,

    #[error("共有サーバーが書き込みを断りました（このログインに許されていない記録です）。何も送っていません：{0}")]
    Refused(String),

    #[error("共有サーバーとのやりとりに失敗しました：{0}")]
    Server(String),

    #[error("{0}")]
    Input(String),
}

impl Error {
    /// A stable code for scripts and the window.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Store(e) => e.code(),
            Error::Offline(_) => "offline",
            Error::Login => "login",
            Error::Revoked(_) => "revoked",
            Error::Certificate => "certificate",
            Error::TlsRequired => "tls_required",
            Error::ServerNewer { .. } => "server_newer",
            Error::ServerOlder { .. } => "server_older",
            Error::NotPrepared => "not_prepared",
            Error::Refused(_) => "refused",
            Error::Server(_) => "server",
            Error::Input(_) => "input",
        }
    }

    pub fn fields(&self) -> &[FieldError] {
        match self {
            Error::Store(e) => e.fields(),
            _ => &[],
        }
    }

    /// What the server said, read into one of the errors above.
    pub(crate) fn from_pg(e: postgres::Error, login: &str) -> Error {
        use postgres::error::SqlState;
        if let Some(db) = e.as_db_error() {
            let code = db.code();
            return if *code == SqlState::INVALID_PASSWORD {
                Error::Login
            } else if *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION {
                // 「role … is not permitted to log in」 or an unknown role.
                if db.message().contains("not permitted") {
                    Error::Revoked(login.to_owned())
                } else {
                    Error::Login
                }
            } else if *code == SqlState::INSUFFICIENT_PRIVILEGE {
                if db.message().contains("row-level security") {
                    Error::Refused(db.message().to_owned())
                } else if db.message().contains("CONNECT") {
                    Error::Revoked(login.to_owned())
                } else {
                    Error::Refused(db.message().to_owned())
                }
            } else if *code == SqlState::UNDEFINED_TABLE || *code == SqlState::INVALID_SCHEMA_NAME {
                Error::NotPrepared
            } else {
                Error::Server(db.message().to_owned())
            };
        }
        let text = chain(&e);
        if text.contains("certificate") || text.contains("Certificate") || text.contains("TLS") {
            Error::Certificate
        } else if e.is_closed()
            || text.contains("connect")
            || text.contains("timed out")
            || text.contains("os error")
        {
            Error::Offline(short(&text))
        } else {
            Error::Server(short(&text))
        }
    }
}

/// The error and every cause under it, in one line.
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push('：');
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

fn short(text: &str) -> String {
    text.chars().take(200).collect()
}
