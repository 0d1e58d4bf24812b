"""Benchmark: full-grid evaluation (11 mono + 110 cross + 11 pool settings) vs (a) the encode-once floor and
(b) per-pair evaluation as sentence-transformers' InformationRetrievalEvaluator does it (one evaluator per language
pair and per pool, each encoding its own queries and corpus). All three run in this process on the same subset.
Writes results/bench_evaluate.json. Usage: python bench/bench_evaluate.py [--articles Normans,Harvard_University]"""
import argparse, json, os, platform, resource, time
from pathlib import Path
os.environ.setdefault('HF_HUB_OFFLINE', '1')
import numpy as np, torch
from _util import finish
from hybrid_ir.data import load_xquad_r, repo_root
from hybrid_ir.models import load_encoder
from hybrid_ir.evaluate import evaluate_retrieval

ap = argparse.ArgumentParser()
ap.add_argument('--model', default='intfloat/multilingual-e5-small')
ap.add_argument('--articles', default='Normans,Harvard_University')
ap.add_argument('--out', default=str(repo_root()/'results'/'bench_evaluate.json'))
a = ap.parse_args()

data = load_xquad_r().subset(a.articles.split(','))
model = load_encoder(a.model)
langs = data.languages
qtexts = [q.text for l in langs for q in data.questions[l]]
ctexts = [c.sentence for l in langs for c in data.candidates[l]]
enc = lambda texts, prompt: model.encode(texts, prompt_name=prompt, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
enc(qtexts[:8], 'query')  # warm-up

t = time.perf_counter(); enc(qtexts, 'query'); enc(ctexts, 'passage'); floor = time.perf_counter() - t
t = time.perf_counter(); res = evaluate_retrieval(model, data, cache=False, progress=False); ours = time.perf_counter() - t

from sentence_transformers.evaluation import InformationRetrievalEvaluator
t = time.perf_counter(); n_eval = 0
for x in langs:
    queries = {q.qid: q.text for q in data.questions[x]}
    for y in list(langs) + ['pool']:
        ys = langs if y == 'pool' else [y]
        corpus = {c.cid: c.sentence for l in ys for c in data.candidates[l]}
        rel = {q.qid: {c for l in ys for c in data.relevant[q.qid][l]} for q in data.questions[x]}
        ev = InformationRetrievalEvaluator(queries, corpus, rel, query_prompt_name='query', corpus_prompt_name='passage',
                                           map_at_k=[20], mrr_at_k=[10], ndcg_at_k=[10], accuracy_at_k=[1], precision_recall_at_k=[1, 10],
                                           show_progress_bar=False, batch_size=64, name=f'{x}-{y}')
        ev(model); n_eval += 1
per_pair = time.perf_counter() - t

out = dict(benchmark='full-grid evaluation vs encode-once floor vs per-pair InformationRetrievalEvaluator',
           model=a.model, articles=a.articles.split(','), languages=list(langs), n_questions=len(qtexts), n_candidates=len(ctexts),
           settings=dict(mono=len(res.mono), cross=sum(len(v) for v in res.cross.values()), pool=len(res.pool)), n_per_pair_evaluators=n_eval,
           seconds=dict(encode_once_floor=round(floor, 2), hybrid_ir_full_grid=round(ours, 2), per_pair_ir_evaluator=round(per_pair, 2)),
           ratios=dict(full_grid_over_floor=round(ours / floor, 3), per_pair_over_full_grid=round(per_pair / ours, 2)),
           targets=dict(full_grid_over_floor='<= 1.15', per_pair_over_full_grid='>= 10'))
out = finish(a.out, out)
print(json.dumps(out['seconds']), json.dumps(out['ratios']))
