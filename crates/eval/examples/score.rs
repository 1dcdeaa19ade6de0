//! Scores a dossier JSON file against a gold file and prints the report:
//! a way to run this crate's scorer on the same files as the independent
//! Python scorers and compare the figures.
//!
//! usage: `cargo run -p crosscheck-eval --example score -- seeds|heldout GOLD.json DOSSIER.json [--json]`
//!
//! With `--json` it prints the metrics as one JSON object (name -> value, at
//! full precision) instead of the table.

use std::process::ExitCode;

use crosscheck_model::Dossier;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (format, gold, dossier, json) = match args.as_slice() {
        [f, g, d] => (f, g, d, false),
        [f, g, d, flag] if flag == "--json" => (f, g, d, true),
        _ => {
            eprintln!("usage: score seeds|heldout GOLD.json DOSSIER.json [--json]");
            return ExitCode::from(2);
        }
    };
    match run(format, gold, dossier) {
        Ok(report) => {
            if json {
                let map: serde_json::Map<String, serde_json::Value> = report
                    .metrics
                    .iter()
                    .map(|m| (m.name.to_string(), m.value.into()))
                    .collect();
                println!("{}", serde_json::Value::Object(map));
            } else {
                println!("{report}");
            }
            if report.passed() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(format: &str, gold: &str, dossier: &str) -> Result<crosscheck_eval::Report, String> {
    let read = |p: &str| std::fs::read_to_string(p).map_err(|e| format!("{p}: {e}"));
    let gold: serde_json::Value =
        serde_json::from_str(&read(gold)?).map_err(|e| format!("gold: {e}"))?;
    let dossier: Dossier =
        serde_json::from_str(&read(dossier)?).map_err(|e| format!("dossier: {e}"))?;
    let report = match format {
        "seeds" => crosscheck_eval::seeds::score(&gold, &dossier),
        "heldout" => crosscheck_eval::heldout::score(&gold, &dossier),
        other => return Err(format!("unknown gold format {other:?}")),
    };
    report.map_err(|e| e.to_string())
}
