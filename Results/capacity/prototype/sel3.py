import numpy as np, sys
sys.path.insert(0,__import__('os').path.dirname(__import__('os').path.abspath(__file__))); import sel
from sel import *
import warnings; warnings.filterwarnings('ignore')
def combo_row(cands,k,W=7,inner_min=1):
    f=np.full(sel.F.shape[1:],np.nan)
    for x in (0,1):
        for v in range(100):
            for d in range(2,14):
                # ranking on the W days before d (those with forecasts)
                win=[e for e in range(max(1,d-W),d)]
                if len(win)<inner_min: continue
                r=ranking(cands,x,v,d,W)
                if r: f[x,v,d]=np.median(sel.F[r[:k],x,v,d],axis=0)
    sel.F=np.concatenate([sel.F,f[None]])
    mae=np.nanmean(np.abs(f[None]-A[None]),axis=-1); mae[np.isnan(f[None][...,0])]=np.nan
    sel.MAE=np.concatenate([sel.MAE,mae]); return sel.F.shape[0]-1
c0=base+[7]
for k in (2,3,4,5):
    report(f'median top{k} base+last3h',c0,'median',k)
report('median top3 base+last1h',base+[6],'median',3)
report('median top3 base',base,'median',3)
k3=combo_row(c0,3)
report('auto base+last3h+nested top3',c0+[k3],'select')
report('auto base+nested top3',base+[k3],'select')
report('nested top3 as selected alone',[k3],'select')
