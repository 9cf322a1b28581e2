#!/bin/sh
# Compares variants of `vmplace roadef solve` (option sets) under the same load: for every
# instance and seed, all variants run at the same time (one thread each, nice -n 10), then every
# solution is re-scored by `vmplace roadef score`. Prints per run the cost and challenge score
# (cost − S41) / initial in %, then per variant the mean score over instances and seeds.
# Usage: scripts/roadef-compare.sh VMPLACE OUTDIR DATA_FOLDER LIMIT "SEEDS" "INSTANCES" "OPTIONS_0|OPTIONS_1|…"
#   e.g. scripts/roadef-compare.sh .build/release/vmplace /tmp/cmp ../shared/data/roadef2012 60 "1 2" \
#          "a2_2 a2_3 a2_5" "|--complementary-lns"      (variant 0: the defaults)
set -eu
VMPLACE=$1; OUT=$2; DATA=$3; LIMIT=$4; SEEDS=$5; INSTANCES=$6; VARIANTS=$7
mkdir -p "$OUT"
count=$(echo "$VARIANTS" | awk -F'|' '{ print NF }')
for name in $INSTANCES; do
  for seed in $SEEDS; do
    v=0
    while [ "$v" -lt "$count" ]; do
      options=$(echo "$VARIANTS" | cut -d'|' -f$((v + 1)))
      # shellcheck disable=SC2086 # options is a list of words
      nice -n 10 "$VMPLACE" roadef solve "$DATA/A/model_$name.txt" "$DATA/A/assignment_$name.txt" --time-limit "$LIMIT" \
        --seed "$seed" --threads 1 --output "$OUT/$name.s$seed.v$v.sol" $options > "$OUT/$name.s$seed.v$v.json" &
      v=$((v + 1))
    done
    wait
  done
done
echo "variant,options,instance,seed,cost,score_vs_S41_percent"
v=0
while [ "$v" -lt "$count" ]; do
  options=$(echo "$VARIANTS" | cut -d'|' -f$((v + 1)))
  sum=0; runs=0
  for name in $INSTANCES; do
    for seed in $SEEDS; do
      result=$("$(dirname "$0")/roadef-gap.sh" "$VMPLACE" "$DATA" "$name" "$OUT/$name.s$seed.v$v.sol")
      echo "$v,$options,$name,$seed,$result"
      gap=${result#*,}
      if [ -n "$gap" ]; then sum=$(awk "BEGIN { print $sum + $gap }"); runs=$((runs + 1)); fi
    done
  done
  [ "$runs" -gt 0 ] && echo "$v,$options,mean,,,$(awk "BEGIN { printf \"%.3f\", $sum / $runs }")"
  v=$((v + 1))
done
