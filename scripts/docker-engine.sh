#!/usr/bin/env bash
# A Docker engine of this project's own, for machines that have no running engine and reach no
# container registry (CI among them). Needs root and Debian's packages.
#
#   eval "$(scripts/docker-engine.sh start)"   install, start, build what is missing; print the variables
#   scripts/docker-engine.sh env               print the variables only
#   scripts/docker-engine.sh stop              stop the engine (its images stay cached)
#
# What `start` does, each step skipped when already done:
#   1. installs Debian's docker.io (the daemon) and debootstrap;
#   2. starts dockerd on a private socket with its data root under ~/.cache, so that no other
#      build on the machine finds it on the default socket, and images survive a stop;
#   3. builds the Docker CLI plugins compose v2 and buildx from the Go module proxy, where the
#      CLI lacks them, into ~/.docker/cli-plugins;
#   4. builds the local stand-ins for the official images that docker-compose.yml and the
#      Dockerfile name (docker/local-images/README.md): a Debian bookworm base from debootstrap,
#      then a JRE, a Maven, a PostgreSQL, a Jaeger and a Kafka image on it.
# The printed variables point the Docker CLI and docker compose at the engine and name the
# stand-ins in place of the official images.
set -euo pipefail

COMPOSE_VERSION=v2.40.3
BUILDX_VERSION=v0.29.1

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
# shellcheck source=lib/go-module-source.sh
source "$ROOT/scripts/lib/go-module-source.sh"
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/traced-services/docker"
DATA_ROOT="$CACHE_DIR/data-root"
RUN_DIR=/run/traced-services/docker
SOCKET="$RUN_DIR/docker.sock"
PLUGIN_DIR="${DOCKER_CONFIG:-$HOME/.docker}/cli-plugins"
DEBIAN_MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

# The stand-ins, named so that nobody mistakes them for the official images.
BASE_IMAGE=traced-services/debian:bookworm
JRE_IMAGE=traced-services/jre:17
MAVEN_IMAGE=traced-services/maven:3.9-jdk17
POSTGRES_IMAGE=traced-services/postgres:15
JAEGER_IMAGE=traced-services/jaeger:2.13.0
KAFKA_IMAGE=traced-services/kafka:4.4.0

log() { echo "docker-engine: $*" >&2; }

# quietly NAME COMMAND...: runs COMMAND with its output in $RUN_DIR/NAME.log, shown if it fails.
quietly() {
  local output="$RUN_DIR/$1.log"
  shift
  mkdir -p "$RUN_DIR"
  if ! "$@" >"$output" 2>&1; then
    tail -n 30 "$output" >&2
    log "failed: $*; the whole output is in $output"
    return 1
  fi
}
docker_() { DOCKER_HOST="unix://$SOCKET" docker "$@"; }
answers() { docker_ version --format '{{.Server.Version}}' >/dev/null 2>&1; }

print_env() {
  cat <<ENV
export DOCKER_HOST=unix://$SOCKET
export JAEGER_IMAGE=$JAEGER_IMAGE
export KAFKA_IMAGE=$KAFKA_IMAGE
export POSTGRES_IMAGE=$POSTGRES_IMAGE
export MAVEN_IMAGE=$MAVEN_IMAGE
export JRE_IMAGE=$JRE_IMAGE
ENV
}

