import numpy as np, sys
sys.path.insert(0,__import__('os').path.dirname(__import__('os').path.abspath(__file__))); from sel import *
import warnings; warnings.filterwarnings('ignore')
D=11; n=D*M
for v in (54,56,57):
    y=C[v]; s=scale(y,n)
    print(v, [ (names[i], round(float(np.mean(np.abs(y[n:n+M]-F[i,0,v,D]))/s),1)) for i in range(len(names)) if not np.isnan(F[i,0,v,D,0])])
ms=[]
for v in range(100):
    if v in (54,56,57): continue
    y=C[v]; s=scale(y,n)
    if s<=0: continue
    r=ranking(base+[6],0,v,D); f=np.median(F[r[:3],0,v,D],axis=0); ms.append(np.mean(np.abs(y[n:n+M]-f))/s)
print('median others',np.median(ms),'mean others',np.mean(ms))
