#!/usr/bin/env bash
# The runtime broker's figures on this machine, each next to what it is judged against in the same run:
# the first `./dedicate serve` after the build (to the first 200; the build records the class-data
# sharing archive, else the first start records it in the background and it is waited for), start-up to the first 200 on /v2/catalog and its
# CPU time, idle RSS, catalog throughput with basic auth, cluster provision latency next to an
# fsync'd JGit commit of three files (the floor under a provision), and RSS with many instances in the
# state store next to idle RSS (with the heap and its largest classes, from jcmd). Embedded H2 and a
# local bare git repository in a temporary data directory. Builds what it needs with ./dedicate;
# installs wrk with apt-get when missing (as root).
#
#   benchmarks/broker-bench.sh [--starts 5] [--provisions 200] [--instances 10000] [--wrk-runs 3]
#
# Medians throughout. The load average is printed with the figures: on a shared machine compare the
# ratios and CPU times, not the wall times.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
here="$root/benchmarks"
starts=5 provisions=200 instances=10000 wrk_runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --starts) starts="$2"; shift 2 ;;
    --provisions) provisions="$2"; shift 2 ;;
    --instances) instances="$2"; shift 2 ;;
    --wrk-runs) wrk_runs="$2"; shift 2 ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "broker-bench: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
for tool in java mvn python3; do
  command -v "$tool" >/dev/null || { echo "broker-bench: $tool is needed" >&2; exit 2; }
done

work="$(mktemp -d)"
broker_pid=""
stop_broker() {
  if [ -n "$broker_pid" ]; then
    pkill -TERM -P "$broker_pid" 2>/dev/null || true   # a training run broker.sh may have started
    kill -TERM "$broker_pid" 2>/dev/null || true
    wait "$broker_pid" 2>/dev/null || true
    broker_pid=""
  fi
}
trap 'stop_broker; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

export DEDICATE_BROKER_USERNAME=bench
DEDICATE_BROKER_PASSWORD="$(python3 -c 'import secrets; print(secrets.token_hex(12))')"
export DEDICATE_BROKER_PASSWORD
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
jar="$root/runtime-broker/target/dedicate-broker.jar"
log="$work/broker.log"

say() { echo "broker-bench: $*" >&2; }
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
# cpu_ms PID: user + system CPU time the process has used so far (less sensitive to a busy machine than wall time)
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); printf "%.0f", ($12 + $13) * 1000 / hz }' "/proc/$1/stat"; }
rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# start DATA_DIR: starts the broker in the background (broker_pid) and waits for its first 200.
start() {
  "$root/runtime-broker/broker.sh" "$jar" --dedicate.bundle="$work/bundle" --dedicate.data="$1" \
    --server.port="$port" --server.address=127.0.0.1 >>"$log" 2>&1 &
  broker_pid=$!
  if ! python3 "$here/broker_wait.py" --port "$port" --pid "$broker_pid" --timeout 300; then
    tail -n 40 "$log" >&2
    exit 1
  fi
}

# --- build, and a first start (the build records the class-data sharing archive)
say "compiling the MySQL offering (builds the CLI on first use)..."
"$root/dedicate" compile "$root/offerings" --out "$work/bundle" >/dev/null
say "first start through ./dedicate serve (builds the broker jar and its CDS archive if stale)..."
first_began=$(date +%s%N)
"$root/dedicate" serve --bundle "$work/bundle" --data "$work/first" --port "$port" >>"$log" 2>&1 &
broker_pid=$!
python3 "$here/broker_wait.py" --port "$port" --pid "$broker_pid" --timeout 600 || { tail -n 40 "$log" >&2; exit 1; }
first_ms="$(ms_since "$first_began")"
first_cpu="$(cpu_ms "$broker_pid")"
say "first ./dedicate serve: $first_ms ms to the first 200 ($first_cpu ms of broker CPU), load $(cut -d' ' -f1 /proc/loadavg)"
# without an archive from the build, the first start records it in the background (nice 19): wait for it, so
# that the restarts below use it
cds="$root/runtime-broker/target/cds"
began=$(date +%s%N)
for _ in $(seq 1 1200); do
  [ -f "$cds/broker.jsa" ] && [ ! -d "$cds.lock" ] && break
  [ -f "$cds/failed" ] && { say "recording the class-data sharing archive failed: restarts run the plain jar"; break; }
  sleep 0.5
done
cds_ms="$(ms_since "$began")"
say "class-data sharing archive ready $cds_ms ms after the first answer"
stop_broker

# --- start-up and idle RSS, STARTS times on the same data directory (a restart)
start_ms=() start_cpu=() idle_rss=()
for ((i = 1; i <= starts; i++)); do
  began=$(date +%s%N)
  start "$work/data"
  start_ms+=("$(ms_since "$began")")
  start_cpu+=("$(cpu_ms "$broker_pid")")
  sleep 5
  idle_rss+=("$(rss_mb "$broker_pid")")
  say "start $i: ${start_ms[-1]} ms to the first 200 (${start_cpu[-1]} ms CPU), idle RSS ${idle_rss[-1]} MB, load $(cut -d' ' -f1 /proc/loadavg)"
  [ "$i" -eq "$starts" ] || stop_broker
done

# --- catalog throughput: 16 connections, basic auth, after a warm-up
rps="n/a (wrk missing)"
if ! command -v wrk >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  say "installing wrk with apt-get..."
  apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq wrk >/dev/null 2>&1; } || true
