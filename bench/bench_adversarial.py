"""Benchmark: perturbed queries per second for each generator (all 11 languages of XQuAD-R) and for the two attacks
against a model (default: the offline multilingual-e5-small) on a few real questions. Writes
results/bench_adversarial.json. Usage: python bench/bench_adversarial.py [--model tiny] [--attack-queries 4]"""
import argparse, json, os, platform, resource, time
from pathlib import Path
os.environ.setdefault('HF_HUB_OFFLINE', '1')
import torch
from _util import finish
from hybrid_ir.data import load_xquad_r, repo_root
from hybrid_ir.robustness import GENERATORS, make_generator
from hybrid_ir.attacks import greedy_attack, hotflip_attack
from hybrid_ir.models import load_encoder
from hybrid_ir.tiny import tiny_encoder

ap = argparse.ArgumentParser()
ap.add_argument('--model', default='intfloat/multilingual-e5-small', help="a model name/path, or 'tiny'")
ap.add_argument('--per-language', type=int, default=50, help='questions per language timed for each generator')
ap.add_argument('--attack-queries', type=int, default=4, help='queries per language for each attack')
ap.add_argument('--attack-languages', default='en,de,ru,zh,ar,hi')
ap.add_argument('--out', default=str(repo_root()/'results'/'bench_adversarial.json'))
a = ap.parse_args()

xq = load_xquad_r()
qs = [q for l in xq.languages for q in xq.questions[l][:a.per_language]]
model = tiny_encoder() if a.model == 'tiny' else load_encoder(a.model)
gen_qps = {}
for name in GENERATORS:
    g = make_generator(name, xq, model)  # the aligners encode with `model`
    g(qs[0], 0.5, 0)  # warm caches (dictionaries)
    t = time.perf_counter()
    for q in qs: g(q, 0.5, 0)
    gen_qps[name] = round(len(qs) / (time.perf_counter() - t), 1)

langs = a.attack_languages.split(',')
sub = xq.subset(xq.articles[:2], languages=langs)
t = time.perf_counter(); n = 0
for l in langs: n += len(greedy_attack(model, sub, l, budget=2, max_queries=a.attack_queries, progress=False))
greedy_qps = n / (time.perf_counter() - t)
cand = {c.cid: c for c in sub.pool()}
hq = [q for l in langs for q in sub.questions[l][:a.attack_queries]]
golds = [cand[sub.relevant[q.qid][q.lang][0]].sentence for q in hq]
t = time.perf_counter(); hotflip_attack(model, hq, golds, k=2, progress=False); hot_qps = len(hq) / (time.perf_counter() - t)

out = dict(benchmark='perturbed queries per second', generators_queries=len(qs), generators_qps=gen_qps,
           attacks=dict(model=a.model, languages=langs, queries_per_language=a.attack_queries,
                        greedy_budget2_qps=round(greedy_qps, 3), hotflip_k2_qps=round(hot_qps, 3)),)
out = finish(a.out, out)
print(json.dumps(gen_qps), json.dumps(out['attacks']))
