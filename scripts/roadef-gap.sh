#!/bin/sh
# Re-scores one set-A solution with `vmplace roadef score` and prints "cost,score" with the
# challenge score (cost − S41) / initial in % (from reference_values_A.csv), or "infeasible,".
# Usage: scripts/roadef-gap.sh VMPLACE DATA_FOLDER INSTANCE SOLUTION
set -eu
VMPLACE=$1; DATA=$2; NAME=$3; SOLUTION=$4
line=$(grep "^$NAME," "$DATA/reference_values_A.csv")
initial=$(echo "$line" | cut -d, -f13); s41=$(echo "$line" | cut -d, -f20)
if score=$("$VMPLACE" roadef score "$DATA/A/model_$NAME.txt" "$DATA/A/assignment_$NAME.txt" "$SOLUTION" 2>/dev/null); then
  cost=$(echo "$score" | sed -n 's/^  "total": \([0-9]*\),/\1/p')
  echo "$cost,$(awk "BEGIN { printf \"%.3f\", ($cost - $s41) * 100 / $initial }")"
else echo "infeasible,"; fi
