//! `crosscheck`: the command line.
//!
//! The shell around the pure pipeline: it reads inputs (crosscheck-ingest),
//! analyses and links them (crosscheck-core), keeps everything in a store
//! (crosscheck-store) and presents the dossier (crosscheck-render).

mod analyze;
mod check;
mod check_eval;
mod checkworthy;
mod ecbplus;
mod emergent;
mod eval;
mod extract;
mod fnc1;
mod limits;
mod polnear;
mod serve;
mod stories;
mod work;

use clap::{CommandFactory, Parser, Subcommand};

/// mimalloc rather than glibc's allocator: a worker's linker holds millions
/// of small lists that grow while other threads allocate, and glibc's
/// per-thread arenas kept freed memory from being reused (a million-article
/// link needed `MALLOC_ARENA_MAX=2` to stay within 8 GB).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

/// The exit statuses every command keeps to (README, `--help`, man page).
pub mod exit {
    use std::process::ExitCode;

    /// The help text's table of exit statuses.
    pub const TABLE: &str = "Exit status:
  0  done
  1  an error (the message says what and what to do), or an evaluation's bar not met
  2  usage: an unknown command or option, a missing or bad argument
  3  nothing could be read: every input given was missing, empty, binary or not an article";

    /// Exit status 3: no input could be read, so nothing was done.
    pub fn nothing_read() -> ExitCode {
        ExitCode::from(3)
    }
}

