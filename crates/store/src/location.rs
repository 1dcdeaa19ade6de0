//! Turns what the user typed after `--db` into a connection URL.
//!
//! A plain path becomes an absolute `sqlite://` URL (parent directory
//! resolved, special characters percent-encoded, `mode=rwc` so the file is
//! created); `sqlite:` URLs get the same treatment; `postgres://` URLs are
//! passed through. Checking the parent directory here is what turns SQLite's
//! bare "unable to open database file" into a message that says which
//! directory is missing.

use std::path::{Path, PathBuf};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};

use crate::error::StoreError;

/// Which database server speaks behind the `Any` driver.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A SQLite file (or an in-memory SQLite database).
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// Whether a store is opened to write (and created when missing) or only
/// to read (it must exist; nothing on disk changes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Read and write; a missing SQLite file is created.
    ReadWrite,
    /// Read only: a missing store is an error, never created, and a file
    /// the user may not write (`chmod 444`) can still be read.
    ReadOnly,
}

/// A resolved database location.
#[derive(Debug, Clone)]
pub(crate) struct Location {
    pub backend: Backend,
    /// The URL handed to the driver.
    pub url: String,
    /// The database as given, password hidden: used in messages.
    pub display: String,
    /// An in-memory SQLite database (one connection, never closed while open).
    pub in_memory: bool,
    /// The SQLite file, absolute (None for PostgreSQL and in-memory stores).
    pub file: Option<PathBuf>,
}

/// Characters kept as they are in the path part of a `sqlite://` URL; the
/// rest is percent-encoded (SQLite's URL parser decodes the path again).
const PATH_KEEP: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Resolves `db` (a path, `sqlite:…`, `postgres://…` or `postgresql://…`).
/// Read-only access to a SQLite file that does not exist is
/// [`StoreError::NoStore`]: reading never creates a store.
pub(crate) fn resolve(db: &str, access: Access) -> Result<Location, StoreError> {
    let display = redact(db);
    let bad = |reason: &str| StoreError::BadLocation {
        db: display.clone(),
        reason: reason.to_string(),
    };
    if db.trim().is_empty() {
        return Err(bad("no database name given"));
    }
    if db.starts_with("postgres://") || db.starts_with("postgresql://") {
        return Ok(Location {
            backend: Backend::Postgres,
            url: db.to_string(),
            display,
            in_memory: false,
            file: None,
        });
    }
    let (path, params) = if let Some(rest) = db.strip_prefix("sqlite:") {
        let rest = rest.strip_prefix("//").unwrap_or(rest);
        let (path, params) = match rest.split_once('?') {
            Some((path, params)) => (path, Some(params)),
            None => (rest, None),
        };
        let path = percent_decode_str(path)
            .decode_utf8()
            .map_err(|_| bad("the path in the URL is not valid UTF-8 once decoded"))?;
        (path.into_owned(), params)
    } else if let Some((scheme, _)) = db.split_once("://") {
        return Err(bad(&format!(
            "unsupported database kind `{scheme}` (give a file path, sqlite://… or postgres://…)"
        )));
    } else {
        (db.to_string(), None)
    };

    let memory_mode = params.is_some_and(|p| param(p, "mode") == Some("memory"));
    if path == ":memory:" || memory_mode {
        return Ok(Location {
            backend: Backend::Sqlite,
            url: "sqlite::memory:".to_string(),
            display,
            in_memory: true,
            file: None,
        });
    }
    if path.is_empty() {
        return Err(bad("no file name given"));
    }

    let file = sqlite_file(Path::new(&path), &display)?;
    if access == Access::ReadOnly && !file.is_file() {
        return Err(StoreError::NoStore { db: display });
    }
    let Some(name) = file.to_str() else {
        return Err(bad("the resolved path is not valid UTF-8"));
    };
    let mode = match access {
        Access::ReadWrite => "mode=rwc",
        Access::ReadOnly => "mode=ro",
    };
    let mut url = format!("sqlite://{}", utf8_percent_encode(name, PATH_KEEP));
    match params {
        // A mode the user gave in a URL is kept, except that reading never
        // asks for more than reading.
        Some(p) if param(p, "mode").is_some() && access == Access::ReadWrite => {
            url.push('?');
            url.push_str(p);
        }
        Some(p) if !p.is_empty() => {
            let rest: Vec<&str> = p.split('&').filter(|kv| !kv.starts_with("mode=")).collect();
            url.push('?');
            if !rest.is_empty() {
                url.push_str(&rest.join("&"));
                url.push('&');
            }
            url.push_str(mode);
        }
        _ => {
            url.push('?');
            url.push_str(mode);
        }
    }
    Ok(Location {
        backend: Backend::Sqlite,
        url,
        display,
        in_memory: false,
        file: Some(file),
    })
}

