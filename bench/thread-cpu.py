#!/usr/bin/env python3
# CPU per process and per server-JVM thread over N seconds (default 5), from /proc: which part of the
# 2 cores the load generator, Redis, PostgreSQL and each JVM thread (event loops, consumers, broker) use.
# usage: python3 bench/thread-cpu.py [seconds]
import os,sys,time,collections
def snap(pids):
    d={}
    for pid in pids:
        try: tids=os.listdir(f'/proc/{pid}/task')
        except: continue
        for t in tids:
            try:
                st=open(f'/proc/{pid}/task/{t}/stat').read()
                comm=open(f'/proc/{pid}/task/{t}/comm').read().strip()
            except: continue
            f=st[st.rindex(')')+2:].split()
            d[(pid,t)]=(comm,int(f[11])+int(f[12]))
    return d
def allpids():
    return [p for p in os.listdir('/proc') if p.isdigit()]
names={}
for p in allpids():
    try: names[p]=open(f'/proc/{p}/comm').read().strip()
    except: pass
dur=float(sys.argv[1]) if len(sys.argv)>1 else 5
def cpustat():
    f=open('/proc/stat').readline().split()[1:]
    return [int(x) for x in f]
s0=cpustat(); a=snap(allpids()); time.sleep(dur); b=snap(allpids()); s1=cpustat()
hz=os.sysconf('SC_CLK_TCK')
byproc=collections.Counter(); bythread=collections.Counter()
import re
for k,(comm,v) in b.items():
    if k in a:
        dv=(v-a[k][1])/hz/dur*100
        pname=names.get(k[0],'?')
        byproc[pname]+=dv
        if pname=='java':
            bythread[re.sub(r'[-#]?\d+$','',comm)]+=dv
print("per process %CPU:", ', '.join(f'{n}={v:.0f}' for n,v in byproc.most_common(8)))
print("java threads %CPU:", ', '.join(f'{n}={v:.0f}' for n,v in bythread.most_common(25)))
d=[y-x for x,y in zip(s0,s1)]; tot=sum(d) or 1
fields=['user','nice','system','idle','iowait','irq','softirq','steal']
print("machine %:", ', '.join(f'{n}={100*v/tot:.0f}' for n,v in zip(fields,d)), f"(of {os.cpu_count()} cores)")
