#!/usr/bin/env bash
# Runs the broker jar with the JVM settings we measured (benchmarks/broker-bench.sh):
# serial GC and a bounded heap keep the footprint small; class-data sharing shortens start-up.
#   broker.sh JAR [broker arguments...]
#   broker.sh --record-archive JAR BUNDLE   (what the Maven build runs after packaging the jar)
#
# Class-data sharing (Spring Boot's way, made to work on JDK 17): once per built jar, the jar is
# extracted under JAR_DIR/cds/app/; a training run (the broker started up to its context refresh,
# then stopped, on the given bundle with a throw-away data directory, embedded H2 and a local git
# repository) lists the classes it loads; a static archive of them is dumped to JAR_DIR/cds/broker.jsa.
# Later starts run the extracted jar with that archive. The first start after a build does not wait
# for it: it runs the plain jar at once while the archive is recorded in the background at the
# lowest CPU priority (nice 19), so the newcomer's first `./dedicate serve` costs no more than a
# start without the archive. The Maven build records it right after packaging the jar
# (--record-archive, runtime-broker/pom.xml), so after a build even the first start has it. Redone
# when the jar is newer than the archive; if anything fails, the plain jar runs (and the training is not retried for that jar and bundle). DEDICATE_CDS=off skips
# it all; DEDICATE_CDS=wait records the archive in the foreground first (what the benchmark does to
# time restarts with it).
# Why not -XX:ArchiveClassesAtExit: on JDK 17 the dump crashes (SIGSEGV in
# adjust_lambda_proxy_class_dictionary, JDK-8276184, fixed in 18) because JGit's jars are signed:
# the classes of signed jars are never archived, but the lambdas they create were. The extracted
# copy's jars are unsigned instead (their signature files removed, with the JDK's jar tool), so
# JGit's classes enter the static archive and load without signature checks: 0.24 s less per start
# (3,110 -> 2,868 ms, median of eight interleaved starts each; CPU 4.0 -> 3.7 s). The jars were
# checked by Maven when they were downloaded; the fat jar keeps them as released.
set -euo pipefail
record_only=""
if [ "${1:-}" = --record-archive ]; then
  record_only=1; shift
  [ $# -eq 2 ] || { echo "usage: broker.sh --record-archive JAR BUNDLE" >&2; exit 2; }
fi
jar="$1"; shift
cds_dir="$(cd "$(dirname "$jar")" && pwd)/cds"
archive="$cds_dir/broker.jsa"
app="$cds_dir/app/$(basename "$jar")"

# Measured on 2 cores (benchmarks/broker-bench.sh): -XX:TieredStopAtLevel=1 (C1 only) halves the
# CPU time of a start (with the archive 8.9 s -> 4.4 s of CPU, on a machine at load 20) and saves
# ~30 MB of idle RSS; on a quiet machine a start to the first 200 took 2.98 s with C1 and 4.4 s with C2.
# The price is catalog throughput (14,226 req/s against 19,767 with C2, under the 20,000 of issue 4):
# start-up is what the platform waits for, so C1 it is. MinHeapFreeRatio/MaxHeapFreeRatio let the serial GC
# give back heap after a full collection instead of keeping the high-water mark.
# -Dspring.aot.enabled=true: the bean definitions Spring generated when the jar was built
# (spring-boot-maven-plugin process-aot, runtime-broker/pom.xml) instead of parsing the configuration
# classes and evaluating their conditions at every start: 0.35 s less (3,196 -> 2,843 ms, median of six
# interleaved starts each; CPU 4.1 -> 3.6 s). The conditions are fixed at build time; the broker's own
# choices (H2 or PostgreSQL, a local or remote repository) are made in its beans, not by conditions,
# and PackagedBrokerIT runs this very start on both stores.
# -Xms96m: the heap starts where a warm broker's heap ends up. From the default 16 MB the serial collector grew it
# one full collection (70 to 85 ms) at a time while the broker warmed up: two of them fell among the first 200
# provisions after a catalog load test, and they were the provision p99 (107 and 121 ms, against 53 ms with -Xms96m
# and no full collection; benchmarks/broker-bench.sh: p99 6.69x the fsync'd commit without, 3.38x with, README).
# The price: RSS 14 MB higher at idle (174 against 160 MB) and 21 MB higher with 10,000 instances (259 against 238).
jvm=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:MaxRAM=1g -XX:MaxRAMPercentage=50 -Xms96m
     -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:ReservedCodeCacheSize=64m
     -Xlog:cds=off -Xlog:cds+dynamic=off -Dspring.aot.enabled=true)

