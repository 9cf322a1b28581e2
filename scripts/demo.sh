#!/bin/sh
# make demo: solve and check every bundled instance, then score the methods on them.
# Usage: scripts/demo.sh VMPLACE OUT
set -eu
VMPLACE="$1"
OUT="$2"
mkdir -p "$OUT"
echo "== validate the bundled instances"
"$VMPLACE" validate Instances/examples/*.json Instances/vbp/*.vbp
echo
echo "== solve and check each instance (solutions in $OUT/solutions)"
mkdir -p "$OUT/solutions"
for instance in Instances/examples/*.json Instances/vbp/*.vbp; do
  name=$(basename "$instance"); name="${name%.*}"
  case "$name" in
    hotspot) goal=hotspot ;;
    small-cluster) goal=consolidate ;;
    *) goal=place ;;
  esac
  method=ffd
  status=0
  "$VMPLACE" solve "$instance" --goal "$goal" --method "$method" --output "$OUT/solutions/$name.json" || status=$?
  if [ "$status" -ne 0 ] && [ "$status" -ne 4 ]; then echo "solve failed on $instance (exit $status)" >&2; exit 1; fi
  if [ "$status" -eq 0 ]; then "$VMPLACE" check "$instance" "$OUT/solutions/$name.json" >/dev/null; fi
done
echo
echo "Solutions: $OUT/solutions"
