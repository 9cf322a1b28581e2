#!/bin/sh
# Runs `vmplace roadef solve` on every ROADEF/EURO 2012 set-A instance for 300 s with snapshots
# at 10 s and 60 s, two instances at a time with one thread each (nice -n 10).
# Usage: scripts/roadef-setA.sh VMPLACE OUTDIR DATA_A_FOLDER [TIME_LIMIT [INSTANCES [SEED]]]
#   e.g. scripts/roadef-setA.sh .build/release/vmplace Results/roadef ../shared/data/roadef2012/A
# TIME_LIMIT (default 300): with 60 the run's final solution is also its 60 s snapshot.
# INSTANCES (default all ten): a space-separated list, run two at a time in that order.
# SEED (default 1): the --seed of every run.
set -eu
VMPLACE=$1; OUT=$2; DATA=$3; LIMIT=${4:-300}
INSTANCES=${5:-"a1_1 a1_2 a1_3 a1_4 a1_5 a2_1 a2_2 a2_3 a2_4 a2_5"}
SEED=${6:-1}
mkdir -p "$OUT"
run() {
  nice -n 10 "$VMPLACE" roadef solve "$DATA/model_$1.txt" "$DATA/assignment_$1.txt" --time-limit "$LIMIT" \
    --seed "$SEED" --threads 1 --snapshots 10,60 --output "$OUT/$1.sol" --trace "$OUT/$1.trace.csv" > "$OUT/$1.json"
  if [ ! -e "$OUT/$1.sol.at-60s" ]; then cp "$OUT/$1.sol" "$OUT/$1.sol.at-60s"; fi
}
set -- $INSTANCES
while [ $# -ge 2 ]; do
  run "$1" & run "$2" & wait
  shift 2
done
if [ $# -eq 1 ]; then run "$1"; fi
