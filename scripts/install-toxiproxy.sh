#!/usr/bin/env bash
# Builds Toxiproxy's server (toxiproxy-server) from the Go module proxy and prints the binary's
# path. The network-fault tests put it between every hop of the chain.
#
#   scripts/install-toxiproxy.sh
#
# Idempotent: the build is cached under ~/.cache/traced-services/toxiproxy-<version>/ and reused.
# TOXIPROXY_BIN set: that binary is used as it is.
set -euo pipefail

TOXIPROXY_VERSION=2.5.0
TOXIPROXY_MODULE=github.com/Shopify/toxiproxy/v2

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/go-module-source.sh
source "$ROOT/scripts/lib/go-module-source.sh"
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/traced-services/toxiproxy-${TOXIPROXY_VERSION}"
TARGET="$CACHE_DIR/toxiproxy-server"

if [[ -n "${TOXIPROXY_BIN:-}" ]]; then
  echo "$TOXIPROXY_BIN"
  exit 0
fi
if [[ -x "$TARGET" ]]; then
  echo "$TARGET"
  exit 0
fi

log() { echo "install-toxiproxy: $*" >&2; }

# One build at a time; a build that finished while this one waited is used as it is.
mkdir -p "$CACHE_DIR"
exec 9>"$CACHE_DIR/.lock"
flock 9
if [[ -x "$TARGET" ]]; then
  echo "$TARGET"
  exit 0
fi

command -v go >/dev/null || { log "Go toolchain not found on PATH"; exit 1; }
scratch="$(mktemp -d)"
trap 'chmod -R u+w "$scratch" 2>/dev/null; rm -rf "$scratch"' EXIT

source_dir="$scratch/toxiproxy"
go_module_source "$TOXIPROXY_MODULE" "v$TOXIPROXY_VERSION" "$source_dir"
log "building toxiproxy-server ${TOXIPROXY_VERSION} (about a minute, once)..."
(
  cd "$source_dir"
  # The release build stamps the version the same way, so that `toxiproxy-server -version` says it.
  CGO_ENABLED=0 go build -trimpath -o "$TARGET.tmp" \
    -ldflags "-X $TOXIPROXY_MODULE.Version=$TOXIPROXY_VERSION" ./cmd/server >&2
)
mv "$TARGET.tmp" "$TARGET"
echo "$TARGET"
