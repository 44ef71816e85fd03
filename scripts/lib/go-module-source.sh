# Sourced by the scripts that build Go programs from the Go module proxy.
#
# go_module_source MODULE VERSION DEST
#   Copies the source of MODULE at VERSION into DEST, writable. Building inside that copy, not
#   with `go install MODULE@VERSION`, keeps the module's own go.mod in force: its replace and
#   exclude directives (which `go install` refuses) and its pinned dependencies.
go_module_source() {
  local module=$1 version=$2 dest=$3 dir
  dir="$(go mod download -json "$module@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  if [[ -z "$dir" || ! -d "$dir" ]]; then
    echo "go: could not download $module@$version from the module proxy" >&2
    return 1
  fi
  mkdir -p "$dest"
  cp -R "$dir/." "$dest"
  chmod -R u+w "$dest"
}
