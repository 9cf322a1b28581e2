#!/usr/bin/env python3
"""Writes bitbrains-2weeks-cluster.json: 40 hosts (96 000 MHz, 768 GiB, 10 Gbit/s, 200 -> 400 W)
and one VM per Bitbrains Rnd 2-week trace (id = file stem), its CPU and memory demand the trace's
provisioned MHz and MiB (VM 38 states none: 1 000 MHz, 1 GiB), 1 Mbit/s of static network.
Usage: python3 Instances/examples/make-bitbrains-cluster.py ../shared/data/traces/bitbrains-rnd-2weeks/2013-7"""
import json, os, sys

folder = sys.argv[1]
vms = []
for name in sorted(os.listdir(folder), key=lambda n: int(n.split('.')[0])):
    cpu = mem = None
    for line in open(os.path.join(folder, name)):
        if 'Timestamp' in line:
            continue
        fields = [f.strip() for f in line.split(';')]
        if cpu is None and float(fields[2]) > 0:
            cpu = float(fields[2])
        if mem is None and float(fields[5]) > 0:
            mem = float(fields[5]) / 1024
    vms.append({"id": name[:-4], "demand": [round(cpu or 1000, 3), round(mem or 1024, 3), 1]})
instance = {
    "format": "vmplace-instance", "version": 1, "name": "bitbrains-2weeks-cluster",
    "description": "40 hosts for the 100 Bitbrains Rnd VMs of 1-14 July 2013 (made by Instances/examples/make-bitbrains-cluster.py)",
    "dimensions": ["cpu", "mem", "net"],
    "hosts": [{"id": "h", "count": 40, "capacity": [96000, 786432, 10000], "idleWatts": 200, "peakWatts": 400}],
    "vms": vms,
}
json.dump(instance, open(os.path.join(os.path.dirname(__file__), "bitbrains-2weeks-cluster.json"), "w"), indent=1)
