#!/usr/bin/env bash
# Scale benchmark of distributed runs (issue 6): articles/s for 1, 2 and 4
# workers, and end-to-end time and peak memory by corpus size, through the
# real NATS JetStream and PostgreSQL (one fresh schema and queue per run,
# dropped afterwards).
#
#   scripts/scale_bench.sh                       # sizes 1000 10000, workers 1 2 4
#   SIZES="1000 10000 100000" scripts/scale_bench.sh
#   WORKERS= SIZES=1000000 LOGS=/tmp/logs scripts/scale_bench.sh   # one size, no throughput runs, keep worker logs
#   KEEP=1 ...                                   # keep the store (schema) and queue for re-runs
#
# The corpus comes from crates/queue/examples/gen_corpus.rs (real FNC-1
# bodies, see its method). Each worker runs one analysis thread
# (--threads 1), so that N workers use N cores' worth of analysis.
# Prints one line per run; the figures are wall-clock seconds and peak
# resident memory (/usr/bin/time's maximum RSS) of the largest process.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SHARED=${CROSSCHECK_SHARED:-$PWD/../shared}
PG=${CROSSCHECK_BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432/test}
NATS=${CROSSCHECK_BENCH_NATS:-nats://127.0.0.1:4222}
SIZES=${SIZES:-"1000 10000"}
WORKERS=${WORKERS-"1 2 4"}
THROUGHPUT_N=${THROUGHPUT_N:-4000}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/crosscheck-target}

cargo build -q --release -p crosscheck -p crosscheck-queue --example gen_corpus
BIN=$CARGO_TARGET_DIR/release/crosscheck
GEN=$CARGO_TARGET_DIR/release/examples/gen_corpus
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

corpus() { # N -> path
    local f=$WORK/corpus-$1.jsonl
    [ -f "$f" ] || "$GEN" --fnc1 "$SHARED/data/fnc-1" --count "$1" --out "$f"
    echo "$f"
}

# run N WORKERS LINK(yes|no): prints "N workers submit_s work_s total_s peak_mb link"
run() {
    local n=$1 w=$2 link=$3 tag="bench_$$_${1}_${2}"
    local file
    file=$(corpus "$n")
    psql -q "$PG" -c "CREATE SCHEMA $tag" >/dev/null
    local db="$PG?options=-c%20search_path%3D$tag"
    local t0 t1 t2
    t0=$(date +%s.%N)
    /usr/bin/time -f "%M" -o "$WORK/submit.mem" "$BIN" submit "$file" --nats "$NATS" --queue "$tag" -q
    t1=$(date +%s.%N)
    local pids=() extra=()
    [ "$link" = no ] && extra=(--no-link)
    for i in $(seq 1 "$w"); do
        /usr/bin/time -f "%M" -o "$WORK/worker$i.mem" "$BIN" worker --nats "$NATS" --queue "$tag" \
            --db "$db" --name "w$i" --threads 1 --batch 64 --exit-when-drained "${extra[@]}" \
            2>"$WORK/worker$i.log" &
        pids+=($!)
    done
    for p in "${pids[@]}"; do wait "$p"; done
    t2=$(date +%s.%N)
    local peak
    peak=$(cat "$WORK"/submit.mem "$WORK"/worker*.mem | sort -n | tail -1)
    local linked
    linked=$(grep -ho "last dossier from.*" "$WORK"/worker*.log | tail -1 || true)
    printf '%8s articles %2s worker(s): submit %7.1f s, workers %8.1f s, total %8.1f s, %7.1f articles/s, peak %6.0f MB  %s\n' \
        "$n" "$w" "$(echo "$t1 - $t0" | bc)" "$(echo "$t2 - $t1" | bc)" "$(echo "$t2 - $t0" | bc)" \
        "$(echo "$n / ($t2 - $t1)" | bc -l)" "$(echo "$peak / 1024" | bc -l)" "${linked:-}"
    if [ -n "${LOGS:-}" ]; then
        mkdir -p "$LOGS"
        for f in "$WORK"/worker*.log; do cp "$f" "$LOGS/$n-$w-$(basename "$f")"; done
    fi
    rm -f "$WORK"/worker*.mem "$WORK"/worker*.log
    [ -n "${VERBOSE:-}" ] && "$BIN" status --nats "$NATS" --queue "$tag" --db "$db"
    if [ -n "${KEEP:-}" ]; then
        echo "kept: schema and queue $tag (drop with: psql $PG -c 'DROP SCHEMA $tag CASCADE')"
    else
        PGOPTIONS=--client-min-messages=warning psql -q "$PG" -c "DROP SCHEMA $tag CASCADE" >/dev/null
    fi
    # The (now empty) stream stays on the server.
}

echo "== throughput: $THROUGHPUT_N articles, analysis and storing only (no linking)"
for w in $WORKERS; do run "$THROUGHPUT_N" "$w" no; done
echo "== end to end (submit, 2 workers, linking at the end)"
for n in $SIZES; do run "$n" 2 yes; done
