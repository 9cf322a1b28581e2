import numpy as np, sys
M=288
C=np.load('/tmp/cap7/cpu.npy'); E=np.load('/tmp/cap7/mem.npy')
def snaive(y,n,p=1): 
    P=p*M
    if n<P: P=n
    return np.maximum(0,np.array([y[n-P+h%P] for h in range(M)]))
def smedian(y,n,days=7):
    u=min(days,n//M); prof=np.median(np.array([y[n-(d+1)*M:n-d*M] for d in range(u)]),axis=0); return np.maximum(0,prof)
def hw(y,n,a=0.02,g=0.15):
    lv=y[:M].mean(); s=y[:M]-lv
    for t in range(M,n):
        j=t%M; pl=lv; lv=a*(y[t]-s[j])+(1-a)*lv; s[j]=g*(y[t]-pl)+(1-g)*s[j]
    return np.maximum(0,np.array([lv+s[(n+h)%M] for h in range(M)]))
def recent(y,n,q=0.5,days=1): return np.full(M,max(0,np.quantile(y[n-days*M:n],q)))
def lintrend(y,n,days=7):
    w=min(n,days*M); st=n-w; x=np.arange(w); yy=y[st:n]; b,a=np.polyfit(x,yy,1)
    r=yy-(a+b*x); prof=np.zeros(M); cnt=np.zeros(M)
    np.add.at(prof,(st+x)%M,r); np.add.at(cnt,(st+x)%M,1); prof/=np.maximum(cnt,1)
    return np.maximum(0,np.array([a+b*(w+h)+prof[(n+h)%M] for h in range(M)]))
# new
def lastlevel(y,n,hours=1): return np.full(M,max(0,np.median(y[n-hours*12:n])))
def rescaled(y,n,hours=3,days=1):
    L=hours*12; base=snaive(y,n,days) if days==1 else smedian(y,n,7)
    now=np.median(y[n-L:n]); then=np.median(y[n-M-L:n-M]) if days==1 else np.median(smedian(y,n-L,7)[:L]) if False else np.median(y[n-M-L:n-M])
    # additive shift, robust
    return np.maximum(0,base+(now-then))
def ratio_sn(y,n,hours=3):
    L=hours*12; base=snaive(y,n,1); now=np.mean(y[n-L:n]); then=np.mean(y[n-M-L:n-M])
    r=now/then if then>0 else 1.0; r=min(max(r,0.5),2.0); return np.maximum(0,base*r)
def ses_profile(y,n,a=0.1,days=7):
    # median daily profile of deviations from daily median, plus SES level of deseasonalised series
    u=min(days,n//M); prof=np.median(np.array([y[n-(d+1)*M:n-d*M] for d in range(u)]),axis=0)
    ph=[(t)%M for t in range(n-u*M,n)]
    pj=np.array([prof[(t-(n-u*M))%M] for t in range(n-u*M,n)])
    z=y[n-u*M:n]-pj; lv=z[0]
    for v in z: lv=a*v+(1-a)*lv
    return np.maximum(0,prof+lv)
def theta(y,n,days=3):
    # SES with drift on the deseasonalised (median-profile) series: Theta(2) ~ SES + half the slope
    w=min(n,days*M); yy=y[n-w:n]; u=min(7,n//M)
    prof=np.median(np.array([y[n-(d+1)*M:n-d*M] for d in range(u)]),axis=0); prof-=prof.mean()
    z=yy-np.array([prof[(t)%M] for t in range(w)])
    a=0.05; lv=z[0]
    for v in z: lv=a*v+(1-a)*lv
    b=np.polyfit(np.arange(w),z,1)[0]
    return np.maximum(0,np.array([lv+b*(h+1+ (1/a-1))/2*0 + 0.5*b*(h+1) + prof[h%M] for h in range(M)]))
BASE=[('sn1',lambda y,n:snaive(y,n,1),1),('sn7',lambda y,n:snaive(y,n,7),7),('smed7',smedian,2),('hw',hw,2),('rp50',recent,1),('lt7',lintrend,3)]
NEW={'last1h':(lambda y,n:lastlevel(y,n,1),1),'last3h':(lambda y,n:lastlevel(y,n,3),1),'resc3':(lambda y,n:rescaled(y,n,3),2),
     'ratio3':(ratio_sn,2),'sesprof':(ses_profile,2),'theta':(theta,3),'resc6':(lambda y,n:rescaled(y,n,6),2)}
def scale(y,n): return np.mean(np.abs(y[M:n]-y[:n-M]))
