import csv,collections,sys
out=["# Goal table: reassignment at a migration cost (issue 14)","",
"Suite `Instances/goals-n30`: `vmplace generate --class C --count 20 --n 30 --seed 1 --out Instances/goals-n30` for C in migration, migcheap, migrules (60 instances, 30–40 VMs, 3 dimensions; classes in `Results/README.md`, section Generators).","",
"Commands (release build, 2 shared cores, other developers building at the same time):","",
"    vmplace score Instances/goals-n30 --goal consolidate --methods current,reassign,consolidate-ffd,consolidate-bfd,consolidate-vector,consolidate-mmt,consolidate-affinity,ffd,portfolio --exact --time-limit 10 --jobs 2 --out Results --run consolidate-t10",
"    vmplace score Instances/goals-n30 --goal balance --methods current,reassign,balance-greedy,portfolio --exact --time-limit 10 --jobs 2 --out Results --run balance-t10",
"    vmplace score Instances/goals-n30 --goal hotspot --methods current,reassign,sandpiper,hotspot-mincost,hotspot-mmt,hotspot-vector,hotspot-affinity,portfolio --exact --time-limit 10 --jobs 2 --out Results --run hotspot-t10",
"","The heuristic rows were recomputed on 2026-12-03 after the receiver rule (0508d8e: `consolidate-*` and `balance-greedy` keep every host that receives a VM at or under its overload thresholds, hotspot methods never make a cool host hot) and, for hotspot, the engine's minimum-cost eviction move (a hot host's VMs come back and the cheapest cover of its excess leaves): the rows of every method but `exact`, `current`, `ffd` and `reassign` (consolidate, balance) were deleted from results.csv and the same commands resumed, keeping the others. The hotspot rows of every method but `exact` and `current` were recomputed once more the same way after the engine's make-room move (c563683, `Reassignment/MakeRoomMove.swift`).","","Table computed from the results.csv files by `python3 Results/goals-n30/goal-table.py` (run from the repository root) (mean gap over the instances exact proves optimal; `worse than current`: checked rows whose objective exceeds `current`'s; `current` fails the hotspot checker wherever a hot spot is left, by definition).","",
"| goal | run | method | rows | proven optimum | mean gap to opt | optimal | worse than current | checker failed |","|---|---|---|---:|---:|---:|---:|---:|---:|"]
for g,run in [('consolidate','consolidate-t10'),('balance','balance-t10'),('hotspot','hotspot-t10')]:
    try: rows=list(csv.DictReader(open(f'Results/goals-n30/{run}/results.csv')))
    except: continue
    by=collections.defaultdict(list)
    for r in rows: by[r['method']].append(r)
    cur={r['instance']:float(r['objective']) for r in by['current'] if r['objective'] and r['checker_verdict']=='ok'}
    for m,rs in sorted(by.items()):
        gaps=[float(r['gap_to_opt']) for r in rs if r.get('gap_to_opt') not in (None,'')]
        worse=sum(1 for r in rs if r['instance'] in cur and r['objective'] and float(r['objective'])>cur[r['instance']]*(1+1e-9)+1e-9 and r['checker_verdict']=='ok')
        bad=sum(1 for r in rs if r['checker_verdict']!='ok')
        mean=100*sum(gaps)/len(gaps) if gaps else float('nan')
        opt=sum(1 for x in gaps if x<=1e-6)
        out.append(f"| {g} | {run} | {m} | {len(rs)} | {len(gaps)} | {max(mean,0):.2f} % | {opt} ({100*opt/max(1,len(gaps)):.0f} %) | {worse} | {bad} |")
open('Results/goals-n30/goal-table.md','w').write("\n".join(out)+"\n")
