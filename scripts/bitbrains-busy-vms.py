#!/usr/bin/env python3
"""Input analysis for Results/capacity.md (not a product figure): for each VM of the Bitbrains
Rnd 2-week set and each day, the hourly slots whose CPU p95 (the planner's sizing statistic) is
above half a bb-2x8c host's packing capacity (41 600 MHz x (1 - 10 % headroom) / 2 = 18 720 MHz).
Two such VMs cannot share a host in that slot, so the count of these VMs busy in the same slot
is a lower bound on any plan's hosts (the clique bound vmplace reports).
Usage: python3 scripts/bitbrains-busy-vms.py ../shared/data/traces/bitbrains-rnd-2weeks/2013-7"""
import glob, os, sys
folder = sys.argv[1]
start, half = 1372636800, 41600 * 0.9 / 2   # 2013-07-01 00:00 UTC
busy = {}
for path in sorted(glob.glob(os.path.join(folder, "*.csv")), key=lambda p: int(os.path.basename(p)[:-4])):
    slots = [[[] for _ in range(24)] for _ in range(14)]
    with open(path) as f:
        next(f)
        for line in f:
            fields = line.split(";")
            t = int(fields[0]) - start
            if 0 <= t < 14 * 86400:
                slots[t // 86400][(t % 86400) // 3600].append(float(fields[3]))
    def p95(values):
        values = sorted(values)
        return values[int(0.95 * (len(values) - 1))] if values else 0
    counts = [sum(1 for hour in day if p95(hour) > half) for day in slots]
    if max(counts) > 0:
        busy[int(os.path.basename(path)[:-4])] = counts
print(f"{len(busy)} VMs have an hourly CPU p95 above {half:.0f} MHz on some day; per day (07-01 ... 07-14):")
print("VM    " + " ".join(f"{d + 1:3d}" for d in range(14)))
print("busy  " + " ".join(f"{sum(1 for c in busy.values() if c[d]):3d}" for d in range(14)))
for vm, counts in sorted(busy.items()):
    print(f"{vm:<5} " + " ".join(f"{c:3d}" for c in counts))
