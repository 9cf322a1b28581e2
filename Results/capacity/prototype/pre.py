import numpy as np, sys, pickle
sys.path.insert(0,__import__('os').path.dirname(__import__('os').path.abspath(__file__))); from proto import *
meths=[(k,f,md) for k,f,md in BASE]+[(k,f,md) for k,(f,md) in NEW.items()]
names=[k for k,_,_ in meths]
F=np.full((len(meths),2,100,14,M),np.nan)
for i,(k,f,md) in enumerate(meths):
    for x,X in enumerate((C,E)):
        for v in range(100):
            for d in range(max(1,md),14):
                F[i,x,v,d]=f(X[v],d*M)
np.save('/tmp/cap7/F.npy',F); pickle.dump(names,open('/tmp/cap7/names.pkl','wb'))
