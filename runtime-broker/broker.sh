#!/usr/bin/env bash
# Runs the broker jar with the JVM settings we measured (benchmarks/broker-bench.sh):
# serial GC and a bounded heap keep the footprint small; class-data sharing shortens start-up.
#   broker.sh JAR [broker arguments...]
#
# Class-data sharing (Spring Boot's way, made to work on JDK 17): once per built jar, the jar is
# extracted under JAR_DIR/cds/app/; a training run (the broker started up to its context refresh,
# then stopped, on the given bundle with a throw-away data directory, embedded H2 and a local git
# repository) lists the classes it loads; a static archive of them is dumped to JAR_DIR/cds/broker.jsa.
# Later starts run the extracted jar with that archive. Redone when the jar is newer than the
# archive; if anything fails, the plain jar runs (and the training is not retried for that jar and
# bundle). DEDICATE_CDS=off skips it all.
# Why not -XX:ArchiveClassesAtExit: on JDK 17 the dump crashes (SIGSEGV in
# adjust_lambda_proxy_class_dictionary, JDK-8276184, fixed in 18) because JGit's jars are signed,
# so their classes are excluded, but not the lambdas they create. The static dump is given the
# class list without JGit's classes.
set -euo pipefail
jar="$1"; shift
cds_dir="$(cd "$(dirname "$jar")" && pwd)/cds"
archive="$cds_dir/broker.jsa"
app="$cds_dir/app/$(basename "$jar")"

# Measured on 2 cores: -XX:TieredStopAtLevel=1 halves start-up CPU and saves ~30 MB idle RSS but
# costs ~25% of catalog throughput, so C2 stays; MALLOC_ARENA_MAX=2 and tighter heap free ratios
# made no difference above the noise.
jvm=(-XX:+UseSerialGC -Xss512k -XX:MaxRAM=1g -XX:MaxRAMPercentage=50 -XX:ReservedCodeCacheSize=64m
     -Xlog:cds=off -Xlog:cds+dynamic=off)

# The bundle the training run loads: the one given to this run (the archive does not depend on it).
bundle=""
for arg in "$@"; do
  case "$arg" in --dedicate.bundle=*) bundle="${arg#*=}" ;; esac
done

# train: extract the jar, list the classes a start loads, dump the archive, in place (the archive
# names the extracted jars by absolute path), under a lock folder so that two starts do not train
# at once; the archive appears last.
train() {
  mkdir "$cds_dir.lock" 2>/dev/null || return 1
  trap 'rm -rf "$cds_dir.lock"' EXIT
  local data="$cds_dir.lock/training-data" ok=1
  rm -rf "$cds_dir"
  mkdir -p "$cds_dir" "$data"
  if java -Djarmode=tools -jar "$jar" extract --destination "$cds_dir/app" >/dev/null 2>&1 \
     && java "${jvm[@]}" -XX:DumpLoadedClassList="$cds_dir.lock/classes.lst" \
          -Dspring.context.exit=onRefresh -jar "$app" --dedicate.bundle="$bundle" --dedicate.data="$data" \
          --dedicate.git.uri= --spring.datasource.url="jdbc:h2:file:$data/state" \
          --spring.datasource.username=sa --spring.datasource.password= --server.port=0 \
          --dedicate.username=training --dedicate.password=training --logging.level.root=ERROR \
          >/dev/null 2>&1 \
     && grep -v 'org/eclipse/jgit' "$cds_dir.lock/classes.lst" >"$cds_dir/classes.lst" \
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

cds=()
if [ "${DEDICATE_CDS:-on}" != off ]; then
  if { [ ! -f "$archive" ] || [ "$jar" -nt "$archive" ]; } && [ -n "$bundle" ] \
     && ! { [ -f "$cds_dir/failed" ] && [ ! "$jar" -nt "$cds_dir/failed" ] \
            && [ "$(cat "$cds_dir/failed")" = "$bundle" ]; }; then
    echo "broker.sh: recording the class-data sharing archive for this jar (once, a few seconds)..." >&2
    train || echo "broker.sh: class-data sharing unavailable, running the plain jar" >&2
  fi
  if [ -f "$archive" ] && [ -f "$app" ] && [ ! "$jar" -nt "$archive" ]; then
    cds=(-XX:SharedArchiveFile="$archive" -Xshare:auto)
    jar="$app"
  fi
fi

# the data directory holds secrets: everything the broker creates is private (folders 0700, files 0600)
umask 077
exec java "${jvm[@]}" "${cds[@]}" ${DEDICATE_JAVA_OPTS:-} -jar "$jar" "$@"
