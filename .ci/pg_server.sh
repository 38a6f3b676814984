#!/usr/bin/env bash
# A throwaway PostgreSQL + PostGIS server on loopback, for the tests (.ci/run) and for developers
# (make pg). Debian's packages, no cluster manager: initdb and pg_ctl in a folder of its own.
#
#   .ci/pg_server.sh start DIR   # create (once) and start a server in DIR; print its URL
#   .ci/pg_server.sh url DIR     # print the URL of the server in DIR
#   .ci/pg_server.sh stop DIR    # stop it (the data stays in DIR)
#
# The server listens on 127.0.0.1 at a free port, with its unix socket in DIR/socket, and holds
# one database, conflict_map, with the postgis extension. The URL (also in DIR/url) is
# postgresql+psycopg://conflict_map:PASSWORD@127.0.0.1:PORT/conflict_map; the role is a
# superuser, so tests can create schemas and databases. initdb refuses to run as root, so as
# root the server runs as the `postgres` user the Debian package creates (else `nobody`).
set -euo pipefail

usage() { echo "usage: $0 start|stop|url DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
action=$1
dir=$(mkdir -p "$2" && cd "$2" && pwd)

bin=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "$0: PostgreSQL server binaries not found (apt-get install postgresql postgresql-15-postgis-3)" >&2
  exit 1
fi

# Run a command as the server's owner: ourselves, or an unprivileged user when we are root.
owner=$(id -un)
if [ "$(id -u)" -eq 0 ]; then
  owner=postgres
  id -u "$owner" >/dev/null 2>&1 || owner=nobody
fi
as_owner() {
  if [ "$owner" = "$(id -un)" ]; then "$@"; else runuser -u "$owner" -- "$@"; fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

running() { [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; }

case $action in
  start)
    if [ ! -f "$dir/url" ]; then
      # A new cluster: owned by the server's user, password login over TCP, trust on the socket
      # (which only this folder's owner and root can reach).
      chown "$owner" "$dir"
      chmod 700 "$dir"
      password=$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')
      (umask 077; printf '%s\n' "$password" > "$dir/password")
      chown "$owner" "$dir/password"
      as_owner "$bin/initdb" -D "$dir/data" -U conflict_map --pwfile="$dir/password" \
        --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
      as_owner mkdir -p "$dir/socket"
      port=$(free_port)
      echo "$port" > "$dir/port"
    fi
    port=$(cat "$dir/port")
    if ! running; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir/socket -c fsync=off" \
        start >/dev/null || { tail -n 20 "$dir/server.log" >&2; exit 1; }
    fi
    if [ ! -f "$dir/url" ]; then
      psql=(as_owner "$bin/psql" -h "$dir/socket" -p "$port" -U conflict_map -v ON_ERROR_STOP=1 -q)
      "${psql[@]}" -d postgres -c "CREATE DATABASE conflict_map"
      "${psql[@]}" -d conflict_map -c "CREATE EXTENSION postgis"
      echo "postgresql+psycopg://conflict_map:$(cat "$dir/password")@127.0.0.1:$port/conflict_map" \
        > "$dir/url"
    fi
    cat "$dir/url"
    ;;
  url)
    [ -f "$dir/url" ] || { echo "$0: no server in $dir (run: $0 start $dir)" >&2; exit 1; }
    cat "$dir/url"
    ;;
  stop)
    if running; then as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null; fi
    ;;
  *) usage ;;
esac