# -XX:TrimNativeHeapInterval=5000: every 5 s the JVM asks glibc to give back the memory freed in its malloc arenas
# (the JIT's, the threads', zlib's for git objects); glibc keeps it otherwise. 6 to 18 MB less RSS with 10,000
# instances (benchmarks/broker-bench.sh, README). JDK 17 has the flag from its update 17.0.9 (and 21.0.1) on: an
# older java is asked once whether it knows the flag, and the answer is kept next to the jar (keyed by the java
# binary and its modification time, so that a JDK update asks again).
trim_probe="$(dirname "$jar")/.trim-native-heap"
java_key="$(readlink -f "$(command -v java)") $(stat -L -c %Y "$(command -v java)")"
if [ ! -f "$trim_probe" ] || [ "$(sed -n 1p "$trim_probe")" != "$java_key" ]; then
  if java -XX:TrimNativeHeapInterval=5000 -version >/dev/null 2>&1; then trim=yes; else trim=no; fi
  printf '%s\n%s\n' "$java_key" "$trim" >"$trim_probe" 2>/dev/null || true
else
  trim="$(sed -n 2p "$trim_probe")"
fi
if [ "$trim" = yes ]; then jvm+=(-XX:TrimNativeHeapInterval=5000); fi

# The bundle the training run loads: the one given to this run (the archive does not depend on it).
bundle=""
for arg in "$@"; do
  case "$arg" in --dedicate.bundle=*) bundle="${arg#*=}" ;; esac
done

# training_alive: whether the lock folder belongs to a training that still runs: its pid file names a
# live process, or it has no pid file yet and is younger than 10 s (just made). A lock left by a
# killed training, with or without its pid file, is not alive. (Never `kill -0` of an empty or
# zero pid: `kill -0 0` signals this very process group and succeeds.)
training_alive() {
  [ -d "$cds_dir.lock" ] || return 1
  local holder; holder="$(cat "$cds_dir.lock/pid" 2>/dev/null || true)"
  case "$holder" in
    ''|*[!0-9]*) [ $(( $(date +%s) - $(stat -c %Y "$cds_dir.lock" 2>/dev/null || echo 0) )) -lt 10 ] ;;
    *) [ "$holder" -gt 0 ] && kill -0 "$holder" 2>/dev/null ;;
  esac
}

