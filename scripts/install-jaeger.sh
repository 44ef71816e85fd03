#!/usr/bin/env bash
# Builds Jaeger 2.13.0 (all-in-one: OTLP in, query API and UI out) from the Go module proxy and
# prints the binary's path.
#
#   scripts/install-jaeger.sh
#   JAEGER_UI_ASSETS=path/to/jaeger-ui-v1.76.0-assets.tar.gz scripts/install-jaeger.sh
#
# Jaeger 2.13.0 is the Go module github.com/jaegertracing/jaeger v1.76.0 (a v2.x module version
# is refused by Go's module rules). The module carries no UI: a plain build serves a placeholder
# page at 16686. This script adds the UI the way Jaeger's release build does: the built
# jaeger-ui goes into cmd/query/app/ui/actual/, every file gzipped, and cmd/jaeger is built from
# a writable copy of the module source. The UI comes from, in this order:
#   1. JAEGER_UI_ASSETS, an archive of jaeger-ui v1.76.0's build/ folder, checked by its sha256;
#   2. jaeger-ui's sources at the commit Jaeger 2.13.0 pins, built with git and npm (a machine
#      that reaches GitHub; about 3 minutes and 3 GB of memory);
#   3. neither: a build with the placeholder page, and a warning that says why.
# Idempotent: builds are cached under ~/.cache/traced-services/jaeger-2.13.0/ (jaeger with the
# UI, no-ui/jaeger without) and reused. JAEGER_BIN set: that binary is used as it is.
set -euo pipefail

JAEGER_VERSION=2.13.0
JAEGER_MODULE=github.com/jaegertracing/jaeger
JAEGER_MODULE_VERSION=v1.76.0
# The version stamps of the official 2.13.0 release, so that `jaeger version` reports it.
JAEGER_COMMIT=63b27e1810a710ac54dc4522da0538e540bdc545
JAEGER_BUILD_DATE=2025-12-03T16:07:08Z
# The jaeger-ui commit that Jaeger's v1.76.0 tag pins as its submodule (jaeger-ui v1.76.0).
JAEGER_UI_REPOSITORY=https://github.com/jaegertracing/jaeger-ui.git
JAEGER_UI_COMMIT=1ceadb6f6fb29774bfaa77a6148499ff7a04902b
JAEGER_UI_ASSETS_SHA256=a520d774bca26a1ccaebdbe8ad53fcce2ba2823381a96812ecbc7ada97d073ce

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/go-module-source.sh
source "$ROOT/scripts/lib/go-module-source.sh"
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/traced-services/jaeger-${JAEGER_VERSION}"
WITH_UI="$CACHE_DIR/jaeger"
WITHOUT_UI="$CACHE_DIR/no-ui/jaeger"

if [[ -n "${JAEGER_BIN:-}" ]]; then
  echo "$JAEGER_BIN"
  exit 0
fi
if [[ -x "$WITH_UI" ]]; then
  echo "$WITH_UI"
  exit 0
fi

log() { echo "install-jaeger: $*" >&2; }

# One build at a time; a build that finished while this one waited is used as it is.
mkdir -p "$CACHE_DIR"
exec 9>"$CACHE_DIR/.lock"
flock 9
if [[ -x "$WITH_UI" ]]; then
  echo "$WITH_UI"
  exit 0
fi

command -v go >/dev/null || { log "Go toolchain not found on PATH"; exit 1; }
scratch="$(mktemp -d)"
trap 'chmod -R u+w "$scratch" 2>/dev/null; rm -rf "$scratch"' EXIT

# Unpacks the UI from the archive in JAEGER_UI_ASSETS into $1.
ui_from_archive() {
  local archive=$JAEGER_UI_ASSETS
  [[ -f "$archive" ]] || { log "JAEGER_UI_ASSETS names no file: $archive"; return 1; }
  if ! echo "$JAEGER_UI_ASSETS_SHA256  $archive" | sha256sum --check --status; then
    log "$archive is not jaeger-ui v1.76.0's build (sha256 differs)"
    return 1
  fi
  mkdir -p "$1"
  tar -xzf "$archive" -C "$1"
}

# Builds the UI from jaeger-ui's sources into $1; fails fast where GitHub is out of reach.
ui_from_source() {
  command -v git >/dev/null && command -v npm >/dev/null || { log "git or npm not found"; return 1; }
  local src="$scratch/jaeger-ui"
  log "building jaeger-ui ${JAEGER_UI_COMMIT:0:12} from source (about 3 minutes)..."
  git init -q "$src" &&
    git -C "$src" fetch -q --depth 1 "$JAEGER_UI_REPOSITORY" "$JAEGER_UI_COMMIT" &&
    git -C "$src" checkout -q FETCH_HEAD || return 1
  # Every dependency accepts Node 20.19+; only jaeger-ui's root package asks for a newer one.
  (cd "$src" && HUSKY=0 npm ci --engine-strict=false --no-audit --no-fund >&2) || return 1
  (cd "$src/packages/jaeger-ui" && npm run build >&2) || return 1
  cp -R "$src/packages/jaeger-ui/build" "$1"
}

ui="$scratch/ui"
if [[ -n "${JAEGER_UI_ASSETS:-}" ]]; then
  ui_from_archive "$ui" || exit 1
elif ! ui_from_source "$ui"; then
  log "warning: no Jaeger UI (JAEGER_UI_ASSETS is not set and jaeger-ui could not be built" \
    "from source): port 16686 serves a placeholder page; the query API is complete"
  if [[ -x "$WITHOUT_UI" ]]; then
    echo "$WITHOUT_UI"
    exit 0
  fi
  ui=""
fi

source_dir="$scratch/jaeger"
go_module_source "$JAEGER_MODULE" "$JAEGER_MODULE_VERSION" "$source_dir"
target="$WITHOUT_UI"
if [[ -n "$ui" ]]; then
  target="$WITH_UI"
  cp -R "$ui/." "$source_dir/cmd/query/app/ui/actual/"
  find "$source_dir/cmd/query/app/ui/actual" -type f ! -name .gitignore -exec gzip --no-name {} +
fi

log "building Jaeger ${JAEGER_VERSION} (a few minutes, once)..."
version_pkg="$JAEGER_MODULE/internal/version"
mkdir -p "$(dirname "$target")"
(
  cd "$source_dir"
  CGO_ENABLED=0 go build -trimpath -o "$target.tmp" \
    -ldflags "-X $version_pkg.commitSHA=$JAEGER_COMMIT -X $version_pkg.latestVersion=v$JAEGER_VERSION -X $version_pkg.date=$JAEGER_BUILD_DATE" \
    ./cmd/jaeger >&2
)
mv "$target.tmp" "$target"
echo "$target"
