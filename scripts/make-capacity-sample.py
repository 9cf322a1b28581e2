#!/usr/bin/env python3
"""Writes Instances/capacity/traces: six synthetic VMs in the Bitbrains GWA-T-12 CSV layout
(5-minute samples, 5 days from 2024-03-04 00:00 UTC), made for vmplace's tests and demo:
daytime web servers, a night batch job, a flat database, an idle VM and a growing one.
Deterministic (seeded). Usage: python3 scripts/make-capacity-sample.py"""
import math, random, os
random.seed(15)
OUT = os.path.join(os.path.dirname(__file__), "..", "Instances", "capacity", "traces")
START, STEP, DAYS = 1709510400, 300, 5
HEADER = "Timestamp [ms];\tCPU cores;\tCPU capacity provisioned [MHZ];\tCPU usage [MHZ];\tCPU usage [%];\tMemory capacity provisioned [KB];\tMemory usage [KB];\tDisk read throughput [KB/s];\tDisk write throughput [KB/s];\tNetwork received throughput [KB/s];\tNetwork transmitted throughput [KB/s]"
def day(t): return math.exp(-((t % 1 - 0.58) ** 2) / 0.01)       # peak 14:00
def night(t): return math.exp(-((t % 1 - 0.10) ** 2) / 0.004)    # peak 02:24
vms = {
  "web-1":   (4, 8, lambda t: 0.15 + 0.6 * day(t), lambda t: 0.35 + 0.15 * day(t)),
  "web-2":   (4, 8, lambda t: 0.12 + 0.65 * day(t), lambda t: 0.30 + 0.15 * day(t)),
  "batch-1": (4, 16, lambda t: 0.05 + 0.85 * night(t), lambda t: 0.20 + 0.5 * night(t)),
  "db-1":    (8, 32, lambda t: 0.30 + 0.1 * day(t), lambda t: 0.80),
  "idle-1":  (2, 8, lambda t: 0.01, lambda t: 0.05),
  "grow-1":  (4, 8, lambda t: (0.2 + 0.3 * day(t)) * (1 + 0.08 * t), lambda t: 0.4 * (1 + 0.05 * t)),
}
os.makedirs(OUT, exist_ok=True)
for name, (cores, gib, cpu, mem) in vms.items():
    cap = cores * 2600.0
    mcap = gib * 1048576.0
    with open(os.path.join(OUT, name + ".csv"), "w") as f:
        f.write(HEADER + "\n")
        for i in range(DAYS * 288):
            t = i / 288
            u = min(1.0, max(0.0, cpu(t) * (1 + random.gauss(0, 0.08))))
            m = min(1.0, max(0.0, mem(t) * (1 + random.gauss(0, 0.02))))
            f.write(f"{START + i * STEP};\t{cores};\t{cap:.1f};\t{u * cap:.1f};\t{u * 100:.2f};\t{mcap:.0f};\t{m * mcap:.0f};\t0;\t0;\t0;\t0\n")
