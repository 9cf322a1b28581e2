#!/bin/sh
# Regenerates Results/simulation-experiments.txt (anti-oscillation, VM order, per-step outputs of
# 20110303) with simulation-bench. From the repository root:
#   scripts/simulation-experiments.sh .build-simulation/release/simulation-bench ../shared/data/traces/planetlab \
#     > Results/simulation-experiments.txt
# Every command is printed as `$ simulation-bench ARGS` (the traces folder left out) with its
# result rows; the bench's day and column-header lines are left out.
set -e
S=${1:?simulation-bench binary}
T=${2:?PlanetLab traces folder}
run() {
  echo "\$ simulation-bench $*"
  "$S" --traces "$T" "$@" | grep -v '^day \|^policy '
}
D="--day 20110303"
echo "## Anti-oscillation (default accounting), thr-mmt-0.8"
run $D --policy thr-mmt-0.8 --cooldown 0
run $D --policy thr-mmt-0.8 --cooldown 1
run $D --policy thr-mmt-0.8 --cooldown 2
run $D --policy thr-mmt-0.8 --cooldown 3
run $D --policy thr-mmt-0.8 --cooldown 6
run $D --policy thr-mmt-0.8 --ceiling 0.7
run $D --policy thr-mmt-0.8 --ceiling 0.6
run $D --policy thr-mmt-0.8 --cooldown 2 --ceiling 0.6
run $D --policy thr-mmt-0.8 --margin 20
echo "## Anti-oscillation (CloudSim accounting), thr-mmt-0.8"
run $D --policy thr-mmt-0.8 --cloudsim-rules --cooldown 0
run $D --policy thr-mmt-0.8 --cloudsim-rules --cooldown 0 --ceiling 0.6
run $D --policy thr-mmt-0.8 --cloudsim-rules --cooldown 2
run $D --policy thr-mmt-0.8 --cloudsim-rules --cooldown 2 --ceiling 0.6
echo "## VM order sensitivity (CloudSim accounting)"
run $D --policy dvfs --policy thr-mmt-0.8 --policy lr-mmt-1.2 --cloudsim-rules --vm-order reverse
run $D --policy dvfs --policy thr-mmt-0.8 --policy lr-mmt-1.2 --cloudsim-rules --vm-order round-robin
run $D --policy dvfs --policy thr-mmt-0.8 --policy lr-mmt-1.2 --cloudsim-rules --vm-order file-system
echo "## VM order sensitivity (--cloudsim-faithful)"
run $D --policy dvfs --policy thr-mmt-0.8 --policy lr-mmt-1.2 --cloudsim-faithful --vm-order sorted
run $D --policy dvfs --policy thr-mmt-0.8 --policy lr-mmt-1.2 --cloudsim-faithful --vm-order reverse
run $D --policy dvfs --policy thr-mmt-0.8 --policy lr-mmt-1.2 --cloudsim-faithful --vm-order round-robin
run $D --policy dvfs --policy thr-mmt-0.8 --policy lr-mmt-1.2 --cloudsim-faithful --vm-order file-system
echo "## Per-step outputs (default accounting): Results/simulation/20110303-<policy>{.json,-steps.csv,-active-hosts.svg,-energy.svg}"
run $D --policy thr-mmt-0.8 --policy lr-mmt-1.2 --policy vmplace-portfolio --output Results/simulation/20110303
