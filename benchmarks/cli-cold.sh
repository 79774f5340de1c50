#!/usr/bin/env bash
# The CLI cold: one JVM per run, compiling a generated directory of 100 offerings
# (copies of offerings/mysql.offering under other names, sharing its fragments).
# Prints the median, min and max wall time of RUNS runs (default 11) of `check` and `compile`.
#
#   benchmarks/cli-cold.sh [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-11}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

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
measure "compile 100 offerings (cold JVM)" "$root/dedicate" compile "$work/offerings" --out "$work/bundle"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
