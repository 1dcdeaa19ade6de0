//! The store's error type.

use std::path::PathBuf;

/// What went wrong in the store. Every message names the database (with any
/// password hidden) and the cause, so it can be shown to a user as it is.
///
/// The causes are carried as fields (not as [`std::error::Error::source`]),
/// because each message already includes them: a reporter that prints the
/// whole chain would otherwise print every cause twice.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The string given is not a path or URL this store understands.
    #[error("cannot open database {db}: {reason}")]
    BadLocation {
        /// The database as given (password hidden).
        db: String,
        /// Why it cannot be used.
        reason: String,
    },
    /// A SQLite file was asked for in a directory that does not exist.
    #[error("cannot open database {db}: directory {} does not exist", dir.display())]
    MissingDirectory {
        /// The database as given.
        db: String,
        /// The missing directory.
        dir: PathBuf,
    },
    /// A store was to be read, and there is none at that place (reading
    /// never creates one).
    #[error(
        "no store at {db}: `crosscheck analyze ARTICLES --db {db}` creates one (check the path for a typo)"
    )]
    NoStore {
        /// The database as given.
        db: String,
    },
    /// The database exists but was not made by crosscheck, or by a version
    /// older than this one and not yet brought up to date.
    #[error("cannot read database {db}: {reason}")]
    NotReadable {
        /// The database as given (password hidden).
        db: String,
        /// What is wrong and what to do.
        reason: String,
    },
    /// Connecting to (or creating) the database failed.
    #[error("cannot open database {db}: {}", in_words(cause))]
    Open {
        /// The database as given (password hidden).
        db: String,
        /// The driver's error.
        cause: sqlx::Error,
    },
    /// Bringing the schema up to date failed.
    #[error("cannot set up the tables of database {db}: {cause}")]
    Migrate {
        /// The database as given (password hidden).
        db: String,
        /// The migrator's error.
        cause: sqlx::migrate::MigrateError,
    },
    /// A statement failed.
    #[error("database {db}: {action} failed: {}", in_words(cause))]
    Query {
        /// The database as given (password hidden).
        db: String,
        /// What the store was doing ("storing document 0123…").
        action: String,
        /// The driver's error.
        cause: sqlx::Error,
    },
    /// An analysis was given for a document that is not stored.
    #[error(
        "database {db}: cannot store the analysis of document {doc}: the document is not stored (store it first)"
    )]
    UnknownDocument {
        /// The database as given (password hidden).
        db: String,
        /// The document id the analysis names.
        doc: String,
    },
    /// Stored JSON does not decode into this version's types (written by
    /// another version of crosscheck, or damaged).
    #[error(
        "database {db}: the stored {what} cannot be read by this version of crosscheck \
         (written by another version, or damaged; re-run the analysis to rebuild it): {cause}"
    )]
    BadJson {
        /// The database as given (password hidden).
        db: String,
        /// Which value ("analysis of document 0123… (analyzer v1)", "dossier").
        what: String,
        /// The decoder's error.
        cause: serde_json::Error,
    },
    /// A value could not be encoded as JSON.
    #[error("database {db}: cannot encode the {what} as JSON: {cause}")]
    Encode {
        /// The database as given (password hidden).
        db: String,
        /// Which value.
        what: String,
        /// The encoder's error.
        cause: serde_json::Error,
    },
}

/// A driver error said in words with what to do, for the causes a user can
/// act on; anything else keeps the driver's own message.
pub(crate) fn in_words(cause: &sqlx::Error) -> String {
    match cause {
        sqlx::Error::Database(e) => {
            let code = e.code().unwrap_or_default();
            // SQLite reports (extended) result codes as numbers; the
            // primary code is the low byte. PostgreSQL reports SQLSTATEs.
            let words = match code.parse::<u32>().map(|c| (c & 0xff, c)) {
                Ok((14, _)) => Some(
                    "the file cannot be opened or created there (is the folder writable, \
                     and is the path a file?); give --db a path in a folder you may write to",
                ),
                Ok((8, _)) => Some(
                    "the store is read-only here (the file, or the folder that holds it, may \
                     not be written by you); commands that only read (report, search, serve \
                     without --token) work on it, or copy it to a folder you may write to",
                ),
                Ok((26, _)) => {
                    Some("the file is not a SQLite database: is --db pointing at another file?")
                }
                Ok((11, _)) => Some(
                    "the file is damaged (a copy taken while it was written?); use an intact \
                     copy, or analyse the articles again into a new store",
                ),
                Ok((5 | 6, _)) => Some(
                    "another process holds a lock on the store (another crosscheck running?); \
                     try again when it has finished",
                ),
                Ok((13, _)) => Some("the disk is full; free some space and run the command again"),
                Ok((3, _)) => Some("permission denied by the operating system"),
                _ => None,
            };
            let words = words.or(match code.as_ref() {
                "28P01" | "28000" => {
                    Some("the server refused the user name or password in the URL")
                }
                "3D000" => Some(
                    "the database named in the URL does not exist on the server (create it first)",
                ),
                "42501" => Some("the database user lacks the rights this needs"),
                _ => None,
            });
            match words {
                Some(w) => w.to_string(),
                None => e.message().to_string(),
            }
        }
        sqlx::Error::Io(e) => match e.kind() {
            std::io::ErrorKind::ConnectionRefused => {
                "nothing answers at that address (is the database server running?)".to_string()
            }
            std::io::ErrorKind::PermissionDenied => {
                "permission denied by the operating system".to_string()
            }
            _ => format!("input/output error: {e}"),
        },
        sqlx::Error::PoolTimedOut => {
            "no connection became free in time (the database is busy or unreachable)".to_string()
        }
        other => other.to_string(),
    }
}
