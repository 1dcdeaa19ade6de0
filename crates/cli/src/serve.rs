//! `crosscheck serve`: the analyst's desk over HTTP (crosscheck-server).

use std::net::SocketAddr;
use std::process::ExitCode;

use anyhow::{Context, Result};
use crosscheck_server::{AppState, Settings};
use crosscheck_store::Store;

/// Largest request body the server reads (an upload of many articles).
const MAX_BODY_BYTES: usize = 32 * 1024 * 1024;

/// Opens the store, then serves pages and API on `listen` until Ctrl-C.
pub async fn run(
    db: &str,
    listen: &str,
    token: Option<String>,
    read: &crate::limits::ReadLimits,
    analysis: &crate::limits::AnalysisLimits,
) -> Result<ExitCode> {
    // The server's library logs with `tracing`; only the binary subscribes.
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    // A second subscriber (a test harness that set one) is not an error.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();

    let addr: SocketAddr = listen
        .parse()
        .with_context(|| format!("--listen {listen:?} is not an address like 127.0.0.1:8080"))?;
    let token = token
        .or_else(|| std::env::var("CROSSCHECK_TOKEN").ok())
        .filter(|t| !t.trim().is_empty());
    if let Some(t) = &token
        && t.len() < 16
    {
        anyhow::bail!("the token is {} characters long: use at least 16", t.len());
    }
    let read_only = token.is_none();
    // Without a token nothing is written: the store must exist and is only read.
    let store = if read_only {
        Store::open_read_only(db).await?
    } else {
        Store::open(db)
            .await
            .with_context(|| format!("opening the store {db}"))?
    };
    let state = AppState::new(
        store.clone(),
        Settings {
            token,
            max_body_bytes: MAX_BODY_BYTES,
            read: read.options(),
            limits: analysis.limits(),
        },
    )
    .await
    .with_context(|| format!("reading the dossier of {db}"))?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("listening on {addr}"))?;
    let local = listener.local_addr().unwrap_or(addr);
    eprintln!(
        "crosscheck serving {db} on http://{local}/ ({})",
        if read_only {
            "read-only: give --token or CROSSCHECK_TOKEN to accept articles"
        } else {
            "writes need the token"
        }
    );
    axum::serve(listener, crosscheck_server::app(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("serving")?;
    // Articles posted while serving are folded into the file itself.
    store.close().await;
    Ok(ExitCode::SUCCESS)
}
