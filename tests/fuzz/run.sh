#!/usr/bin/env bash
# Fuzzes rota's readers of outside input with libFuzzer (clang).
#
# usage: tests/fuzz/run.sh SECONDS [TARGET...]
#   TARGET: program_yaml roster_yaml schedule_csv nrp_instance cache_entry
#           (default: all five, each for SECONDS)
#
# Builds build-fuzz/ (clang, ASan + UBSan + libFuzzer instrumentation),
# replays every input under tests/fuzz/regressions/TARGET/ (each a crash
# found once and fixed), then fuzzes each target from its seeds (the
# examples, tests/data and tests/fuzz/seeds) and the corpus kept in
# build-fuzz/corpus/TARGET between runs. Prints, per target, the runs, the
# CPU seconds and what was found; a crash is left in build-fuzz/crashes/ and
# makes the script exit 1.
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:?usage: tests/fuzz/run.sh SECONDS [TARGET...]}
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(program_yaml roster_yaml schedule_csv nrp_instance cache_entry)
jobs=${JOBS:-2}
dir=build-fuzz

# -O1 with line tables only: quick to build (CI builds it from scratch),
# fast enough to fuzz, and crash reports still name file and line.
CC=clang CXX=clang++ cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=None \
  -DCMAKE_CXX_FLAGS="-O1 -gline-tables-only" -DROTA_FUZZ=ON -DROTA_BUILD_TESTS=OFF >/dev/null
cmake --build "$dir" -j"$jobs" >/dev/null

# Seeds: what rota is meant to read.
seeds=$dir/seeds
rm -rf "$seeds"
mkdir -p "$seeds"/{program_yaml,roster_yaml,schedule_csv,nrp_instance,cache_entry} "$dir/crashes"
for f in examples/*/program.yaml tests/data/*/*/program.yaml tests/fuzz/seeds/program.yaml; do
  cp "$f" "$seeds/program_yaml/$(echo "$f" | tr / _)"
done
for f in examples/*/roster.yaml tests/data/*/*/roster.yaml tests/fuzz/seeds/roster_yaml/*; do
  [ -f "$f" ] && cp "$f" "$seeds/roster_yaml/$(echo "$f" | tr / _)"
done
for f in tests/data/*/*/*.csv tests/fuzz/seeds/schedule_csv/*; do
  cp "$f" "$seeds/schedule_csv/$(echo "$f" | tr / _)"
done
cp tests/fuzz/seeds/nrp_instance/* "$seeds/nrp_instance/"
for n in 1 2 3; do
  f=../shared/benchmarks/curtois/Instance$n.txt
  [ -f "$f" ] && cp "$f" "$seeds/nrp_instance/"
done
# A real cache entry: solve the seed program into a scratch cache.
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
"$dir/src/rota" solve tests/fuzz/seeds/program.yaml --time-limit 2s --threads 1 --cache-dir "$cache" -q -o /dev/null
find "$cache" -name '*.entry' -exec cp {} "$seeds/cache_entry/" \;

status=0
printf '%-14s %12s %10s %8s  %s\n' target runs "cpu s" corpus found
for t in "${targets[@]}"; do
  bin=$dir/tests/fuzz/fuzz_$t
  # Every crash found before must stay fixed.
  if [ -d "tests/fuzz/regressions/$t" ] && [ -n "$(ls -A "tests/fuzz/regressions/$t")" ]; then
    "$bin" "tests/fuzz/regressions/$t"/* >/dev/null 2>&1 || { echo "$t: a regression input crashes again"; status=1; }
  fi
  corpus=$dir/corpus/$t
  mkdir -p "$corpus"
  log=$dir/fuzz-$t.log
  set +e
  /usr/bin/time -f '%U %S' -o "$dir/time-$t" "$bin" "$corpus" "$seeds/$t" -max_total_time="$seconds" \
    -timeout=20 -rss_limit_mb=2560 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$dir/crashes/$t-" >"$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo '?')
  cpu=$(tail -1 "$dir/time-$t" | awk '{printf "%.0f", $1 + $2}')
  found="nothing"
  if [ $rc -ne 0 ]; then
    found="CRASH: $(ls -t "$dir/crashes/$t-"* 2>/dev/null | head -1) (see $log)"
    status=1
  fi
  printf '%-14s %12s %10s %8s  %s\n' "$t" "$runs" "$cpu" "$(ls "$corpus" | wc -l)" "$found"
done
exit $status
