import numpy as np, sys
sys.path.insert(0,__import__('os').path.dirname(__import__('os').path.abspath(__file__))); import sel
from sel import *
import warnings; warnings.filterwarnings('ignore')
# names: 0 sn1 1 sn7 2 smed7 3 hw 4 rp50 5 lt7 6 last1h 7 last3h 8 resc3 9 ratio3 10 sesprof 11 theta 12 resc6
for extra,lab in [([6],'last1h'),([6,10],'last1h+sesprof'),([6,11],'last1h+theta'),([6,7],'last1h+last3h'),([6,8],'last1h+resc3'),([10],'sesprof'),([11],'theta')]:
    for k in (3,):
        report(f'median top{k} base+{lab}',base+extra,'median',k)
report('median top5 base+last1h+sesprof+theta',base+[6,10,11],'median',5)
report('median top3 base+last1h+sesprof+theta',base+[6,10,11],'median',3)
