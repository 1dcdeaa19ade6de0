//! Test support (feature `testing`): a throw-away PostgreSQL schema per test,
//! so that tests run in parallel on one server and leave nothing behind.
//!
//! The server is `CROSSCHECK_TEST_POSTGRES`, else the local one at
//! `postgres://postgres@127.0.0.1:5432/test`. Tests that need it fail (with
//! that URL in the message) when it does not answer: a test that passes
//! without its server would hide exactly the failures it is there to catch.

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use sqlx::{AnyConnection, Connection};

/// The PostgreSQL server tests use.
pub fn postgres_url() -> String {
    std::env::var("CROSSCHECK_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string())
}

/// A schema of its own on the test server; [`PgSchema::url`] opens a store in it.
#[derive(Debug)]
pub struct PgSchema {
    admin: AnyConnection,
    name: String,
    url: String,
}

impl PgSchema {
    /// Creates a fresh schema. Panics (it is for tests) when the server does not answer.
    pub async fn create(tag: &str) -> PgSchema {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        sqlx::any::install_default_drivers();
        let server = postgres_url();
        let connect = AnyConnection::connect(&server);
        let mut admin = match tokio::time::timeout(Duration::from_secs(10), connect).await {
            Ok(Ok(conn)) => conn,
            Ok(Err(e)) => panic!("no PostgreSQL at {server} ({e}): set CROSSCHECK_TEST_POSTGRES"),
            Err(_) => panic!("no answer from PostgreSQL at {server}: set CROSSCHECK_TEST_POSTGRES"),
        };
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let tag: String = tag
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .take(24)
            .collect();
        let name = format!(
            "cc_{tag}_{}_{}_{nanos}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {name}")))
            .execute(&mut admin)
            .await
            .unwrap_or_else(|e| panic!("creating schema {name} on {server}: {e}"));
        let sep = if server.contains('?') { '&' } else { '?' };
        let url = format!("{server}{sep}options=-c%20search_path%3D{name}");
        PgSchema { admin, name, url }
    }

    /// The database URL of a store in this schema.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The schema's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// A connection outside the schema's stores (to inspect them, or to
    /// terminate their connections).
    pub fn admin(&mut self) -> &mut AnyConnection {
        &mut self.admin
    }

    /// Drops the schema and everything in it.
    pub async fn drop(mut self) {
        let dropped = sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP SCHEMA {} CASCADE",
            self.name
        )))
        .execute(&mut self.admin)
        .await;
        if let Err(e) = dropped {
            panic!("dropping schema {}: {e}", self.name);
        }
        let _ = self.admin.close().await;
    }
}
