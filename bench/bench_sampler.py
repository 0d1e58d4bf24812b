"""Benchmark: hybrid sampler time per batch vs one training step (forward + backward + AdamW) of the offline
multilingual-e5-small, with and without frozen word embeddings; peak memory. Writes results/bench_sampler.json.
Usage: python bench/bench_sampler.py [--batch-size 16] [--steps 3]"""
import argparse, json, os, platform, resource, time
from pathlib import Path
os.environ.setdefault('HF_HUB_OFFLINE', '1')
import torch
from _util import finish
from hybrid_ir.data import load_xquad_r, article_split, repo_root
from hybrid_ir.sources import training_pairs
from hybrid_ir.sampler import HybridBatchSampler, META
from hybrid_ir.models import load_encoder, E5_PROMPTS
from sentence_transformers.losses import MultipleNegativesRankingLoss

ap = argparse.ArgumentParser()
ap.add_argument('--model', default='intfloat/multilingual-e5-small')
ap.add_argument('--batch-size', type=int, default=16)
ap.add_argument('--max-seq-length', type=int, default=64)
ap.add_argument('--steps', type=int, default=3)
ap.add_argument('--out', default=str(repo_root()/'results'/'bench_sampler.json'))
a = ap.parse_args()

xq = load_xquad_r()
pairs = training_pairs(xq.subset(article_split(xq).train))
s = HybridBatchSampler(pairs, a.batch_size, seed=0)
t = time.perf_counter(); n = 0
for e in range(20):
    s.set_epoch(e); n += sum(1 for _ in s)
per_batch = (time.perf_counter() - t) / n
t = time.perf_counter(); s2 = HybridBatchSampler(pairs, a.batch_size, seed=0); build = time.perf_counter() - t

def step_time(freeze):
    model = load_encoder(a.model, max_seq_length=a.max_seq_length); model.train()
    if freeze:
        for n_, p in model.named_parameters():
            if 'word_embeddings' in n_: p.requires_grad_(False)
    loss = MultipleNegativesRankingLoss(model)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=3e-5, weight_decay=0.01)
    times = []
    for i, rows in zip(range(a.steps + 1), s):
        b = pairs.select(rows)
        feats = [model.tokenize([E5_PROMPTS['query'] + x for x in b['query']]), model.tokenize([E5_PROMPTS['passage'] + x for x in b['passage']])]
        t = time.perf_counter()
        l = loss(feats, None); l.backward(); opt.step(); opt.zero_grad()
        if i: times.append(time.perf_counter() - t)  # first step warms up
    return sum(times) / len(times)

full, frozen = step_time(False), step_time(True)
out = dict(benchmark='sampler time per batch vs one training step', model=a.model, batch_size=a.batch_size, max_seq_length=a.max_seq_length,
           n_train_pairs=len(pairs), sampler_batches_timed=n,
           seconds=dict(sampler_per_batch=per_batch, sampler_build=round(build, 3), train_step_full=round(full, 3), train_step_frozen_embeddings=round(frozen, 3)),
           ratios=dict(sampler_over_step_full=per_batch / full, sampler_over_step_frozen=per_batch / frozen), target='sampler < 1% of a step',)
out = finish(a.out, out)
print(json.dumps(out['seconds']), json.dumps(out['ratios']))
