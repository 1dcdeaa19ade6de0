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
    /// Connecting to (or creating) the database failed.
    #[error("cannot open database {db}: {cause}")]
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
    #[error("database {db}: {action} failed: {cause}")]
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
