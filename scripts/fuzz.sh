#!/usr/bin/env bash
# Runs each cargo-fuzz target for a fixed time (default 60 s each), or only
# the targets named:
#   scripts/fuzz.sh [SECONDS [TARGET...]]
# An input that takes longer than 2 s counts as a failure (`-timeout=2`):
# slowness is a bug here, as a crash is.
# cargo-fuzz wants nightly; on the stable toolchain RUSTC_BOOTSTRAP=1 unlocks
# the flags it needs, and `-s none` leaves out AddressSanitizer (safe Rust
# needs it little). Crashes are written to fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-60}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(html_extract warc_read analyze)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
mkdir -p fuzz/corpus/html_extract fuzz/corpus/warc_read fuzz/corpus/analyze
# Each run seeds only its own targets' corpora (two runs may go side by side).
wants() { [[ " ${TARGETS[*]} " == *" $1 "* ]]; }
# Seed the HTML corpus with a few real pages when the benchmark is beside us.
if wants html_extract && [ -d ../shared/data/article-extraction-benchmark/html ] && [ -z "$(ls -A fuzz/corpus/html_extract)" ]; then
  pages=(../shared/data/article-extraction-benchmark/html/*.html)
  cp "${pages[@]:0:20}" fuzz/corpus/html_extract/
fi
# Seed the WARC corpus with one well-formed response record, so that the
# fuzzer starts past the framing and mutates headers, lengths and bodies.
if wants warc_read && [ -z "$(ls -A fuzz/corpus/warc_read)" ]; then
  body=$'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>The port reopened on Monday after a nine-day strike ended with a pay deal.</p></body></html>'
  printf 'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://n.example/2024/03/05/port\r\nWARC-Date: 2024-03-06T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n' \
    "${#body}" "$body" > fuzz/corpus/warc_read/response.warc
  gzip -c fuzz/corpus/warc_read/response.warc > fuzz/corpus/warc_read/response.warc.gz
fi
# Seed the analysis corpus with the sample articles.
if wants analyze && [ -z "$(ls -A fuzz/corpus/analyze)" ]; then
  cp examples/seeds/*.txt fuzz/corpus/analyze/
fi
for target in "${TARGETS[@]}"; do
  echo "== $target: ${SECONDS_EACH}s"
  RUSTC_BOOTSTRAP=1 cargo fuzz run -s none "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$SECONDS_EACH" -max_len=262144 -timeout=2 -rss_limit_mb=4096
done
