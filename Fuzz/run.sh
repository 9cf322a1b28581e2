#!/usr/bin/env bash
# Builds the libFuzzer target Fuzz/FuzzReaders.swift (the JSON instance, .vbp and solution
# readers, with AddressSanitizer) and runs it for a bounded time on the committed corpus.
#
#   Fuzz/run.sh [SECONDS]        default 60; exit non-zero on a crash, a trap or a leak
#
# The build compiles the two modules the readers need (PlacementModel, InstanceFormats without
# PlatformExports, the re-export of the Platform module the readers do not use) with coverage
# instrumentation into .build/fuzz/. New inputs found go to .build/fuzz/corpus (the committed corpus stays as it is);
# a crashing input is written to .build/fuzz/crash-* and printed.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
out=.build/fuzz
mkdir -p "$out/corpus"
SWIFTC="${SWIFTC:-swiftc}"
flags=(-sanitize=fuzzer,address -parse-as-library -Onone -g -swift-version 6)
"$SWIFTC" "${flags[@]}" -emit-library -static -emit-module -module-name PlacementModel \
  -emit-module-path "$out/PlacementModel.swiftmodule" -o "$out/libPlacementModel.a" Sources/PlacementModel/*.swift
readers=$(ls Sources/InstanceFormats/*.swift | grep -v /PlatformExports.swift)
# shellcheck disable=SC2086
"$SWIFTC" "${flags[@]}" -emit-library -static -emit-module -module-name InstanceFormats -I "$out" \
  -emit-module-path "$out/InstanceFormats.swiftmodule" -o "$out/libInstanceFormats.a" $readers
"$SWIFTC" "${flags[@]}" -I "$out" -L "$out" -lInstanceFormats -lPlacementModel Fuzz/FuzzReaders.swift -o "$out/fuzz-readers"
echo "fuzzing the readers for ${seconds} s (corpus Fuzz/corpus/readers, $(ls Fuzz/corpus/readers | wc -l) seeds)"
# -max_len 4096: the readers' interesting paths are small; -timeout 10: an input that takes 10 s
# is a hang (parsing is linear). ASan reports leaks as failures too (detect_leaks=0: Swift's
# global caches are not leaks).
status=0
ASAN_OPTIONS=detect_leaks=0 "$out/fuzz-readers" "$out/corpus" Fuzz/corpus/readers \
  -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
  -artifact_prefix="$out/" > "$out/log" 2>&1 || status=$?
# The log without libFuzzer's progress lines and its recommended dictionary.
grep -v -E '^#[0-9]+|Uses: [0-9]+$|ecommended dictionary' "$out/log" | tail -40
if [ "$status" != 0 ]; then echo "FUZZING FAILED (exit $status): the input is in $out/crash-* (or timeout-*, oom-*); full log $out/log" >&2; fi
exit "$status"
