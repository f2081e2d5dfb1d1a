#!/usr/bin/env bash
# Runs the HTTP suites and the pooled-connection leak test on PostgreSQL through PgBouncer in
# transaction pooling mode (Debian package pgbouncer): every transaction may land on another
# server connection, so nothing of Coffer's may depend on session state. PgBouncer listens on a
# free loopback port, trusts loopback clients like the local PostgreSQL does, and is stopped at the end.
# Run after `npm run build`. Extra arguments replace the default test selection.
set -euo pipefail
command -v pgbouncer >/dev/null || [ -x /usr/sbin/pgbouncer ] || { echo "pgbouncer not installed (apt-get install pgbouncer)"; exit 1; }
PGBOUNCER=$(command -v pgbouncer || echo /usr/sbin/pgbouncer)
work=$(mktemp -d)
chmod 755 "$work"
pid_file="$work/pgbouncer.pid"
cleanup() {
  [ -f "$pid_file" ] && kill "$(cat "$pid_file")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
cat >"$work/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=5432
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $port
unix_socket_dir =
auth_type = trust
auth_file = $work/users.txt
pool_mode = transaction
max_client_conn = 1000
default_pool_size = 40
max_db_connections = 60
server_reset_query =
ignore_startup_parameters = extra_float_digits
logfile = $work/pgbouncer.log
pidfile = $pid_file
INI
echo '"postgres" ""' >"$work/users.txt"
# PgBouncer refuses to run as root: as root, it drops to the postgres user.
if [ "$(id -u)" = 0 ]; then
  chown -R postgres "$work"
  "$PGBOUNCER" -d -u postgres "$work/pgbouncer.ini"
else
  "$PGBOUNCER" -d "$work/pgbouncer.ini"
fi
for _ in $(seq 1 50); do pg_isready -h 127.0.0.1 -p "$port" -q 2>/dev/null && break; sleep 0.2; done
echo "pgbouncer: transaction pooling on 127.0.0.1:$port"
selection=("$@")
[ ${#selection[@]} -gt 0 ] || selection=(test/http/ test/db/pooled-connection-leak)
# PgBouncer 1.18 (Debian 12) cannot carry prepared statements in transaction pooling.
COFFER_DATABASE_PREPARED_STATEMENTS=off COFFER_TEST_TARGETS=postgres COFFER_TEST_THROUGH_PGBOUNCER=1 COFFER_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres" \
  COFFER_TEST_REDIS_URL="${COFFER_TEST_REDIS_URL:-redis://127.0.0.1:6379}" \
  node scripts/run-tests.mjs "${selection[@]}"
