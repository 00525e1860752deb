#!/usr/bin/env bash
# The whole test suite: a warnings-on release build with ctest, then the same
# tests under AddressSanitizer + UndefinedBehaviorSanitizer, then each
# libFuzzer target for a short time (FUZZ_SECONDS, default 15; 0 skips).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=${JOBS:-2}
for variant in release asan; do
  dir=build-$variant
  flags=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
  [ "$variant" = asan ] && flags=(-DCMAKE_BUILD_TYPE=Debug -DROTA_SANITIZE=ON)
  echo "== $variant build"
  cmake -S . -B "$dir" -G Ninja "${flags[@]}" >/dev/null
  cmake --build "$dir" -j"$jobs"
  echo "== $variant tests"
  ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir "$dir" --output-on-failure
done
fuzz=${FUZZ_SECONDS:-15}
if [ "$fuzz" != 0 ]; then
  echo "== fuzz ($fuzz s per target)"
  tests/fuzz/run.sh "$fuzz"
fi
