//! The secretariat's side: preparing an empty database and managing logins.
//! These run with the database owner's address (the URL carries an account
//! that may create roles); every other login is a member of one of the three
//! group roles schema.sql gives its rights.

use super::connection::{self, ConnectionFile};
use super::error::{Error, Result};
use super::SCHEMA_VERSION;

/// A login's role and what the server lets it do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// 事務局: reads and writes every team.
    Secretariat,
    /// 伴走支援者: the teams it is assigned to.
    Supporter,
    /// チーム: its own team.
    Team,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Secretariat, Role::Supporter, Role::Team];

    pub fn label(self) -> &'static str {
        match self {
            Role::Secretariat => "事務局",
            Role::Supporter => "伴走支援者",
            Role::Team => "チーム",
        }
    }

    fn group_suffix(self) -> &'static str {
        match self {
            Role::Secretariat => "secretariat",
            Role::Supporter => "supporter",
            Role::Team => "team",
        }
    }

    pub fn parse(text: &str) -> Result<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.label() == text.trim())
            .ok_or_else(|| {
                Error::Input(format!(
                    "役割「{text}」はありません。事務局・伴走支援者・チームのどれかを指定してください"
                ))
            })
    }
}

/// One login as `server users` lists it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LoginRow {
    pub login: String,
    pub role: String,
    /// The teams it may see, as 士会・事業名.
    pub teams: Vec<String>,
    pub created_at: String,
    pub last_sync: Option<String>,
    pub removed_at: Option<String>,
}

fn admin(url: &str, ca: Option<&str>) -> Result<postgres::Client> {
    connection::open(url, None, ca)
}

/// The schema version the server was prepared with (None: not prepared).
pub(crate) fn schema_of(c: &mut postgres::Client) -> Result<Option<(i64, String, String)>> {
    let prepared: bool = c
        .query_one("SELECT to_regclass('bansou.meta') IS NOT NULL", &[])
        .map_err(pg)?
        .get(0);
    if !prepared {
        return Ok(None);
    }
    let rows = c
        .query("SELECT key, value FROM bansou.meta", &[])
        .map_err(pg)?;
    let get = |k: &str| {
        rows.iter()
            .find(|r| r.get::<_, String>(0) == k)
            .map(|r| r.get::<_, String>(1))
    };
    let version = get("schema_version")
        .and_then(|v| v.parse().ok())
        .ok_or(Error::NotPrepared)?;
    Ok(Some((
        version,
        get("server_id").unwrap_or_default(),
        get("roles").unwrap_or_default(),
    )))
}

/// Refuses a server this build cannot work with.
pub(crate) fn check_version(version: i64) -> Result<()> {
    if version > SCHEMA_VERSION {
        Err(Error::ServerNewer {
            server: version,
            client: SCHEMA_VERSION,
        })
    } else if version < SCHEMA_VERSION {
        Err(Error::ServerOlder {
            server: version,
            client: SCHEMA_VERSION,
        })
    } else {
        Ok(())
    }
}

fn pg(e: postgres::Error) -> Error {
    Error::from_pg(e, "")
}

fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// Prepares an empty database: tables, group roles, row-level security.
/// Returns false when it was prepared already (nothing changed).
pub fn init(url: &str, ca: Option<&str>) -> Result<bool> {
    let mut c = admin(url, ca)?;
    if let Some((version, _, _)) = schema_of(&mut c)? {
        if version > SCHEMA_VERSION {
            return Err(Error::ServerNewer {
                server: version,
                client: SCHEMA_VERSION,
            });
        }
        // Schema 1 is the first: nothing to upgrade from yet.
        return Ok(false);
    }
    let server_id = uuid::Uuid::new_v4().simple().to_string();
    // Group roles are the cluster's: each database gets its own three.
    let prefix = format!("bansou_{}", &server_id[..12]);
    let group = |r: Role| format!("{prefix}_{}", r.group_suffix());
    let mut tx = c.transaction().map_err(pg)?;
    for r in Role::ALL {
        tx.batch_execute(&format!("CREATE ROLE {} NOLOGIN", group(r)))
            .map_err(pg)?;
    }
    let kinds = crate::store::record::kind_names()
        .map(|k| format!("'{k}'"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = include_str!("schema.sql")
        .replace("{KINDS}", &kinds)
        .replace("{LOCK}", &super::exchange::WRITE_LOCK.to_string())
        .replace("{S}", &group(Role::Secretariat))
        .replace("{U}", &group(Role::Supporter))
        .replace("{T}", &group(Role::Team));
    tx.batch_execute(&sql).map_err(pg)?;
    let groups = Role::ALL.map(group).join(", ");
    tx.batch_execute(&format!(
        "DO $$ BEGIN
           EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
           EXECUTE format('GRANT CONNECT ON DATABASE %I TO {groups}', current_database());
         END $$;"
    ))
    .map_err(pg)?;
    tx.execute(
        "INSERT INTO bansou.meta (key, value) VALUES
           ('schema_version', $1), ('server_id', $2), ('roles', $3)",
        &[&SCHEMA_VERSION.to_string(), &server_id, &prefix],
    )
    .map_err(pg)?;
    tx.commit().map_err(pg)?;
    Ok(true)
}

/// The server's identity and group-role prefix, once it is known to be
/// prepared with the schema this build uses.
pub(crate) fn prepared(c: &mut postgres::Client) -> Result<(String, String)> {
    let (version, server_id, prefix) = schema_of(c)?.ok_or(Error::NotPrepared)?;
    check_version(version)?;
    Ok((server_id, prefix))
}

/// Resolves `query` (a UUID, or part of a project's name or society) to the
/// one project on the server it names.
fn team_on_server(c: &mut postgres::Client, query: &str) -> Result<(String, String)> {
    let rows = c
        .query(
            "SELECT uuid, body FROM bansou.records WHERE kind = 'project' AND NOT deleted",
            &[],
        )
        .map_err(pg)?;
    let q = query.trim();
    let mut found = Vec::new();
    for r in rows {
        let uuid: String = r.get(0);
        let body: String = r.get(1);
        let label = label_of(&body);
        if uuid == q || (!q.is_empty() && label.contains(q)) {
            found.push((uuid, label));
        }
    }
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => Err(Error::Input(format!(
            "「{q}」という事業は共有サーバーにありません。事務局のパソコンで先に同期してください（bansou sync）"
        ))),
        _ => Err(Error::Input(format!(
            "「{q}」に当てはまる事業が共有サーバーに複数あります：{}。UUIDで指定してください",
            found
                .iter()
                .map(|(u, l)| format!("{l}（{u}）"))
                .collect::<Vec<_>>()
                .join("、")
        ))),
    }
}

/// Resolves `query` (a member's UUID or name) among the people of `projects`
/// on the server.
fn member_on_server(c: &mut postgres::Client, query: &str, projects: &[String]) -> Result<String> {
    let rows = c
        .query(
            "SELECT uuid, body FROM bansou.records
              WHERE kind = 'member' AND NOT deleted AND owners && $1::text[]",
            &[&projects],
        )
        .map_err(pg)?;
    let q = query.trim();
    let found: Vec<String> = rows
        .into_iter()
        .filter(|r| {
            let uuid: String = r.get(0);
            let body: String = r.get(1);
            let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
            uuid == q || v["data"]["name"].as_str().is_some_and(|n| n.trim() == q)
        })
        .map(|r| r.get(0))
        .collect();
    match found.len() {
        1 => Ok(found[0].clone()),
        0 => Err(Error::Input(format!(
            "「{q}」という人は、指定したチームのメンバーに共有サーバー上で見つかりません"
        ))),
        _ => Err(Error::Input(format!(
            "「{q}」という人が指定したチームに複数います。UUIDで指定してください"
        ))),
    }
}

/// A project's body as its society and name.
fn label_of(body: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    let d = &v["data"];
    let text = |k: &str| d[k].as_str().unwrap_or("").to_owned();
    match crate::model::Profession::parse(&text("profession")) {
        Some(p) => format!(
            "{}「{}」",
            crate::model::project::society_name(&text("prefecture"), p),
            text("name")
        ),
        None => format!("「{}」", text("name")),
    }
}

/// Creates a login with a generated password and returns its connection file.
/// `member` names the person of its teams this login is (by name or UUID):
/// the evaluations that person wrote are then theirs to change on the server.
pub fn user_add(
    url: &str,
    ca: Option<&str>,
    name: &str,
    role: Role,
    teams: &[String],
    member: Option<&str>,
) -> Result<ConnectionFile> {
    let name = name.trim();
    if name.is_empty() || name.len() > 63 || name.chars().any(char::is_control) {
        return Err(Error::Input(
            "ログイン名は1〜63バイトで、制御文字を含めずに指定してください".into(),
        ));
    }
    if role == Role::Secretariat && !teams.is_empty() {
        return Err(Error::Input(
            "事務局はすべてのチームを見られます。--team は付けないでください".into(),
        ));
    }
    if role != Role::Secretariat && teams.is_empty() {
        return Err(Error::Input(format!(
            "{}には --team で事業を1つ以上指定してください",
            role.label()
        )));
    }
    let mut c = admin(url, ca)?;
    let (_, prefix) = prepared(&mut c)?;
    let exists: bool = c
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM bansou.logins WHERE login = $1)
                 OR EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)",
            &[&name],
        )
        .map_err(pg)?
        .get(0);
    if exists {
        return Err(Error::Input(format!(
            "ログイン「{name}」は既にあります（取り消したログインの名前も使えません）"
        )));
    }
    let mut projects = Vec::new();
    for t in teams {
        projects.push(team_on_server(&mut c, t)?.0);
    }
    let member = match member {
        Some(m) => Some(member_on_server(&mut c, m, &projects)?),
        None => None,
    };
    let password = format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    );
    let mut tx = c.transaction().map_err(pg)?;
    // A password cannot be a parameter of CREATE ROLE; this one is hex only.
    tx.batch_execute(&format!(
        "CREATE ROLE {} LOGIN PASSWORD '{password}' IN ROLE {prefix}_{}",
        ident(name),
        role.group_suffix()
    ))
    .map_err(pg)?;
    tx.execute(
        "INSERT INTO bansou.logins (login, role, member) VALUES ($1, $2, $3)",
        &[&name, &role.label(), &member],
    )
    .map_err(pg)?;
    for p in &projects {
        tx.execute(
            "INSERT INTO bansou.access (login, project) VALUES ($1, $2) ON CONFLICT DO NOTHING",
            &[&name, p],
        )
        .map_err(pg)?;
    }
    tx.commit().map_err(pg)?;
    Ok(ConnectionFile {
        url: connection::public_url(url)?,
        login: name.to_owned(),
        password,
        role: role.label().to_owned(),
        ca: ca.map(str::to_owned),
    })
}

