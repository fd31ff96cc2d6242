#!/usr/bin/env python3
"""Top frames (self and inclusive by package/class) and allocation sites from a JFR file (JDK 17 `jfr print --json`)."""
import json, subprocess, sys, collections
f = sys.argv[1]
def events(kind):
    out = subprocess.run(["jfr", "print", "--json", "--events", kind, f], capture_output=True, text=True).stdout
    evs = json.loads(out)["recording"]["events"]
    since = sys.argv[2] if len(sys.argv) > 2 else ""
    return [e for e in evs if e["values"].get("startTime", "") >= since]
def fname(fr):
    m = fr["method"]; t = m["type"]["name"]
    return f'{t}.{m["name"]}'
def thread_ok(e):
    t = (e["values"].get("sampledThread") or e["values"].get("eventThread") or {}).get("javaName") or ""
    return True
ex = events("jdk.ExecutionSample")
selfc = collections.Counter(); incl = collections.Counter(); threads = collections.Counter()
for e in ex:
    st = e["values"]["stackTrace"]
    if not st: continue
    frames = [fname(fr) for fr in st["frames"]]
    threads[(e["values"].get("sampledThread") or {}).get("javaName", "?").rstrip("0123456789-")] += 1
    selfc[frames[0]] += 1
    seen = set()
    for fr in frames:
        cls = fr.rsplit(".", 1)[0].replace("/", ".")
        pkg = ".".join(cls.split(".")[:4])
        for k in ("P " + pkg,):
            if k not in seen: seen.add(k); incl[k] += 1
n = len(ex)
print(f"execution samples: {n}")
print("by thread:"); [print(f"  {c*100/n:5.1f}% {t}") for t, c in threads.most_common(8)]
print("top self frames:"); [print(f"  {c*100/n:5.1f}% {t}") for t, c in selfc.most_common(25)]
print("inclusive by package (4 levels):"); [print(f"  {c*100/n:5.1f}% {t}") for t, c in incl.most_common(30)]
al = events("jdk.ObjectAllocationSample")
w = collections.Counter(); site = collections.Counter(); tot = 0
for e in al:
    v = e["values"]; wt = v.get("weight", 0); tot += wt
    w[v["objectClass"]["name"]] += wt
    st = v["stackTrace"]
    if st:
        fr = [fname(x) for x in st["frames"]]
        if not fr: continue
        ours = next((x for x in fr if x.startswith("dev/apigw") or x.startswith("dev.apigw")), fr[0])
        site[ours] += wt
print(f"allocation samples: {len(al)}, sampled weight {tot/1e6:.0f} MB")
print("top allocated classes:"); [print(f"  {c*100/tot:5.1f}% {t}") for t, c in w.most_common(15)]
print("top allocating sites (first dev.apigw frame, else top frame):"); [print(f"  {c*100/tot:5.1f}% {t}") for t, c in site.most_common(25)]
