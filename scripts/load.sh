#!/usr/bin/env bash
# Latency of `crosscheck serve` under concurrent load, on a store of at least
# 10,000 articles made from the FNC-1 bodies (../shared/data/fnc-1).
#
#   scripts/load.sh [N_ARTICLES] [DURATION_S] [CONNECTIONS]
#
# Needs wrk (apt-get install wrk) and python3. Prints wrk's latency
# distribution (p50, p90, p99) for the story dossier (API and page) and for
# search. Not part of CI: it builds in release mode and runs for minutes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
N=${1:-10000}
DURATION=${2:-15}
CONNECTIONS=${3:-32}
SHARED=${CROSSCHECK_SHARED:-../shared}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/crosscheck-target}
WORK=$(mktemp -d)
trap 'kill "${SERVER:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

command -v wrk >/dev/null || { echo "wrk not found: apt-get install wrk" >&2; exit 1; }

# N articles: every FNC-1 body (train and test), then variants of them (a
# dated lead line and the paragraphs rotated) until there are N distinct texts.
python3 - "$SHARED/data/fnc-1" "$N" > "$WORK/articles.jsonl" <<'PY'
import csv, json, sys
folder, n = sys.argv[1], int(sys.argv[2])
csv.field_size_limit(1 << 30)
bodies = []
for name in ("train_bodies.csv", "competition_test_bodies.csv"):
    with open(f"{folder}/{name}", newline="", encoding="utf-8") as f:
        bodies += [row["articleBody"] for row in csv.DictReader(f) if row["articleBody"].strip()]
outlets = ["Wire %d" % i for i in range(40)]
out = 0
variant = 0
while out < n:
    for i, body in enumerate(bodies):
        if out >= n:
            break
        paras = [p for p in body.split("\n") if p.strip()]
        if variant:
            k = variant % max(len(paras), 1)
            paras = [f"Update {variant}: reported on day {variant} of the story."] + paras[k:] + paras[:k]
        day = 1 + (i + variant) % 28
        print(json.dumps({"text": "\n\n".join(paras), "source": outlets[(i + variant) % len(outlets)],
                          "published": f"2017-02-{day:02d}", "title": f"Article {out}"}))
        out += 1
    variant += 1
PY
echo "articles: $(wc -l < "$WORK/articles.jsonl")"

cargo build --release -q -p crosscheck
BIN=$CARGO_TARGET_DIR/release/crosscheck
/usr/bin/time -f "analyze: %e s, %M KB peak" "$BIN" analyze "$WORK/articles.jsonl" --db "$WORK/load.db" --quiet

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BIN" serve --db "$WORK/load.db" --listen "127.0.0.1:$PORT" 2>"$WORK/serve.log" &
SERVER=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/api/stories?per_page=1" >/dev/null && break; sleep 0.2; done
BASE="http://127.0.0.1:$PORT"
STORY=$(curl -sf "$BASE/api/stories?per_page=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
echo "largest story: $STORY ($(curl -sf "$BASE/api/stories?per_page=1" | python3 -c 'import json,sys; i=json.load(sys.stdin)["items"][0]; print(i["documents"], "documents,", i["claims"], "claims")'))"

for target in "/api/stories/$STORY" "/stories/$STORY" "/api/search?q=police+report" "/search?q=police+report"; do
    echo
    echo "== GET $target ($CONNECTIONS connections, ${DURATION}s)"
    wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency "$BASE$target" | grep -E "Latency|50%|90%|99%|Requests/sec|Non-2xx"
done
