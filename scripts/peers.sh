#!/usr/bin/env bash
# Speed side by side with trafilatura (Python, from PyPI, for comparison only)
# on the article-extraction benchmark's pages, in one run:
#   scripts/peers.sh [BENCHMARK_DIR]
# trafilatura goes into its own virtualenv under ~/.cache/crosscheck-peers.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${1:-../shared/data/article-extraction-benchmark}"
VENV="$HOME/.cache/crosscheck-peers"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  # lxml 6 moved the cleaner trafilatura imports into its own package.
  "$VENV/bin/pip" install --quiet trafilatura lxml_html_clean
fi
cargo build --release -p crosscheck --quiet
BIN="${CARGO_TARGET_DIR:-target}/release/crosscheck"
# crosscheck's own timing of the extraction alone (bytes in memory, one core).
line=$("$BIN" eval extraction --data "$DATA" | grep '^speed:')
ours_pps=$(sed -n 's/^speed: \([0-9.]*\) pages\/s.*/\1/p' <<<"$line")
ours_mbs=$(sed -n 's/^speed: [0-9.]* pages\/s, \([0-9.]*\) MB\/s.*/\1/p' <<<"$line")
# trafilatura on the same bytes, read into memory first, timed the same way
# (it decodes the bytes itself, as crosscheck does).
read -r theirs_pps theirs_mbs version < <("$VENV/bin/python" - "$DATA" <<'PY'
import pathlib, sys, time, trafilatura
pages = [p.read_bytes() for p in sorted(pathlib.Path(sys.argv[1], "html").glob("*.html"))]
size = sum(map(len, pages))
start = time.perf_counter()
for html in pages:
    trafilatura.extract(html)
seconds = time.perf_counter() - start
print(f"{len(pages) / seconds:.1f} {size / 1e6 / seconds:.2f} {trafilatura.__version__}")
PY
)
echo "pages: $(ls "$DATA"/html/*.html | wc -l) ($(du -cb "$DATA"/html/*.html | tail -1 | cut -f1) bytes)"
echo "crosscheck:         $ours_pps pages/s, $ours_mbs MB/s"
echo "trafilatura $version: $theirs_pps pages/s, $theirs_mbs MB/s"
python3 -c "print(f'ratio (crosscheck / trafilatura): {float($ours_pps) / float($theirs_pps):.1f}x')"