/// Revokes a login: it can no longer connect, and its sessions end. The
/// records it wrote stay, with its name.
pub fn user_remove(url: &str, ca: Option<&str>, name: &str) -> Result<()> {
    let mut c = admin(url, ca)?;
    let (_, prefix) = prepared(&mut c)?;
    let role: Option<String> = c
        .query_opt(
            "SELECT role FROM bansou.logins WHERE login = $1 AND removed_at IS NULL",
            &[&name],
        )
        .map_err(pg)?
        .map(|r| r.get(0));
    let Some(role) = role else {
        return Err(Error::Input(format!(
            "ログイン「{name}」は共有サーバーにありません（取り消し済みかもしれません）"
        )));
    };
    let role = Role::parse(&role)?;
    let mut tx = c.transaction().map_err(pg)?;
    tx.execute(
        "UPDATE bansou.logins SET removed_at = now() WHERE login = $1",
        &[&name],
    )
    .map_err(pg)?;
    tx.execute("DELETE FROM bansou.access WHERE login = $1", &[&name])
        .map_err(pg)?;
    tx.batch_execute(&format!(
        "ALTER ROLE {0} NOLOGIN; REVOKE {prefix}_{1} FROM {0};",
        ident(name),
        role.group_suffix()
    ))
    .map_err(pg)?;
    tx.commit().map_err(pg)?;
    // Its open sessions end now where the account may signal them (a
    // superuser, or a member of pg_signal_backend); otherwise they end when
    // they next connect, which NOLOGIN refuses.
    let _ = c.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1",
        &[&name],
    );
    Ok(())
}

/// Every login, who it is and when it last synced.
pub fn users(url: &str, ca: Option<&str>) -> Result<Vec<LoginRow>> {
    let mut c = admin(url, ca)?;
    prepared(&mut c)?;
    let rows = c
        .query(
            "SELECT l.login, l.role,
                    to_char(l.created_at, 'YYYY-MM-DD HH24:MI'),
                    to_char(l.last_sync, 'YYYY-MM-DD HH24:MI'),
                    to_char(l.removed_at, 'YYYY-MM-DD HH24:MI'),
                    coalesce((SELECT array_agg(r.body ORDER BY r.body)
                                FROM bansou.access a JOIN bansou.records r ON r.uuid = a.project
                               WHERE a.login = l.login), '{}')
               FROM bansou.logins l ORDER BY l.login",
            &[],
        )
        .map_err(pg)?;
    Ok(rows
        .into_iter()
        .map(|r| LoginRow {
            login: r.get(0),
            role: r.get(1),
            created_at: r.get(2),
            last_sync: r.get(3),
            removed_at: r.get(4),
            teams: r
                .get::<_, Vec<String>>(5)
                .iter()
                .map(|b| label_of(b))
                .collect(),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_read_in_japanese() {
        assert_eq!(Role::parse("伴走支援者").unwrap(), Role::Supporter);
        assert_eq!(Role::parse(" 事務局 ").unwrap(), Role::Secretariat);
        let e = Role::parse("admin").unwrap_err();
        assert!(e.to_string().contains("事務局・伴走支援者・チーム"), "{e}");
    }

    #[test]
    fn a_name_is_quoted_as_an_identifier() {
        assert_eq!(ident("佐藤"), "\"佐藤\"");
        assert_eq!(ident("a\"b"), "\"a\"\"b\"");
    }

    #[test]
    fn versions_other_than_this_builds_are_refused_in_words() {
        assert!(check_version(SCHEMA_VERSION).is_ok());
        let e = check_version(SCHEMA_VERSION + 1).unwrap_err();
        assert!(e.to_string().contains("アプリを更新してください"), "{e}");
        let e = check_version(SCHEMA_VERSION - 1).unwrap_err();
        assert!(e.to_string().contains("bansou server init"), "{e}");
    }
}