#[derive(Parser)]
#[command(
    name = "crosscheck",
    version,
    about = "What is claimed, by whom, on whose authority: a dossier from many articles about one story",
    after_help = exit::TABLE
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where the dossier goes besides the terminal.
#[derive(clap::Args, Clone, Default)]
pub struct Outputs {
    /// Write the dossier as JSON (contract version 1).
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Write the dossier as Markdown.
    #[arg(long, value_name = "FILE")]
    markdown: Option<PathBuf>,
    /// Write the dossier as a self-contained HTML page.
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// Print nothing but errors on the terminal.
    #[arg(long, short)]
    quiet: bool,
    /// Never colour the terminal summary.
    #[arg(long)]
    no_color: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse articles (files, folders, globs, `-` for stdin) and print the dossier.
    Analyze {
        /// Articles: .txt, .html, .jsonl files, folders (recursive), glob patterns, or `-`.
        #[arg(required = true, value_name = "ARTICLES")]
        articles: Vec<String>,
        /// The store (SQLite file, created if missing).
        #[arg(long, default_value = "crosscheck.db", value_name = "DB")]
        db: String,
        #[command(flatten)]
        read: limits::ReadLimits,
        #[command(flatten)]
        analysis: limits::AnalysisLimits,
        #[command(flatten)]
        out: Outputs,
    },
    /// Re-render the stored dossier without re-analysing.
    Report {
        /// The store to read (a SQLite file or postgres://…); never created.
        #[arg(long, default_value = "crosscheck.db", value_name = "DB")]
        db: String,
        #[command(flatten)]
        out: Outputs,
    },
    /// Full-text search over the stored articles (a name finds every spelling the dossier knows).
    Search {
        /// Words to find (all of them); no operators, quotes are ignored.
        query: String,
        /// The store to read (a SQLite file or postgres://…); never created.
        #[arg(long, default_value = "crosscheck.db", value_name = "DB")]
        db: String,
        /// At most this many articles, best first.
        #[arg(long, default_value_t = 20, value_name = "N")]
        limit: i64,
    },
    /// What each article does with one claim (asserts, hedges, denies, reports a denial), and a verdict.
    Check {
        /// The claim, in a sentence.
        claim: String,
        /// Articles: .txt, .html, .jsonl files, folders, glob patterns, or `-`.
        #[arg(value_name = "ARTICLES")]
        articles: Vec<String>,
        /// Also check every article stored in this store.
        #[arg(long, value_name = "DB")]
        db: Option<String>,
        #[command(flatten)]
        read: limits::ReadLimits,
        #[command(flatten)]
        analysis: limits::AnalysisLimits,
    },
    /// Train a learned component (`stance`: the judge, on FNC-1's training pairs).
    Train {
        #[command(subcommand)]
        what: TrainTarget,
    },
    /// Queue articles for workers (NATS JetStream): files, folders, globs, `-`.
    Submit {
        /// Articles: .txt, .html, .jsonl files, folders (recursive), glob patterns, or `-`.
        #[arg(required = true, value_name = "ARTICLES")]
        articles: Vec<String>,
        #[command(flatten)]
        queue: work::QueueArgs,
        #[command(flatten)]
        read: limits::ReadLimits,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Analyse queued articles into a store, until stopped (Ctrl-C, SIGTERM).
    Worker {
        #[command(flatten)]
        queue: work::QueueArgs,
        #[command(flatten)]
        args: work::WorkerArgs,
        /// Print nothing but errors.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Queue depth, progress, throughput and failures per worker.
    Status {
        #[command(flatten)]
        queue: work::QueueArgs,
        /// The store the workers write (a SQLite file or postgres://…); never created.
        #[arg(long, default_value = "crosscheck.db", value_name = "DB")]
        db: String,
    },
    /// Serve the dossier as web pages and a JSON API (`/api`, `/openapi.json`).
    Serve {
        /// The store to serve; read-only (and never created) unless a token is given.
        #[arg(long, default_value = "crosscheck.db", value_name = "DB")]
        db: String,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080", value_name = "ADDR")]
        listen: String,
        /// Token that writes (POST /api/articles) must carry (else env
        /// CROSSCHECK_TOKEN); none: read-only.
        #[arg(long, value_name = "TOKEN")]
        token: Option<String>,
        #[command(flatten)]
        read: limits::ReadLimits,
        #[command(flatten)]
        analysis: limits::AnalysisLimits,
    },
    /// The extraction alone: clean text and metadata of pages, feeds and WARC files.
    Extract(extract::ExtractArgs),
    /// Measure accuracy against gold data (what each data set is: docs/data.md).
    Eval {
        #[command(subcommand)]
        what: eval::Target,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell to complete in.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `crosscheck man > crosscheck.1`.
    Man,
}

#[derive(Subcommand)]
enum TrainTarget {
    /// The judge (claim relatedness and stance) on FNC-1 train_*.csv.
    Stance(fnc1::Fnc1Args),
    /// The check-worthiness model of sentences, on gold story folders.
    Checkworthy {
        /// Gold story folders (gold.json + corpus/ each).
        #[arg(required = true, value_name = "STORY_DIR")]
        stories: Vec<PathBuf>,
        /// Where to write the model.
        #[arg(long, default_value = "crates/core/data/checkworthy.json")]
        out: PathBuf,
    },
    /// The pairwise claim model and grouping thresholds, on gold story folders
    /// (gold.json + corpus/ each; needs `bash scripts/fetch-models.sh`).
    Grouping {
        /// Gold story folders (gold.json + corpus/ each).
        #[arg(required = true, value_name = "STORY_DIR")]
        stories: Vec<PathBuf>,
        /// Where to write the models.
        #[arg(long, default_value = "crates/link/data/grouping.json")]
        out: PathBuf,
        /// Also write the training pairs (signals and label) as TSV.
        #[arg(long, value_name = "FILE")]
        pairs: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = rt.block_on(async {
        match cli.command {
            Command::Analyze {
                articles,
                db,
                read,
                analysis,
                out,
            } => analyze::run(&articles, &db, &read, &analysis, &out).await,
            Command::Report { db, out } => analyze::report(&db, &out).await,
            Command::Search { query, db, limit } => analyze::search(&db, &query, limit).await,
            Command::Check {
                claim,
                articles,
                db,
                read,
                analysis,
            } => check::run(&claim, &articles, db.as_deref(), &read, &analysis).await,
            Command::Eval { what } => eval::run(what),
            Command::Extract(args) => extract::run(&args),
            Command::Serve {
                db,
                listen,
                token,
                read,
                analysis,
            } => serve::run(&db, &listen, token, &read, &analysis).await,
            Command::Submit {
                articles,
                queue,
                read,
                quiet,
            } => work::submit(&articles, &read, &queue, quiet).await,
            Command::Worker { queue, args, quiet } => work::worker(&queue, &args, quiet).await,
            Command::Status { queue, db } => work::status(&queue, &db).await,
            Command::Train {
                what: TrainTarget::Stance(args),
            } => fnc1::train_stance(&args),
            Command::Train {
                what: TrainTarget::Checkworthy { stories, out },
            } => checkworthy::train(&stories, &out),
            Command::Train {
                what:
                    TrainTarget::Grouping {
                        stories,
                        out,
                        pairs,
                    },
            } => stories::train(&stories, &out, pairs.as_deref()),
            Command::Completions { shell } => {
                let mut cmd = Cli::command();
                let mut script = Vec::new();
                clap_complete::generate(shell, &mut cmd, "crosscheck", &mut script);
                analyze::print_stdout(&String::from_utf8_lossy(&script)).map(|()| ExitCode::SUCCESS)
            }
            Command::Man => {
                let mut page = Vec::new();
                clap_mangen::Man::new(Cli::command())
                    .render(&mut page)
                    .map_err(anyhow::Error::from)
                    .and_then(|()| analyze::print_stdout(&String::from_utf8_lossy(&page)))
                    .map(|()| ExitCode::SUCCESS)
            }
        }
    });
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Whether to colour and animate: a terminal on stderr/stdout and no opt-out.
pub fn is_tty(out: &Outputs) -> bool {
    !out.no_color && std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    /// Every command and every option a user can give says what it is for.
    #[test]
    fn every_command_and_option_has_help() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            let path = format!("{path} {}", cmd.get_name());
            if cmd.get_about().is_none() && path != " crosscheck" {
                missing.push(format!("{path}: the command"));
            }
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                if arg.get_help().is_none() && arg.get_long_help().is_none() {
                    missing.push(format!("{path}: {id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                if sub.get_name() != "help" {
                    walk(sub, &path, missing);
                }
            }
        }
        let cmd = Cli::command();
        cmd.clone().debug_assert();
        let mut missing = Vec::new();
        walk(&cmd, "", &mut missing);
        assert!(
            missing.is_empty(),
            "without help text:\n{}",
            missing.join("\n")
        );
    }
}
