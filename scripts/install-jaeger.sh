#!/usr/bin/env bash
# Builds the Jaeger v2 all-in-one binary from the Go module proxy and prints its path.
#
# Idempotent: the binary is cached outside the repository and reused. Jaeger 2.13.0 is
# published as the Go module github.com/jaegertracing/jaeger v1.76.0 (a v2.x module version
# is refused by Go's module rules). A module build carries no UI assets: port 16686 serves a
# placeholder page, while the query API is complete. Point JAEGER_BIN at an official release
# binary instead to get the UI.
set -euo pipefail

JAEGER_VERSION=2.13.0
JAEGER_MODULE_VERSION=v1.76.0
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/traced-services/jaeger-${JAEGER_VERSION}"
BINARY="$CACHE_DIR/jaeger"

if [[ -n "${JAEGER_BIN:-}" ]]; then
  echo "$JAEGER_BIN"
  exit 0
fi
if [[ -x "$BINARY" ]]; then
  echo "$BINARY"
  exit 0
fi

command -v go >/dev/null || { echo "install-jaeger: Go toolchain not found on PATH" >&2; exit 1; }
mkdir -p "$CACHE_DIR"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
(
  cd "$scratch"
  go mod init jaeger-build >/dev/null 2>&1
  go get -tool "github.com/jaegertracing/jaeger/cmd/jaeger@${JAEGER_MODULE_VERSION}" >&2
  CGO_ENABLED=0 go build -trimpath -o "$BINARY.tmp" github.com/jaegertracing/jaeger/cmd/jaeger >&2
)
mv "$BINARY.tmp" "$BINARY"
echo "$BINARY"
