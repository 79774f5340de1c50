#!/usr/bin/env bash
# The CLI cold: one JVM per run, compiling a generated directory of 100 offerings
# (copies of offerings/mysql.offering under other names, sharing its fragments).
# Prints the median, min and max wall time of RUNS runs (default 11) of `check`, of `compile`
# into a jar, and of `compile` into a directory (about 1,900 files) under BUNDLE_DIR's parent
# (default: a temporary directory; put it on tmpfs, e.g. /dev/shm/bundle, to leave out the disk).
#
#   benchmarks/cli-cold.sh [RUNS] [BUNDLE_DIR]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-11}"
work="$(mktemp -d)"
bundle_dir="${2:-$work/bundle}"
trap 'rm -rf "$work" "$bundle_dir"' EXIT

mkdir -p "$work/offerings"
cp -r "$root/offerings/fragments" "$work/offerings/"
for i in $(seq -w 1 100); do
  sed "s/^offering mysql-on-demand /offering mysql-on-demand-$i /" \
    "$root/offerings/mysql.offering" >"$work/offerings/mysql-$i.offering"
done

"$root/dedicate" check "$work/offerings" >/dev/null   # builds the jar if needed, records the CDS archive

measure() {
  local label="$1"; shift
  local times=() i start end
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" -v n="$runs" '
    { t[NR] = $1 }
    END { printf "%-40s median %5d ms   min %5d ms   max %5d ms   (%d runs)\n", label, t[int((n + 1) / 2)], t[1], t[n], n }'
}

measure "check 100 offerings (cold JVM)" "$root/dedicate" check "$work/offerings"
measure "compile 100 offerings into a jar" "$root/dedicate" compile "$work/offerings" --out "$work/bundle.jar"
measure "compile 100 offerings into a directory" "$root/dedicate" compile "$work/offerings" --out "$bundle_dir"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
