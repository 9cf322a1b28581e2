import numpy as np, sys, pickle
sys.path.insert(0,__import__('os').path.dirname(__import__('os').path.abspath(__file__))); from proto import M, C, E, scale
F=np.load('/tmp/cap7/F.npy'); names=pickle.load(open('/tmp/cap7/names.pkl','rb'))
X2=(C,E)
# MAE[i,x,v,d]
A=np.stack([np.stack([X.reshape(100,14,M) for X in X2])]*1)[0]  # x,v,d,M
MAE=np.nanmean(np.abs(F-A[None]),axis=-1)  # nan where forecast missing
MAE[np.isnan(F[...,0])]=np.nan
def ranking(cands,x,v,D,W=7,agg='mean'):
    win=[d for d in range(D-W,D) if d>=1]
    need=(len(win)+1)//2
    el=[c for c in cands if sum(~np.isnan(MAE[c,x,v,d]) for d in win)>=need]
    com=[d for d in win if all(not np.isnan(MAE[c,x,v,d]) for c in el)]
    if not com:
        el=[c for c in el if all(not np.isnan(MAE[c,x,v,d]) for d in win)]; com=win
    sc=[(np.mean(MAE[c,x,v,com]) if agg=='mean' else np.median(MAE[c,x,v,com]),c) for c in el]
    sc.sort(key=lambda t:(t[0],cands.index(t[1])))
    return [c for _,c in sc]
def run(cands,D,x,strategy,k=1,W=7,agg='mean'):
    X=X2[x]; ms=[]
    for v in range(100):
        y=X[v]; n=D*M; s=scale(y,n)
        if s<=0: continue
        r=ranking(cands,x,v,D,W,agg)
        if strategy=='select': f=F[r[0],x,v,D]
        elif strategy=='median': f=np.median(F[r[:k],x,v,D],axis=0)
        elif strategy=='mean': f=np.mean(F[r[:k],x,v,D],axis=0)
        elif strategy=='allmedian': f=np.median(F[[c for c in cands if not np.isnan(F[c,x,v,D,0])],x,v,D],axis=0)
        ms.append(np.mean(np.abs(y[n:n+M]-f))/s)
    return np.mean(ms)
def report(label,cands,strategy,k=1,W=7,agg='mean'):
    out=[]
    for x in (0,1):
        out.append([run(cands,D,x,strategy,k,W,agg) for D in range(7,14)])
    o=np.array(out)
    print(f"{label:28s} choose {o[0,:3].mean():.3f}/{o[1,:3].mean():.3f}  eval {o[0,3:].mean():.3f}/{o[1,3:].mean():.3f}  cpu "+" ".join(f"{a:.3f}" for a in o[0,3:])+" mem "+" ".join(f"{a:.3f}" for a in o[1,3:]),flush=True)
base=list(range(6)); allc=list(range(len(names)))
if __name__=='__main__':
    print(names)
    report('select base',base,'select')
    report('select base robust-median',base,'select',agg='median')
    for k in (2,3,4):
        report(f'median top{k} base',base,'median',k)
        report(f'mean top{k} base',base,'mean',k)
    report('allmedian base',base,'allmedian')
    report('select all',allc,'select')
    for k in (3,5):
        report(f'median top{k} all',allc,'median',k)
        report(f'mean top{k} all',allc,'mean',k)
    report('allmedian all',allc,'allmedian')
