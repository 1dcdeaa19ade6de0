//! The schema migrations of each backend, embedded in the binary.
//!
//! Listed by hand rather than by `sqlx::migrate!`: that macro was the only
//! use of sqlx's `macros` feature, which builds a second copy of sqlx, its
//! drivers, tokio and the URL and Unicode crates for the compiler (about a
//! tenth of a cold release build; docs/building.md). The migrations are
//! made exactly as the macro makes them (version and description from the
//! file name, the checksum of the text), so stores migrated before read
//! the same. A test checks that every file of `migrations/` is listed.

use std::borrow::Cow;

use futures::future::BoxFuture;
use sqlx::SqlSafeStr;
use sqlx::error::BoxDynError;
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};

use crate::Backend;

/// `(file name, text)` of each migration file of a folder of `migrations/`.
macro_rules! embedded {
    ($dir:literal: $($file:literal),* $(,)?) => {
        &[$(($file, include_str!(concat!("../migrations/", $dir, "/", $file)))),*]
    };
}

const SQLITE: &[(&str, &str)] = embedded!("sqlite":
    "0001_init.sql",
    "0006_work.sql",
    "0007_link_order.sql",
    "0008_dossier_parts.sql",
    "0009_packed_parts.sql",
);

const POSTGRES: &[(&str, &str)] = embedded!("postgres":
    "0001_init.sql",
    "0006_work.sql",
    "0007_link_order.sql",
    "0008_dossier_parts.sql",
    "0009_packed_parts.sql",
    "0010_bounded_search_vector.sql",
);

/// The migration files of one backend, as a source for [`Migrator::new`].
#[derive(Debug)]
struct Embedded(&'static [(&'static str, &'static str)]);

impl MigrationSource<'static> for Embedded {
    fn resolve(self) -> BoxFuture<'static, Result<Vec<Migration>, BoxDynError>> {
        Box::pin(async move {
            self.0
                .iter()
                .map(|&(file, sql)| {
                    let (version, rest) = file
                        .split_once('_')
                        .ok_or_else(|| format!("migration {file}: no `_` after the version"))?;
                    let version: i64 = version
                        .parse()
                        .map_err(|_| format!("migration {file}: the version is not a number"))?;
                    let kind = MigrationType::from_filename(rest);
                    let description = rest.trim_end_matches(kind.suffix()).replace('_', " ");
                    Ok(Migration::new(
                        version,
                        Cow::Owned(description),
                        kind,
                        sql.into_sql_str(),
                        sql.starts_with("-- no-transaction"),
                    ))
                })
                .collect()
        })
    }
}

/// The migrator of `backend`'s schema.
pub(crate) async fn migrator(backend: Backend) -> Result<Migrator, sqlx::migrate::MigrateError> {
    Migrator::new(Embedded(match backend {
        Backend::Sqlite => SQLITE,
        Backend::Postgres => POSTGRES,
    }))
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_migration_file_is_embedded() {
        for (dir, list) in [("sqlite", SQLITE), ("postgres", POSTGRES)] {
            let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("migrations")
                .join(dir);
            let mut files: Vec<String> = std::fs::read_dir(&folder)
                .expect("the migrations folder")
                .map(|e| {
                    e.expect("an entry")
                        .file_name()
                        .to_string_lossy()
                        .into_owned()
                })
                .filter(|f| f.ends_with(".sql"))
                .collect();
            files.sort();
            let listed: Vec<&str> = list.iter().map(|(f, _)| *f).collect();
            assert_eq!(files, listed, "migrations/{dir}");
        }
    }

    #[tokio::test]
    async fn migrations_are_made_as_the_directory_reader_makes_them() {
        for (dir, backend) in [("sqlite", Backend::Sqlite), ("postgres", Backend::Postgres)] {
            let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("migrations")
                .join(dir);
            let from_files = Migrator::new(folder).await.expect("read from the folder");
            let embedded = migrator(backend).await.expect("embedded");
            let key = |m: &Migration| {
                (
                    m.version,
                    m.description.to_string(),
                    m.checksum.to_vec(),
                    m.no_tx,
                )
            };
            assert_eq!(
                embedded.iter().map(key).collect::<Vec<_>>(),
                from_files.iter().map(key).collect::<Vec<_>>(),
                "{dir}"
            );
        }
    }
}
