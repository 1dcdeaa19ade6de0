//! Generates a corpus of any size from real article bodies, for the scale
//! benchmark (`scripts/scale_bench.sh`).
//!
//!     cargo run --release -p crosscheck-queue --example gen_corpus -- \
//!         --fnc1 ../shared/data/fnc-1 --count 100000 --out corpus.jsonl
//!
//! Method (deterministic: the same arguments give the same bytes):
//! - The bodies are FNC-1's `train_bodies.csv` and `competition_test_bodies.csv`
//!   (2,587 real news bodies, read from the path given; nothing is copied into
//!   the repository).
//! - Article `i` takes body `b = i mod B` in round `r = i div B`. Its
//!   paragraphs are rotated by `r` (round 0 is the body as published), and at
//!   most `--paragraphs` of them are kept (default 4, about 1 kB: the length
//!   of a wire brief; `0` keeps them all).
//! - A dateline makes every (body, round) a distinct text: a city and an
//!   outlet picked by a hash of `i` from invented lists, and the date
//!   2024-01-01 plus `r` days. The outlet is also the record's `source`, the
//!   date its `published`.
//! - Output: JSONL, one article per line (`text`, `source`, `published`,
//!   `url`), the input format of `crosscheck analyze` and `submit`.
//!
//! Real sentences keep the analysis cost realistic; the rotation and the
//! datelines give the linker many near-duplicate variants of each story (as
//! syndicated wire copy does), which is the hard case for deduplication and
//! story clustering, not an easy one.

use std::io::Write;
use std::path::PathBuf;

const OUTLETS: [&str; 12] = [
    "Harbor Tribune",
    "Coastal Wire",
    "Northern Ledger",
    "Valley Courier",
    "Evening Post",
    "Sound Radio",
    "Daily Register",
    "Metro Observer",
    "Plains Herald",
    "River Gazette",
    "Capital Dispatch",
    "Island Chronicle",
];
const CITIES: [&str; 8] = [
    "LONDON",
    "WASHINGTON",
    "PARIS",
    "BEIRUT",
    "SEOUL",
    "NEW YORK",
    "MOSCOW",
    "SYDNEY",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

struct Args {
    fnc1: PathBuf,
    count: usize,
    out: PathBuf,
    paragraphs: usize,
}

fn parse_args() -> Result<Args, String> {
    let mut fnc1 = PathBuf::from("../shared/data/fnc-1");
    let mut count = 1000;
    let mut out = None;
    let mut paragraphs = 4;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--fnc1" => fnc1 = PathBuf::from(value),
            "--count" => count = value.parse().map_err(|e| format!("--count {value}: {e}"))?,
            "--out" => out = Some(PathBuf::from(value)),
            "--paragraphs" => {
                paragraphs = value
                    .parse()
                    .map_err(|e| format!("--paragraphs {value}: {e}"))?;
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let out = out.ok_or("--out FILE is required")?;
    Ok(Args {
        fnc1,
        count,
        out,
        paragraphs,
    })
}

/// The bodies of one FNC-1 bodies file (`Body ID`, `articleBody`).
fn bodies(path: &PathBuf) -> Result<Vec<String>, String> {
    let mut reader =
        csv::Reader::from_path(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("{}: {e}", path.display()))?;
        if let Some(body) = record.get(1).filter(|b| !b.trim().is_empty()) {
            out.push(body.to_string());
        }
    }
    Ok(out)
}

/// A small, fixed hash (splitmix64) to pick names: stable across platforms and versions.
fn mix(i: u64) -> u64 {
    let mut z = i.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let mut all = bodies(&args.fnc1.join("train_bodies.csv"))?;
    all.extend(bodies(&args.fnc1.join("competition_test_bodies.csv"))?);
    if all.is_empty() {
        return Err(format!("no bodies under {}", args.fnc1.display()));
    }
    let paragraphs: Vec<Vec<&str>> = all
        .iter()
        .map(|b| b.lines().map(str::trim).filter(|p| !p.is_empty()).collect())
        .collect();
    let file =
        std::fs::File::create(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let mut out = std::io::BufWriter::new(file);
    let epoch = jiff::civil::date(2024, 1, 1);
    for i in 0..args.count {
        let (b, round) = (i % all.len(), i / all.len());
        let paras = &paragraphs[b];
        let keep = if args.paragraphs == 0 {
            paras.len()
        } else {
            args.paragraphs.min(paras.len())
        };
        let start = if paras.is_empty() {
            0
        } else {
            round % paras.len()
        };
        let body: Vec<&str> = paras
            .iter()
            .cycle()
            .skip(start)
            .take(keep)
            .copied()
            .collect();
        let h = mix(i as u64);
        let outlet = OUTLETS[(h % OUTLETS.len() as u64) as usize];
        let city = CITIES[((h >> 16) % CITIES.len() as u64) as usize];
        let date = epoch
            .checked_add(jiff::Span::new().days(round as i64))
            .map_err(|e| format!("date for round {round}: {e}"))?;
        let month = MONTHS[(date.month() - 1) as usize];
        let text = format!(
            "{city}, {month} {} ({outlet}) — {}",
            date.day(),
            body.join("\n\n")
        );
        let record = serde_json::json!({
            "url": format!("https://corpus.example/{i}"),
            "source": outlet,
            "published": date.to_string(),
            "text": text,
        });
        writeln!(out, "{record}").map_err(|e| format!("{}: {e}", args.out.display()))?;
    }
    out.flush()
        .map_err(|e| format!("{}: {e}", args.out.display()))?;
    Ok(())
}

fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