# unsign_jars DIR: removes the signature files (META-INF/*.SF, .RSA, .DSA, .EC) of every signed jar in
# DIR, rebuilding it with the JDK's jar tool (same entries, same manifest).
unsign_jars() {
  local j tmp
  for j in "$1"/*.jar; do
    jar tf "$j" | grep -qE '^META-INF/[^/]+\.(SF|RSA|DSA|EC)$' || continue
    tmp="$(mktemp -d "$1/.unsign.XXXXXX")"
    (cd "$tmp" && jar xf "$j") || { rm -rf "$tmp"; return 1; }
    rm -f "$tmp"/META-INF/*.SF "$tmp"/META-INF/*.RSA "$tmp"/META-INF/*.DSA "$tmp"/META-INF/*.EC
    mv "$tmp/META-INF/MANIFEST.MF" "$tmp.mf"
    if ! jar --create --file "$j.new" --manifest "$tmp.mf" -C "$tmp" .; then
      rm -rf "$tmp" "$tmp.mf" "$j.new"; return 1
    fi
    mv "$j.new" "$j"; rm -rf "$tmp" "$tmp.mf"
  done
}

# train: extract the jar, list the classes a start loads, dump the archive, in place (the archive
# names the extracted jars by absolute path), under a lock folder so that two starts do not train
# at once; the archive appears last.
# A lock folder whose training process is gone (killed) is taken over.
train() {
  if ! mkdir "$cds_dir.lock" 2>/dev/null; then
    if training_alive; then return 1; fi
    rm -rf "$cds_dir.lock"
    mkdir "$cds_dir.lock" 2>/dev/null || return 1
  fi
  echo "$BASHPID" >"$cds_dir.lock/pid"
  trap 'rm -rf "$cds_dir.lock"' EXIT
  local data="$cds_dir.lock/training-data" ok=1
  rm -rf "$cds_dir"
  mkdir -p "$cds_dir" "$data"
  if java -Djarmode=tools -jar "$jar" extract --destination "$cds_dir/app" >/dev/null 2>&1 \
     && unsign_jars "$cds_dir/app/lib" \
     && java "${jvm[@]}" -XX:DumpLoadedClassList="$cds_dir/classes.lst" \
          -Dspring.context.exit=onRefresh -jar "$app" --dedicate.bundle="$bundle" --dedicate.data="$data" \
          --dedicate.git.uri= --spring.datasource.url="jdbc:h2:file:$data/state" \
          --spring.datasource.username=sa --spring.datasource.password= --server.port=0 \
          --dedicate.username=training --dedicate.password=training --logging.level.root=ERROR \
          >/dev/null 2>&1 \
     && java "${jvm[@]}" -Xshare:dump -XX:SharedClassListFile="$cds_dir/classes.lst" \
          -XX:SharedArchiveFile="$cds_dir.lock/broker.jsa" -cp "$app" >/dev/null 2>&1 \
     && [ -s "$cds_dir.lock/broker.jsa" ]; then
    mv "$cds_dir.lock/broker.jsa" "$archive" && ok=0
  else
    printf '%s\n' "$bundle" >"$cds_dir/failed"   # not again for this jar and bundle
  fi
  rm -rf "$cds_dir.lock"
  trap - EXIT
  return $ok
}

if [ -n "$record_only" ]; then
  bundle="$1"
  echo "broker.sh: recording the class-data sharing archive of $(basename "$jar") (once per build)..." >&2
  if train; then
    echo "broker.sh: class-data sharing archive $archive recorded" >&2
  else
    # not fatal: every start then runs the plain jar (or records the archive in the background)
    echo "broker.sh: WARNING: the class-data sharing archive could not be recorded ($cds_dir/failed);" \
      "the broker starts without it, a few seconds slower" >&2
  fi
  exit 0
fi

cds=()
mode="${DEDICATE_CDS:-on}"
if [ "$mode" != off ]; then
  if { [ ! -f "$archive" ] || [ "$jar" -nt "$archive" ]; } && [ -n "$bundle" ] \
     && ! { [ -f "$cds_dir/failed" ] && [ ! "$jar" -nt "$cds_dir/failed" ] \
            && [ "$(cat "$cds_dir/failed")" = "$bundle" ]; }; then
    if [ "$mode" = wait ]; then
      echo "broker.sh: recording the class-data sharing archive for this jar first (once, 10 to 30 s)..." >&2
      train || echo "broker.sh: class-data sharing unavailable, running the plain jar" >&2
    elif ! training_alive; then
      echo "broker.sh: starting without class-data sharing this once; its archive is recorded in the" \
        "background at low priority ($cds_dir), later starts use it" >&2
      # detached from the terminal's signals; the training JVMs inherit nice 19
      (trap '' INT HUP; renice -n 19 -p "$BASHPID" >/dev/null 2>&1 || true; train || true) \
        </dev/null >/dev/null 2>&1 &
    fi
  fi
  if [ -f "$archive" ] && [ -f "$app" ] && [ ! "$jar" -nt "$archive" ]; then
    cds=(-XX:SharedArchiveFile="$archive" -Xshare:auto)
    jar="$app"
  fi
fi

# the data directory holds secrets: everything the broker creates is private (folders 0700, files 0600)
umask 077
exec java "${jvm[@]}" "${cds[@]}" ${DEDICATE_JAVA_OPTS:-} -jar "$jar" "$@"
