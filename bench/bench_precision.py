"""Benchmark: fp32 against bf16 autocast for multilingual-e5-small on this machine's device, in one process.

Measures (1) encoded sentences/s and the cosine between fp32 and bf16 embeddings; (2) training steps/s through the
library's own `train` (frozen and full word embeddings); (3) how far zero-shot retrieval metrics on the evaluation
articles move (macro mono / cross / pool mAP), to set against the seed-to-seed spread of the committed cpu-full study.
Writes results/bench_precision.json. Usage: python bench/bench_precision.py [--steps 20] [--languages all]"""
import argparse, json, os, tempfile, time
from pathlib import Path
os.environ.setdefault('HF_HUB_OFFLINE', '1')
import numpy as np, torch
from _util import finish
from hybrid_ir.data import load_xquad_r, repo_root, LANGS
from hybrid_ir.models import load_encoder, resolve_precision, default_device, autocast
from hybrid_ir.evaluate import evaluate_retrieval, select_articles
from hybrid_ir.config import preset
from hybrid_ir.train import train

ap = argparse.ArgumentParser()
ap.add_argument('--model', default='intfloat/multilingual-e5-small')
ap.add_argument('--steps', type=int, default=20, help='training steps timed per precision and setting')
ap.add_argument('--batch-size', type=int, default=16)
ap.add_argument('--max-seq-length', type=int, default=64)
ap.add_argument('--n-encode', type=int, default=1024, help='texts encoded per precision for throughput and agreement')
ap.add_argument('--out', default=str(repo_root()/'results'/'bench_precision.json'))
a = ap.parse_args()

dev = default_device()
if resolve_precision('auto', dev) != 'bf16': raise SystemExit(f"this {dev} has no native bf16: nothing to compare")
data, _ = select_articles(load_xquad_r(), 'eval')
texts = [q.text for l in LANGS for q in data.questions[l]][:a.n_encode]
model = load_encoder(a.model, max_seq_length=128)
fig = dict(device=dev, device_name=torch.cuda.get_device_name() if dev == 'cuda' else 'cpu', model=a.model)

# 1. encoding throughput and agreement
vecs = {}
for prec in ('fp32', 'bf16'):
    with autocast(model, prec): model.encode(texts[:32], prompt_name='query', batch_size=32)  # warm-up
    t = time.perf_counter()
    with autocast(model, prec):
        vecs[prec] = model.encode(texts, prompt_name='query', batch_size=64, normalize_embeddings=True, convert_to_tensor=True).float().cpu().numpy()
    fig[f'encode_sentences_per_s_{prec}'] = round(len(texts) / (time.perf_counter() - t), 1)
cos = (vecs['fp32'] * vecs['bf16']).sum(1)
fig |= dict(encode_speedup=round(fig['encode_sentences_per_s_bf16'] / fig['encode_sentences_per_s_fp32'], 2),
            cosine_fp32_bf16=dict(mean=float(cos.mean()), min=float(cos.min())), n_encoded=len(texts))
print({k: v for k, v in fig.items() if 'encode' in k or 'cos' in k})

# 2. training steps/s through `train` (no validation, so only steps are timed)
for frozen in (True, False):
    for prec in ('fp32', 'bf16'):
        with tempfile.TemporaryDirectory() as d:
            cfg = preset('cpu-quick', model=a.model, batch_size=a.batch_size, max_seq_length=a.max_seq_length, max_steps=a.steps,
                         eval_steps=10_000, val_fraction=0.0, freeze_embeddings=frozen, precision=prec, output_dir=d)
            r = train(cfg, progress=False)
        key = f"train_steps_per_s_{prec}_{'frozen' if frozen else 'full'}"
        fig[key] = round(a.steps / r['train_runtime_s'], 3); print(key, fig[key])
    k = 'frozen' if frozen else 'full'
    fig[f'train_speedup_{k}'] = round(fig[f'train_steps_per_s_bf16_{k}'] / fig[f'train_steps_per_s_fp32_{k}'], 2)
fig |= dict(train_batch_size=a.batch_size, train_max_seq_length=a.max_seq_length, train_steps_timed=a.steps)

# 3. zero-shot retrieval metrics, fp32 vs bf16 encoding, against the cpu-full seed spread
ev = {p: evaluate_retrieval(model, data, cache=False, progress=False, precision=p) for p in ('fp32', 'bf16')}
fig['zeroshot_macro_map'] = {p: {s: ev[p].macro[s]['map'] for s in ('mono', 'cross', 'pool')} for p in ev}
fig['zeroshot_map_diff_bf16_minus_fp32'] = {s: ev['bf16'].macro[s]['map'] - ev['fp32'].macro[s]['map'] for s in ('mono', 'cross', 'pool')}
summ = repo_root()/'results'/'experiments'/'cpu-full'/'summary.json'
if summ.exists():
    st = json.loads(summ.read_text())['strategies']
    fig['cpu_full_seed_sd_map'] = {g: {s: st[g][f'{s}_map']['std'] for s in ('mono', 'cross', 'pool')} for g in ('mono', 'cross', 'hybrid') if g in st}
fig['eval_wall_time_s'] = {p: ev[p].meta['wall_time_s'] for p in ev}
print(json.dumps({k: fig[k] for k in fig if k.startswith(('zeroshot', 'cpu_full', 'eval'))}, indent=1))
finish(a.out, fig)
