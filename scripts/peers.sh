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
ours=$(target_dir="${CARGO_TARGET_DIR:-target}"; "$target_dir/release/crosscheck" eval extraction --data "$DATA" | sed -n 's/^speed: \([0-9.]*\) pages\/s.*/\1/p')
theirs=$("$VENV/bin/python" - "$DATA" <<'PY'
import pathlib, sys, time, trafilatura
pages = [p.read_bytes().decode("utf-8", "replace") for p in sorted(pathlib.Path(sys.argv[1], "html").glob("*.html"))]
start = time.perf_counter()
for html in pages:
    trafilatura.extract(html)
print(f"{len(pages) / (time.perf_counter() - start):.1f}")
PY
)
echo "crosscheck:  $ours pages/s"
echo "trafilatura: $theirs pages/s ($("$VENV/bin/python" -c 'import trafilatura; print(trafilatura.__version__)'))"
python3 -c "print(f'ratio: {float($ours) / float($theirs):.1f}x')"
