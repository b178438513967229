#!/bin/bash
# ≈300 documents over 2 cities: TXT, plus soffice DOCX/PDF.
set -e; . $(dirname $0)/env.sh
mkdir -p $P/data/hz $P/data/nj $P/data/up
python3 - <<'PY'
import os, random
P=os.environ['P']
random.seed(47)
words=["学习型城市","终身学习","社区教育","老年大学","学分银行","市民学习","职业技能培训","数字化学习","家庭教育","企业学习"]
for city,d,n in (("杭州","hz",150),("南京","nj",145)):
    for i in range(n):
        w=random.sample(words,3)
        t=f"{city}市关于推进{w[0]}建设的实施意见（第{i}号）\n{city}市教育局 文号：{city[0]}教〔2024〕{i}号\n为加快{w[0]}建设，推进{w[1]}和{w[2]}，现提出如下意见。编号{d}{i:04d}专项。\n" + "".join(f"第{k}条　各责任单位应当落实{random.choice(words)}任务，完善{random.choice(words)}体系。\n" for k in range(1,8))
        open(f"{P}/data/{d}/{d}-{i:04d}.txt","w").write(t)
for d,city in (("hz","杭州"),("nj","南京")):
    for k in range(3):
        open(f"{P}/data/{d}-office{k}.txt","w").write(f"{city}市社区教育办公室文件{k}\n关于开展全民终身学习活动周的通知\n唯一标记{d}办公{k}号\n")
PY
cd $P/data
soffice --headless --convert-to docx --outdir $P/data/hz hz-office0.txt hz-office1.txt >/dev/null 2>&1
soffice --headless --convert-to pdf --outdir $P/data/hz hz-office2.txt >/dev/null 2>&1
soffice --headless --convert-to docx --outdir $P/data/nj nj-office0.txt >/dev/null 2>&1
soffice --headless --convert-to pdf --outdir $P/data/nj nj-office1.txt nj-office2.txt >/dev/null 2>&1
ls $P/data/hz | wc -l; ls $P/data/nj | wc -l