fi
if command -v wrk >/dev/null; then
  auth="Authorization: Basic $(printf '%s:%s' "$DEDICATE_BROKER_USERNAME" "$DEDICATE_BROKER_PASSWORD" | base64 -w0)"
  url="http://127.0.0.1:$port/v2/catalog"
  wrk -H "$auth" -H "X-Broker-API-Version: 2.17" -c 16 -t 2 -d 10s "$url" >/dev/null   # warm-up
  runs=()
  for ((i = 1; i <= wrk_runs; i++)); do
    out="$(wrk -H "$auth" -H "X-Broker-API-Version: 2.17" -c 16 -t 2 -d 10s "$url")"
    if grep -q 'Non-2xx' <<<"$out"; then echo "$out" >&2; say "the catalog answered errors under load"; exit 1; fi
    runs+=("$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")")
    say "wrk run $i: ${runs[-1]} req/s"
  done
  rps="$(printf '%s\n' "${runs[@]}" | median)"
fi

# --- provision latency
say "provisioning $provisions clusters (after 20 for warm-up)..."
latency="$(python3 "$here/broker_provision.py" --port "$port" --count "$provisions" --warmup 20)"
p50="$(sed 's/.*p50_ms=\([0-9.]*\).*/\1/' <<<"$latency")"
p99="$(sed 's/.*p99_ms=\([0-9.]*\).*/\1/' <<<"$latency")"
say "provision latency: $latency (load $(cut -d' ' -f1 /proc/loadavg))"

# --- the reference: one fsync'd JGit commit of three files (plus the operation marker), as the broker commits
say "measuring an fsync'd git commit of three files (the reference for the provision latency)..."
reference="$(java -cp "$jar" -Dloader.main=io.dedicate.broker.git.CommitReference \
  org.springframework.boot.loader.launch.PropertiesLauncher "$work/reference" "$provisions")"
commit_p50="$(sed 's/.*fsynced_commit_p50_ms=\([0-9.]*\).*/\1/' <<<"$reference")"
say "reference commit: $reference"

# --- RSS with INSTANCES instances in the state store
rest=$((instances - provisions - 20))
fill_s=0
if [ "$rest" -gt 0 ]; then
  say "provisioning $rest more clusters, up to $instances instances (progress every 1000)..."
  began=$(date +%s%N)
  fill="$(python3 "$here/broker_provision.py" --port "$port" --count "$rest" --warmup 0 --progress 1000)"
  fill_s=$(( $(ms_since "$began") / 1000 ))
  say "filled: $fill"
fi
sleep 10
full_rss="$(rss_mb "$broker_pid")"
state_mb="$(du -m "$work/data/state.mv.db" | cut -f1)"
if command -v jcmd >/dev/null; then   # where the memory is (after the RSS is read: the histogram collects garbage first)
  say "heap with $instances instances:"; jcmd "$broker_pid" GC.heap_info 2>&1 | sed -n '2,6p' >&2 || true
  say "largest classes on the heap (live objects):"; jcmd "$broker_pid" GC.class_histogram 2>&1 | sed -n '2,16p' >&2 || true
  say "RSS after that full collection: $(rss_mb "$broker_pid") MB"
fi
load="$(cut -d' ' -f1-3 /proc/loadavg)"

idle_median="$(printf '%s\n' "${idle_rss[@]}" | median)"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "n/a" }'; }

printf '\n%-58s %12s %12s\n' "dedicate broker, $(nproc) cores, load $load" "median" "target"
printf '%-58s %9s ms %12s\n' "first ./dedicate serve after the build, to the first 200" "$first_ms" "<= 5000"
printf '%-58s %9s ms %12s\n' "  its CPU time (the broker process)" "$first_cpu" ""
printf '%-58s %9s ms %12s\n' "  CDS archive ready after that (0: the build made it)" "$cds_ms" ""
printf '%-58s %9s ms %12s\n' "start-up to first 200 on /v2/catalog ($starts starts)" "$(printf '%s\n' "${start_ms[@]}" | median)" "<= 2000"
printf '%-58s %9s ms %12s\n' "  its CPU time" "$(printf '%s\n' "${start_cpu[@]}" | median)" ""
printf '%-58s %9s MB %12s\n' "idle RSS after start-up + 5 s" "$idle_median" ""
printf '%-58s %12s %12s\n' "GET /v2/catalog req/s (wrk -c16 -t2, auth, $wrk_runs x 10 s)" "$rps" ""
printf '%-58s %9s ms %12s\n' "provision p50 ($provisions sequential, H2 + local git)" "$p50" ""
printf '%-58s %9s ms %12s\n' "provision p99" "$p99" ""
printf '%-58s %9s ms %12s\n' "reference: fsync'd JGit commit of 3 files, p50" "$commit_p50" ""
printf '%-58s %12s %12s\n' "provision p50 / reference commit p50" "$(ratio "$p50" "$commit_p50")" "<= 2.5x"
printf '%-58s %12s %12s\n' "provision p99 / reference commit p50" "$(ratio "$p99" "$commit_p50")" "<= 5x"
printf '%-58s %9s MB %12s\n' "RSS with $instances instances (filled in ${fill_s} s)" "$full_rss" ""
printf '%-58s %12s %12s\n' "RSS with $instances instances / idle RSS" "$(ratio "$full_rss" "$idle_median")" "<= 1.5x"
printf '%-58s %9s MB %12s\n' "  the H2 state file with $instances instances" "$state_mb" ""
echo "$(java -version 2>&1 | head -1); broker JVM flags: see runtime-broker/broker.sh"
echo "Absolute times depend on the machine's load (above): compare the ratios, measured in the same run."
