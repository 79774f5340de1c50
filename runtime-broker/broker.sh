#!/usr/bin/env bash
# Runs the broker jar with the JVM settings we measured (README "Performance"):
# serial GC and a bounded heap keep the idle footprint small; class-data sharing (an archive
# recorded on the first run, beside the jar) shortens start-up.
#   broker.sh JAR [broker arguments...]
set -euo pipefail
jar="$1"; shift
cds_dir="$(dirname "$jar")/cds"
archive="$cds_dir/broker.jsa"
cds=()
if [ -f "$archive" ]; then
  cds=(-XX:SharedArchiveFile="$archive" -Xshare:auto)
fi
exec java -XX:+UseSerialGC -Xss512k -XX:MaxRAM=1g -XX:MaxRAMPercentage=50 -XX:ReservedCodeCacheSize=64m \
  -Xlog:cds=off -Xlog:cds+dynamic=off "${cds[@]}" ${DEDICATE_JAVA_OPTS:-} -jar "$jar" "$@"
