#!/bin/sh
# make demo: the main job on the bundled Instances/, end to end:
#   validate → generate a planted-optimum suite → solve and check → score against optima and bounds
#   (→ one day of PlanetLab trace replay when ../shared/data is present).
# Usage: scripts/demo.sh VMPLACE OUT
set -eu
VMPLACE="$1"
OUT="$2"
mkdir -p "$OUT/solutions"
start=$(date +%s)

echo "== 1. validate the bundled instances"
"$VMPLACE" validate -q Instances/examples/*.json Instances/vbp/*.vbp
echo "all valid"

echo
echo "== 2. generate 6 planted-optimum instances (optimum known by construction)"
"$VMPLACE" generate --class planted --count 6 --n 30 --d 3 --seed 1 --out "$OUT/planted"

echo
echo "== 3. solve the examples: portfolio of heuristics, then the exact model; every result checked"
solve() { # instance goal method
  name=$(basename "$1"); name="${name%.*}"
  file="$OUT/solutions/$name-$2-$3.json"
  status=0
  "$VMPLACE" solve "$1" --goal "$2" --method "$3" --time-limit 20 --output "$file" || status=$?
  if [ "$status" -ne 0 ] && [ "$status" -ne 4 ]; then echo "solve failed on $1 (exit $status)" >&2; exit 1; fi
  "$VMPLACE" check "$1" "$file" --allow-unplaced $( [ "$2" = hotspot ] && echo --thresholds ) >/dev/null
}
for method in portfolio exact; do
  solve Instances/examples/initial-placement.json place "$method"
  solve Instances/examples/small-cluster.json consolidate "$method"
  solve Instances/examples/small-cluster.json balance "$method"
  solve Instances/examples/hotspot.json hotspot "$method"
done
"$VMPLACE" solve Instances/examples/small-cluster.json --goal consolidate --method sandpiper 2>/dev/null || true
echo "solutions (with migration plans) in $OUT/solutions"

echo
echo "== 4. score heuristics against the exact model and the published optima"
"$VMPLACE" score Instances/vbp "$OUT/planted" --known Instances/vbp/known.tsv \
  --methods ffd,bfd-l2,bc-dot-dyn,mb-pairing-dot,portfolio --exact --time-limit 5 --jobs 2 \
  --out "$OUT" --run demo
summary="$OUT/vbp+planted/demo/summary.md"

if [ -d ../shared/data/traces/planetlab/20110303 ]; then
  echo
  echo "== 5. replay one PlanetLab day (800 hosts, 1052 VMs, 288 steps) with THR-MMT-0.8"
  "$VMPLACE" simulate --preset cloudsim-planetlab --traces ../shared/data/traces/planetlab --day 20110303 \
    --policy thr-mmt-0.8 --output "$OUT/simulation-thr-mmt-0.8.json" --charts "$OUT/simulation-thr-mmt-0.8"
fi

echo
echo "== 6. nightly capacity plan of the bundled sample (Instances/capacity): forecast, hosts needed with a bound, N+1, hot spots, what-ifs"
"$VMPLACE" capacity plan --traces Instances/capacity/traces --inventory Instances/capacity/inventory.json \
  --config Instances/capacity/config.json --out "$OUT/capacity" --history "$OUT/capacity/history.sqlite"
"$VMPLACE" capacity history --history "$OUT/capacity/history.sqlite"
echo "report: $OUT/capacity/report.html (plan.json, report.md beside it)"

echo
echo "== summary ($summary)"
sed -n '/^| class/,/^$/p' "$summary"
echo "Done in $(( $(date +%s) - start )) s. Summary: $summary  (columns explained in Results/README.md)"
