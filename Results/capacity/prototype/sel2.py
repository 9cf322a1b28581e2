import numpy as np, sys
sys.path.insert(0,__import__('os').path.dirname(__import__('os').path.abspath(__file__))); import sel
from sel import *
import warnings; warnings.filterwarnings('ignore')
def addrow(rowsidx):
    f=np.nanmedian(sel.F[rowsidx],axis=0)[None]
    sel.F=np.concatenate([sel.F,f]); 
    mae=np.nanmean(np.abs(f-A[None]),axis=-1); mae[np.isnan(f[...,0])]=np.nan
    sel.MAE=np.concatenate([sel.MAE,mae]); return sel.F.shape[0]-1
cm=addrow(base); names.append('comb-med-base')
cm2=addrow(base+[7]); names.append('comb-med-base+last3h')
cm3=addrow([0,2,3,4]); names.append('comb-med-sn1,smed,hw,rp50')
report('select base+combmed',base+[cm],'select')
report('select combmed alone',[cm],'select')
report('select base+last3h',base+[7],'select')
report('select base+last3h+combmed2',base+[7,cm2],'select')
report('combmed2 alone',[cm2],'select')
report('cm3 alone',[cm3],'select')
report('select base+cm3',base+[cm3],'select')
report('select base+sesprof',base+[10],'select')
report('select base+theta',base+[11],'select')
report('median top2 base+last3h',base+[7],'median',2)
report('median top3 base+last3h',base+[7],'median',3)
report('select W=3 base',base,'select',W=3)
report('select W=5 base',base,'select',W=5)