/// The absolute path of a SQLite file: its parent directory must exist.
fn sqlite_file(path: &Path, display: &str) -> Result<PathBuf, StoreError> {
    let bad = |reason: String| StoreError::BadLocation {
        db: display.to_string(),
        reason,
    };
    if path.is_dir() {
        return Err(bad(format!("{} is a directory", path.display())));
    }
    let Some(name) = path.file_name() else {
        return Err(bad(format!("{} does not name a file", path.display())));
    };
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir = match std::fs::canonicalize(parent) {
        Ok(dir) => dir,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(StoreError::MissingDirectory {
                db: display.to_string(),
                dir: parent.to_path_buf(),
            });
        }
        Err(e) => return Err(bad(format!("cannot reach {}: {e}", parent.display()))),
    };
    if !dir.is_dir() {
        return Err(bad(format!("{} is not a directory", parent.display())));
    }
    Ok(dir.join(name))
}

/// The value of `key` in a URL query string (`a=1&b=2`).
fn param<'a>(query: &'a str, key: &str) -> Option<&'a str> {
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find_map(|(k, v)| (k == key).then_some(v))
}

/// `db` with the password of a `scheme://user:password@host` URL replaced by `***`.
pub(crate) fn redact(db: &str) -> String {
    let Some((scheme, rest)) = db.split_once("://") else {
        return db.to_string();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let Some((userinfo, host)) = authority.rsplit_once('@') else {
        return db.to_string();
    };
    match userinfo.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***@{host}{tail}"),
        None => db.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_path_becomes_absolute_url_with_create_mode() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("news #1?.db");
        let loc = resolve(db.to_str().unwrap(), Access::ReadWrite).unwrap();
        assert_eq!(loc.backend, Backend::Sqlite);
        assert!(loc.url.starts_with("sqlite:///"), "{}", loc.url);
        assert!(
            loc.url.ends_with("news%20%231%3F.db?mode=rwc"),
            "{}",
            loc.url
        );
    }

    #[test]
    fn sqlite_url_keeps_its_mode_or_gets_rwc() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().to_str().unwrap();
        let ro = resolve(&format!("sqlite://{base}/a.db?mode=ro"), Access::ReadWrite).unwrap();
        assert!(ro.url.ends_with("/a.db?mode=ro"), "{}", ro.url);
        let cache = resolve(
            &format!("sqlite:{base}/a.db?cache=shared"),
            Access::ReadWrite,
        )
        .unwrap();
        assert!(
            cache.url.ends_with("/a.db?cache=shared&mode=rwc"),
            "{}",
            cache.url
        );
    }

    #[test]
    fn memory_and_postgres_and_unknown_schemes() {
        assert!(resolve(":memory:", Access::ReadWrite).unwrap().in_memory);
        assert!(
            resolve("sqlite::memory:", Access::ReadWrite)
                .unwrap()
                .in_memory
        );
        let pg = resolve(
            "postgres://editor:s3cret@db.example/news",
            Access::ReadWrite,
        )
        .unwrap();
        assert_eq!(pg.backend, Backend::Postgres);
        assert_eq!(pg.display, "postgres://editor:***@db.example/news");
        let err = resolve("mysql://root@localhost/news", Access::ReadWrite).unwrap_err();
        assert!(
            err.to_string()
                .contains("unsupported database kind `mysql`")
        );
        assert!(matches!(
            resolve("  ", Access::ReadWrite),
            Err(StoreError::BadLocation { .. })
        ));
    }

    #[test]
    fn reading_never_creates_and_never_asks_to_write() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("typo.db");
        let err = resolve(db.to_str().unwrap(), Access::ReadOnly).unwrap_err();
        assert!(matches!(err, StoreError::NoStore { .. }), "{err}");
        assert!(err.to_string().contains("typo.db"), "{err}");
        assert!(!db.exists());
        std::fs::write(&db, b"").unwrap();
        let ro = resolve(db.to_str().unwrap(), Access::ReadOnly).unwrap();
        assert!(ro.url.ends_with("/typo.db?mode=ro"), "{}", ro.url);
        let url = format!("sqlite://{}?cache=shared&mode=rwc", db.display());
        let ro = resolve(&url, Access::ReadOnly).unwrap();
        assert!(
            ro.url.ends_with("/typo.db?cache=shared&mode=ro"),
            "{}",
            ro.url
        );
    }

    #[test]
    fn missing_directory_is_named() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("no-such-dir").join("store.db");
        let err = resolve(db.to_str().unwrap(), Access::ReadWrite).unwrap_err();
        assert!(matches!(err, StoreError::MissingDirectory { .. }));
        assert!(err.to_string().contains("no-such-dir"), "{err}");
        assert!(err.to_string().contains("does not exist"), "{err}");
    }

    #[test]
    fn directory_is_not_a_database() {
        let dir = tempfile::tempdir().unwrap();
        let err = resolve(dir.path().to_str().unwrap(), Access::ReadWrite).unwrap_err();
        assert!(err.to_string().contains("is a directory"), "{err}");
    }

    #[test]
    fn redact_leaves_urls_without_password_alone() {
        assert_eq!(
            redact("postgres://postgres@127.0.0.1/test"),
            "postgres://postgres@127.0.0.1/test"
        );
        assert_eq!(redact("store.db"), "store.db");
        assert_eq!(
            redact("postgres://u:p@h:5432/d?options=x@y"),
            "postgres://u:***@h:5432/d?options=x@y"
        );
    }
}
