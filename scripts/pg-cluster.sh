#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the 共有サーバー tests: Debian's postgresql
# (installed when missing), a cluster in DIR owned by a non-root user (the
# `postgres` account when run as root: PostgreSQL refuses to run as root),
# password logins only, on a free localhost port.
#   scripts/pg-cluster.sh start DIR   prints the superuser's URL; DIR/ca.pem is
#                                     the CA of its TLS certificate (for "localhost")
#   scripts/pg-cluster.sh stop DIR    stops it and removes DIR
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
cmd=${1:?start|stop} dir=${2:?DIR}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case $cmd in
start)
  [ -n "$(pg_bin)" ] || apt_install --no-recommends postgresql >&2
  bin=$(pg_bin)
  mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
  chmod 700 "$dir"
  pw=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
  printf '%s\n' "$pw" | as_owner tee "$dir/pw" >/dev/null
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pw" \
    -A scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  # TLS with a CA of its own, as an association's server would have: the
  # tests hand ca.pem to the client and connect to "localhost" over TLS.
  (
    cd "$dir"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=bansou test CA" \
      -keyout ca.key -out ca.pem -addext basicConstraints=critical,CA:TRUE \
      -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout server.key \
      -out server.csr 2>/dev/null
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n' >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
      -extfile server.ext -out server.crt 2>/dev/null
    chmod 600 server.key ca.key
    [ "$(id -u)" -eq 0 ] && chown postgres server.key server.crt ca.pem
  )
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=100 -c fsync=off -c ssl=on -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key" \
    start >/dev/null
  echo "postgresql://postgres:$pw@127.0.0.1:$port/postgres"
  ;;
stop)
  bin=$(pg_bin)
  [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
restart)
  bin=$(pg_bin)
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w restart >/dev/null
  ;;
*)
  echo "使い方: $0 start|stop|restart DIR" >&2
  exit 2
  ;;
esac
