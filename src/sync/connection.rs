//! Reaching the server: the connection file the secretariat hands out, and
//! a client that speaks TLS with the file's CA (or, to this machine only,
//! plain).

use super::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// What `bansou server user add` writes and `bansou connect` reads: the
/// server's address, the CA its certificate chains to, the login and its
/// generated password. TOML, so a person can read what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConnectionFile {
    /// postgresql://host:port/database (no login or password in it).
    pub url: String,
    pub login: String,
    pub password: String,
    /// 事務局・伴走支援者・チーム.
    pub role: String,
    /// The CA certificate (PEM); required unless the server is this machine.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca: Option<String>,
}

const MAX_FILE: u64 = 256 * 1024;

impl ConnectionFile {
    pub fn read(path: &Path) -> Result<ConnectionFile> {
        let meta = std::fs::metadata(path).map_err(|e| io(path, e))?;
        if meta.len() > MAX_FILE {
            return Err(Error::Input(format!(
                "{} は接続ファイルにしては大きすぎます",
                path.display()
            )));
        }
        let text = std::fs::read_to_string(path).map_err(|e| io(path, e))?;
        let file: ConnectionFile = toml::from_str(&text).map_err(|e| {
            Error::Input(format!(
                "{} は伴走ノートの接続ファイルとして読めません：{}",
                path.display(),
                e.message()
            ))
        })?;
        if file.login.trim().is_empty() || file.password.is_empty() {
            return Err(Error::Input(
                "接続ファイルにログイン名かパスワードがありません".into(),
            ));
        }
        Ok(file)
    }

    /// Written readable by its owner only: it holds a password.
    pub fn write(&self, path: &Path) -> Result<()> {
        let text = format!(
            "# 伴走ノート 共有サーバーへの接続ファイル（{}：{}）。パスワードが入っています。本人にだけ渡してください\n{}",
            self.role,
            self.login,
            toml::to_string(self).expect("a connection file serialises")
        );
        crate::files::write_atomically(path, text.as_bytes()).map_err(Error::Store)
    }
}

fn io(path: &Path, e: std::io::Error) -> Error {
    Error::Store(crate::Error::Io {
        path: path.to_owned(),
        source: e,
    })
}

/// True when `url` names this machine (a plain connection is allowed).
pub(crate) fn is_local(config: &postgres::Config) -> bool {
    config.get_hosts().iter().all(|h| match h {
        postgres::config::Host::Tcp(name) => {
            matches!(name.as_str(), "127.0.0.1" | "::1" | "localhost" | "[::1]")
        }
        #[cfg(unix)]
        postgres::config::Host::Unix(_) => true,
    })
}

/// The server's address without anything secret in it.
pub(crate) fn public_url(url: &str) -> Result<String> {
    let mut u = url::Url::parse(url).map_err(|_| bad_url())?;
    if !matches!(u.scheme(), "postgresql" | "postgres") {
        return Err(bad_url());
    }
    u.set_password(None).map_err(|_| bad_url())?;
    u.set_username("").map_err(|_| bad_url())?;
    Ok(u.to_string())
}

fn bad_url() -> Error {
    Error::Input(
        "サーバーの住所（URL）が読めません。postgresql://ホスト名:ポート/データベース名 の形で書いてください".into(),
    )
}

/// Opens a session: as `login` when given (else as the URL says), over TLS
/// verified against `ca`; plain only to this machine.
pub(crate) fn open(
    url: &str,
    login: Option<(&str, &str)>,
    ca: Option<&str>,
) -> Result<postgres::Client> {
    let mut config = postgres::Config::from_str(url).map_err(|_| bad_url())?;
    if let Some((user, password)) = login {
        config.user(user).password(password);
    }
    config
        .connect_timeout(Duration::from_secs(10))
        .application_name("bansou");
    let who = config.get_user().unwrap_or("").to_owned();
    match ca {
        Some(pem) => {
            config.ssl_mode(postgres::config::SslMode::Require);
            let tls = tls(pem)?;
            config.connect(tls).map_err(|e| Error::from_pg(e, &who))
        }
        None if is_local(&config) => {
            config.ssl_mode(postgres::config::SslMode::Disable);
            config
                .connect(postgres::NoTls)
                .map_err(|e| Error::from_pg(e, &who))
        }
        None => Err(Error::TlsRequired),
    }
}

/// TLS that trusts only the connection file's CA.
fn tls(pem: &str) -> Result<tokio_postgres_rustls::MakeRustlsConnect> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::CertificateDer;
    let mut roots = rustls::RootCertStore::empty();
    for cert in CertificateDer::pem_slice_iter(pem.as_bytes()) {
        let cert = cert.map_err(|_| Error::Certificate)?;
        roots.add(cert).map_err(|_| Error::Certificate)?;
    }
    if roots.is_empty() {
        return Err(Error::Certificate);
    }
    // ring rather than aws-lc-rs: it cross-builds for Windows with mingw alone.
    // (Deprecated only for lacking post-quantum key exchange, which PostgreSQL
    // servers do not offer yet.)
    #[allow(deprecated)]
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|_| Error::Certificate)?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_machine_may_be_reached_without_tls() {
        for (url, local) in [
            ("postgresql://127.0.0.1:5432/bansou", true),
            ("postgresql://localhost/bansou", true),
            ("postgresql://db.example.jp:5432/bansou", false),
            ("postgresql://10.0.0.5/bansou", false),
        ] {
            let c = postgres::Config::from_str(url).unwrap();
            assert_eq!(is_local(&c), local, "{url}");
        }
        let e = open("postgresql://db.example.invalid/bansou", None, None)
            .err()
            .unwrap();
        assert!(matches!(e, Error::TlsRequired), "{e}");
    }

    #[test]
    fn the_address_handed_out_carries_no_secret() {
        assert_eq!(
            public_url("postgresql://postgres:secret@127.0.0.1:5433/bansou").unwrap(),
            "postgresql://127.0.0.1:5433/bansou"
        );
        assert!(matches!(public_url("http://x/y"), Err(Error::Input(_))));
        assert!(matches!(public_url("not a url"), Err(Error::Input(_))));
    }

    #[test]
    fn a_ca_that_is_not_a_certificate_is_refused_before_connecting() {
        let e = open(
            "postgresql://127.0.0.1:1/bansou",
            None,
            Some("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n"),
        )
        .err()
        .unwrap();
        assert!(matches!(e, Error::Certificate), "{e}");
    }

    #[test]
    fn a_connection_file_round_trips_and_a_stranger_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sato.bansou-server");
        let f = ConnectionFile {
            url: "postgresql://127.0.0.1:5433/bansou".into(),
            login: "sato".into(),
            password: "0123abcd".into(),
            role: "伴走支援者".into(),
            ca: None,
        };
        f.write(&path).unwrap();
        assert_eq!(ConnectionFile::read(&path).unwrap(), f);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "only its owner reads it");
        }
        std::fs::write(&path, "url = 1\n").unwrap();
        let e = ConnectionFile::read(&path).unwrap_err();
        assert!(
            e.to_string().contains("接続ファイルとして読めません"),
            "{e}"
        );
    }

    #[test]
    fn nobody_listening_reads_as_offline() {
        let e = open("postgresql://u@127.0.0.1:1/bansou", Some(("u", "p")), None)
            .err()
            .unwrap();
        assert!(matches!(e, Error::Offline(_)), "{e}");
    }
}