install_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  ((${#missing[@]} == 0)) && return
  log "installing ${missing[*]} (Debian packages)..."
  quietly apt-get-update apt-get update
  quietly apt-get-install env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
}

start_daemon() {
  answers && return
  mkdir -p "$RUN_DIR" "$DATA_ROOT"
  log "starting dockerd on $SOCKET (data root $DATA_ROOT)..."
  setsid dockerd --host "unix://$SOCKET" --data-root "$DATA_ROOT" --exec-root "$RUN_DIR/exec" \
    --pidfile "$RUN_DIR/dockerd.pid" >"$RUN_DIR/dockerd.log" 2>&1 </dev/null &
  for _ in $(seq 1 120); do
    answers && return
    sleep 0.5
  done
  log "dockerd did not answer within 60 s; its log: $RUN_DIR/dockerd.log"
  tail -20 "$RUN_DIR/dockerd.log" >&2
  exit 1
}

# build_plugin NAME MODULE VERSION PACKAGE VERSION_VARIABLE
build_plugin() {
  local name=$1 module=$2 version=$3 package=$4 version_variable=$5
  local binary="$CACHE_DIR/cli-plugins/$version/docker-$name"
  if [[ ! -x "$binary" ]]; then
    log "building docker $name $version from the Go module proxy (a few minutes, once)..."
    local scratch
    scratch="$(mktemp -d)"
    go_module_source "$module" "$version" "$scratch/src"
    mkdir -p "$(dirname "$binary")"
    (cd "$scratch/src" && quietly "build-$name" env CGO_ENABLED=0 go build -trimpath \
      -o "$binary" -ldflags "-X $module/$version_variable=$version" "$package")
    chmod -R u+w "$scratch" && rm -rf "$scratch"
  fi
  mkdir -p "$PLUGIN_DIR"
  ln -sf "$binary" "$PLUGIN_DIR/docker-$name"
}

install_plugins() {
  # Compose 2.24 or newer: the e2e tests' override file uses its !override tag.
  if ! docker compose version --short 2>/dev/null | grep -Eq '^v?2\.(2[4-9]|[3-9][0-9])'; then
    build_plugin compose github.com/docker/compose/v2 "$COMPOSE_VERSION" ./cmd internal.Version
  fi
  if ! docker buildx version >/dev/null 2>&1; then
    build_plugin buildx github.com/docker/buildx "$BUILDX_VERSION" ./cmd/buildx version.Version
  fi
}

# Debian bookworm from debootstrap, trusting every CA the host trusts, so that builds inside
# containers reach the package registries through whatever TLS the host's network requires.
build_base_image() {
  docker_ image inspect "$BASE_IMAGE" >/dev/null 2>&1 && return
  log "building $BASE_IMAGE with debootstrap (about a minute, once)..."
  local rootfs
  rootfs="$(mktemp -d)"
  quietly debootstrap debootstrap --variant=minbase --include=ca-certificates,curl bookworm \
    "$rootfs" "$DEBIAN_MIRROR"
  # One file per certificate, so that every trust store made later (Java's too) includes them.
  csplit --quiet --elide-empty-files --prefix "$rootfs/usr/local/share/ca-certificates/host-" \
    --suffix-format '%03d.crt' /etc/ssl/certs/ca-certificates.crt '/-----BEGIN CERTIFICATE-----/' '{*}'
  chroot "$rootfs" update-ca-certificates >/dev/null 2>&1
  cat >"$rootfs/etc/apt/sources.list" <<SOURCES
deb $DEBIAN_MIRROR bookworm main
deb $DEBIAN_MIRROR bookworm-updates main
deb ${DEBIAN_MIRROR%/debian}/debian-security bookworm-security main
SOURCES
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | docker_ import --change 'CMD ["bash"]' - "$BASE_IMAGE" >/dev/null
  rm -rf "$rootfs"
}

# build_image NAME RECIPE_DIR [CONTEXT_DIR]: BASE_IMAGE and JRE_IMAGE are the recipe's to build
# on. The layer cache makes a rebuild of an unchanged
# recipe take a second.
build_image() {
  local name=$1 recipe=$2 context=${3:-$2}
  log "building $name..."
  docker_ build --quiet --build-arg "BASE_IMAGE=$BASE_IMAGE" --build-arg "JRE_IMAGE=$JRE_IMAGE" \
    --tag "$name" --file "$recipe/Dockerfile" "$context" >/dev/null
}

build_images() {
  local recipes="$ROOT/docker/local-images"
  build_base_image
  build_image "$JRE_IMAGE" "$recipes/jre"
  build_image "$MAVEN_IMAGE" "$recipes/maven"
  build_image "$POSTGRES_IMAGE" "$recipes/postgres"
  # The Jaeger image carries the binary that scripts/install-jaeger.sh built (with the UI).
  local context
  context="$(mktemp -d)"
  cp "$("$ROOT/scripts/install-jaeger.sh")" "$context/jaeger"
  build_image "$JAEGER_IMAGE" "$recipes/jaeger" "$context"
  rm -rf "$context"
  # The Kafka image carries the jars that scripts/install-kafka.sh fetched, on the JRE image.
  context="$(mktemp -d)"
  cp -r "$("$ROOT/scripts/install-kafka.sh")/libs" "$recipes/kafka/run" \
    "$recipes/kafka/kafka-topics.sh" "$recipes/kafka/kafka-consumer-groups.sh" "$context/"
  build_image "$KAFKA_IMAGE" "$recipes/kafka" "$context"
  rm -rf "$context"
  # Images that a rebuild left without a name (the layer cache stays).
  docker_ image prune --force >/dev/null
}

stop_daemon() {
  local pidfile="$RUN_DIR/dockerd.pid"
  [[ -f "$pidfile" ]] || return 0
  local pid
  pid="$(cat "$pidfile")"
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  log "dockerd ($pid) did not stop within 30 s"
  exit 1
}

case "${1:-}" in
  start)
    [[ $(id -u) == 0 ]] || { log "needs root (apt-get, dockerd)"; exit 1; }
    install_packages
    start_daemon
    install_plugins
    build_images
    print_env
    ;;
  env) print_env ;;
  stop) stop_daemon ;;
  *)
    echo "usage: $0 start|env|stop" >&2
    exit 2
    ;;
esac
