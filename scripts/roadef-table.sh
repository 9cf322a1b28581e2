#!/bin/sh
# Prints the Markdown table of Results/roadef.md: every value re-scored by `vmplace roadef score`
# from the solutions that scripts/roadef-setA.sh wrote (OUT/<instance>.sol.at-10s, .at-60s, .sol).
# Usage: scripts/roadef-table.sh VMPLACE OUTDIR DATA_FOLDER (e.g. ../shared/data/roadef2012)
set -eu
VMPLACE=$1; OUT=$2; DATA=$3
score() {  # total of a solution, or "infeasible"
  if "$VMPLACE" roadef score "$DATA/A/model_$1.txt" "$DATA/A/assignment_$1.txt" "$2" > /tmp/roadef-score.$$ 2>/dev/null; then
    sed -n 's/^  "total": \([0-9]*\),/\1/p' /tmp/roadef-score.$$
  else echo infeasible; fi
}
echo "| instance | initial | ours 10 s | ours 60 s | ours 300 s | S41 300 s | (ours300 − S41) / initial | (ours60 − S41) / initial | best known | lower bound | ours 300 s vs best known |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
tail -n +2 "$DATA/reference_values_A.csv" | while IFS=, read -r name set present p m r s n l d b t initial il ib lbj12 lbg ubq ubs ubs41 best; do
  if [ ! -s "$OUT/$name.json" ]; then echo "| $name | $initial | — | — | — (run not finished) | $ubs41 | | | $best | | |"; continue; fi
  at10=$(score "$name" "$OUT/$name.sol.at-10s"); at60=$(score "$name" "$OUT/$name.sol.at-60s"); at300=$(score "$name" "$OUT/$name.sol")
  lb=$lbg; [ -z "$lb" ] && lb=$lbj12
  gap300=$(awk "BEGIN { printf \"%+.3f %%\", ($at300 - $ubs41) * 100 / $initial }")
  gap60=$(awk "BEGIN { printf \"%+.3f %%\", ($at60 - $ubs41) * 100 / $initial }")
  vsbest=$(awk "BEGIN { d = $at300 - $best; if (d < 0) print \"**better by \" -d \"**\"; else if (d == 0) print \"equal\"; else printf \"+%d\", d }")
  echo "| $name | $initial | $at10 | $at60 | $at300 | $ubs41 | $gap300 | $gap60 | $best | $lb | $vsbest |"
done
rm -f /tmp/roadef-score.$$
