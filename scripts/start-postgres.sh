#!/usr/bin/env bash
# Starts a local PostgreSQL from Debian's package for the end-to-end tests and prints the
# variables the tests read (E2E_DB_URL, E2E_DB_USER, E2E_DB_PASSWORD), ready for `eval`.
#
#   eval "$(scripts/start-postgres.sh)"
#
# Needs root (apt-get, and running the server as the postgres user). Listens on localhost
# only. Each run starts from an empty database, orders_e2e, owned by the user orders.
set -euo pipefail

DB=orders_e2e
DB_USER=orders
DB_PASSWORD=orders

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "installing PostgreSQL (Debian package)..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

cluster="$(pg_lsclusters --no-header | head -1)"
if [[ -z "$cluster" ]]; then
  version="$(ls /usr/lib/postgresql | sort -V | tail -1)"
  pg_createcluster "$version" main >&2
  cluster="$(pg_lsclusters --no-header | head -1)"
fi
read -r version name port _ <<<"$cluster"
pg_ctlcluster "$version" "$name" status >/dev/null 2>&1 || pg_ctlcluster "$version" "$name" start >&2

psql_admin() { PGOPTIONS='-c client_min_messages=warning' runuser -u postgres -- psql -p "$port" -q -v ON_ERROR_STOP=1 "$@"; }
psql_admin -c "DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$DB_USER') THEN
    CREATE ROLE $DB_USER LOGIN PASSWORD '$DB_PASSWORD';
  END IF;
END \$\$;" >&2
psql_admin -c "DROP DATABASE IF EXISTS $DB" >&2
psql_admin -c "CREATE DATABASE $DB OWNER $DB_USER" >&2

echo "export E2E_DB_URL=jdbc:postgresql://127.0.0.1:$port/$DB"
echo "export E2E_DB_USER=$DB_USER"
echo "export E2E_DB_PASSWORD=$DB_PASSWORD"
