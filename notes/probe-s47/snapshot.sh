#!/bin/bash
# snapshot.sh URL: search totals and hit ids for fixed queries, plus audit counts.
. $(dirname $0)/env.sh; T=$(cat $P/token); S=$1
python3 - "$S" "$T" <<'PY'
import json,sys,urllib.request,urllib.parse
S,T=sys.argv[1],sys.argv[2]
def get(p):
    r=urllib.request.Request(S+p,headers={"Authorization":"Bearer "+T})
    return json.load(urllib.request.urlopen(r))
for q in ["学习型城市","学分银行","终身学习活动周","社区教育办公室","实施意见","文号"]:
    for city in ["","330100","320100"]:
        ids=[];f=0
        while True:
            r=get("/api/v1/search?"+urllib.parse.urlencode({"q":q,"city":city,"size":100,"from":f}))
            hs=r.get("hits",r.get("results",[]))
            ids+=[h.get("id") or h.get("document_id") or h.get("document",{}).get("id") for h in hs]
            f+=100
            if not hs or f>=r.get("total",0): break
        ids=sorted(ids)
        print(q,city or "-",r.get("total"),len(ids),__import__("hashlib").md5(repr(ids).encode()).hexdigest()[:8], ids[:1])
ev=get("/api/v1/events?limit=1000")
print("events",len(ev.get("events",[])))
PY
