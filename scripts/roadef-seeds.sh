#!/bin/sh
# Runs `vmplace roadef solve` on some set-A instances with several seeds (one thread each, two
# runs at a time, nice -n 10) and prints, re-scored by `vmplace roadef score`, each run's cost and
# challenge score (cost − S41) / initial, then per instance the mean score over the seeds.
# Usage: scripts/roadef-seeds.sh VMPLACE OUTDIR DATA_FOLDER LIMIT "SEEDS" "INSTANCES" ["SOLVE OPTIONS"]
#   e.g. scripts/roadef-seeds.sh .build/release/vmplace /tmp/seeds ../shared/data/roadef2012 60 "1 2" "a2_2 a2_3 a2_5"
set -eu
VMPLACE=$1; OUT=$2; DATA=$3; LIMIT=$4; SEEDS=$5; INSTANCES=$6; OPTIONS=${7:-}
mkdir -p "$OUT"
run() {  # instance seed
  # shellcheck disable=SC2086 # OPTIONS is a list of words
  nice -n 10 "$VMPLACE" roadef solve "$DATA/A/model_$1.txt" "$DATA/A/assignment_$1.txt" --time-limit "$LIMIT" \
    --seed "$2" --threads 1 --output "$OUT/$1.s$2.sol" $OPTIONS > "$OUT/$1.s$2.json"
}
runs=""
for name in $INSTANCES; do for seed in $SEEDS; do runs="$runs $name:$seed"; done; done
set -- $runs
while [ $# -ge 2 ]; do
  run "${1%:*}" "${1#*:}" & run "${2%:*}" "${2#*:}" & wait
  shift 2
done
if [ $# -eq 1 ]; then run "${1%:*}" "${1#*:}"; fi
echo "instance,seed,cost,score_vs_S41_percent"
for name in $INSTANCES; do
  sum=0; count=0
  for seed in $SEEDS; do
    result=$("$(dirname "$0")/roadef-gap.sh" "$VMPLACE" "$DATA" "$name" "$OUT/$name.s$seed.sol")
    echo "$name,$seed,$result"
    gap=${result#*,}
    if [ -n "$gap" ]; then sum=$(awk "BEGIN { print $sum + $gap }"); count=$((count + 1)); fi
  done
  [ "$count" -gt 0 ] && echo "$name,mean,,$(awk "BEGIN { printf \"%.3f\", $sum / $count }")"
done
