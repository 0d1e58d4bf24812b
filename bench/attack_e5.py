"""Run both attacks (black-box greedy, white-box HotFlip) against one model on the first N evaluation-article questions
of each language (monolingual setting) with `hybrid_ir.adversarial.attack_suite`, and print the figures. Resumable.
The experiment runner does the same for its models (results/experiments/<preset>/<run>/attacks.json).
Usage: python bench/attack_e5.py [--model PATH_OR_HUB_ID] [--per-language 6] [--out results/attacks-NAME.json]"""
import argparse, json, os, time
os.environ.setdefault('HF_HUB_OFFLINE', '1')
from hybrid_ir.data import load_xquad_r, article_split, repo_root
from hybrid_ir.adversarial import attack_suite
from hybrid_ir.models import load_encoder

ap = argparse.ArgumentParser()
ap.add_argument('--model', default='intfloat/multilingual-e5-small')
ap.add_argument('--name', default='zeroshot-e5-small')
ap.add_argument('--per-language', type=int, default=6)
ap.add_argument('--budget', type=int, default=3)
ap.add_argument('--out', default=None)
a = ap.parse_args()
xq = load_xquad_r(); ev = xq.subset(article_split(xq).eval, name='xquad-r:eval')
out = a.out or repo_root()/'results'/f'attacks-{a.name}.json'
t0 = time.time()
res = attack_suite(load_encoder(a.model), ev, out, per_language=a.per_language, budget=a.budget, model_name=a.name)
for k, v in res['attacks'].items():
    print(k, json.dumps({m: round(x, 3) for m, x in v.items() if isinstance(x, float)}))
print(f"{out} ({time.time() - t0:.0f}s)")
