#!/usr/bin/env bash
# Installs Schemathesis, the property-based API tester that SchemathesisE2eIT runs against the
# gateway's OpenAPI description, and prints the path of its `st` command.
#
#   scripts/install-schemathesis.sh
#
# The pinned release comes from PyPI into a virtualenv of its own under
# ~/.cache/traced-services/schemathesis-<version>/ (Python 3.10 or newer), with every package it
# needs at the version schemathesis-requirements.txt names, installed once and reused.
# SCHEMATHESIS_BIN set: that command is used as it is.
set -euo pipefail

SCHEMATHESIS_VERSION=4.32.5

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
REQUIREMENTS="$ROOT/scripts/schemathesis-requirements.txt"
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/traced-services/schemathesis-${SCHEMATHESIS_VERSION}"
ST="$CACHE_DIR/bin/st"
# Written last, with the requirements it was made from: a folder without it is an interrupted
# install, and one made from other requirements is out of date; both are made again.
DONE="$CACHE_DIR/.installed"

if [[ -n "${SCHEMATHESIS_BIN:-}" ]]; then
  echo "$SCHEMATHESIS_BIN"
  exit 0
fi
if [[ -f "$DONE" ]] && cmp -s "$DONE" "$REQUIREMENTS"; then
  echo "$ST"
  exit 0
fi

log() { echo "install-schemathesis: $*" >&2; }

# One install at a time; an install that finished while this one waited is used as it is.
mkdir -p "$(dirname "$CACHE_DIR")"
exec 9>"$CACHE_DIR.lock"
flock 9
if [[ -f "$DONE" ]] && cmp -s "$DONE" "$REQUIREMENTS"; then
  echo "$ST"
  exit 0
fi

python="$(command -v python3)" || { log "python3 not found on PATH"; exit 1; }
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
  log "Schemathesis $SCHEMATHESIS_VERSION needs Python 3.10 or newer; $python is older"
  exit 1
fi
log "installing schemathesis $SCHEMATHESIS_VERSION from PyPI into $CACHE_DIR"
# A virtualenv cannot be moved once made (its scripts name its path), so it is made in place.
rm -rf "$CACHE_DIR"
"$python" -m venv "$CACHE_DIR"
grep -qx "schemathesis==$SCHEMATHESIS_VERSION" "$REQUIREMENTS" \
  || { log "$REQUIREMENTS does not pin schemathesis==$SCHEMATHESIS_VERSION"; exit 1; }
"$CACHE_DIR/bin/pip" install --quiet --disable-pip-version-check --no-deps \
  --requirement "$REQUIREMENTS" >&2
"$CACHE_DIR/bin/pip" check --disable-pip-version-check >&2
"$ST" --version >&2
cp "$REQUIREMENTS" "$DONE"
echo "$ST"
