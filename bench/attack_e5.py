"""Run both attacks (black-box greedy, white-box HotFlip) against a model on the first N evaluation-article questions
of each language, monolingual setting; record gold-rank changes and success rates in results/attacks-<name>.json,
with the perturbed queries as JSONL beside it. Usage: python bench/attack_e5.py [--per-language 10]"""
import argparse, json, os, time
from pathlib import Path
os.environ.setdefault('HF_HUB_OFFLINE', '1')
import numpy as np
from hybrid_ir.data import load_xquad_r, article_split, repo_root
from hybrid_ir.adversarial import greedy_attack, hotflip_attack, save_jsonl, _gold_rank
from hybrid_ir.evaluate import encode_cached, EmbeddingCache
from hybrid_ir.models import load_encoder

ap = argparse.ArgumentParser()
ap.add_argument('--model', default='intfloat/multilingual-e5-small')
ap.add_argument('--name', default='zeroshot-e5-small')
ap.add_argument('--per-language', type=int, default=10)
ap.add_argument('--budget', type=int, default=3)
a = ap.parse_args()
xq = load_xquad_r(); ev = xq.subset(article_split(xq).eval, name='xquad-r:eval')
model = load_encoder(a.model); cache = EmbeddingCache()
out_dir = repo_root()/'results'; res = dict(model=a.model, dataset=ev.name, revision=ev.revision, per_language=a.per_language, budget=a.budget,
                                            setting='monolingual (queries in L against candidates in L)', attacks={})
t0 = time.time()
for attack in ('greedy', 'hotflip'):
    recs, per_lang = [], {}
    for l in ev.languages:
        cands = ev.candidates[l]; idx = {c.cid: j for j, c in enumerate(cands)}
        cv = encode_cached(model, [c.sentence for c in cands], 'passage', cache, progress=False)
        qs = ev.questions[l][:a.per_language]
        t = time.time()
        if attack == 'greedy': adv = greedy_attack(model, ev, l, budget=a.budget, max_queries=a.per_language, progress=False)
        else: adv = hotflip_attack(model, qs, [cands[idx[ev.relevant[q.qid][l][0]]].sentence for q in qs], k=a.budget, vocab=[q.text for q in ev.questions[l]], progress=False)
        dt = time.time() - t
        gold = lambda q: [idx[c] for c in ev.relevant[q.qid][l]]
        r0 = np.array([_gold_rank(encode_cached(model, [p.original], 'query', None, progress=False), cv, gold(q))[0] for p, q in zip(adv, qs)])
        r1 = np.array([_gold_rank(encode_cached(model, [p.text], 'query', None, progress=False), cv, gold(q))[0] for p, q in zip(adv, qs)])
        top = r0 <= 10
        per_lang[l] = dict(n=len(adv), median_rank_clean=float(np.median(r0)), median_rank_attacked=float(np.median(r1)),
                           mrr10_clean=float(np.mean(np.where(r0 <= 10, 1 / r0, 0))), mrr10_attacked=float(np.mean(np.where(r1 <= 10, 1 / r1, 0))),
                           success_rate_at10=float(np.mean(r1[top] > 10)) if top.any() else None,
                           mean_edits=float(np.mean([len(p.edits) for p in adv])), seconds_per_query=dt / len(adv))
        recs += adv
    save_jsonl(recs, out_dir/f'attacks-{a.name}.{attack}.jsonl', dict(attack=attack, model=a.model, budget=a.budget))
    sr = [v['success_rate_at10'] for v in per_lang.values() if v['success_rate_at10'] is not None]
    res['attacks'][attack] = dict(per_language=per_lang, success_rate_at10=float(np.mean(sr)),
                                  mrr10_clean=float(np.mean([v['mrr10_clean'] for v in per_lang.values()])),
                                  mrr10_attacked=float(np.mean([v['mrr10_attacked'] for v in per_lang.values()])),
                                  queries=f'attacks-{a.name}.{attack}.jsonl')
    print(attack, json.dumps({k: round(v, 3) for k, v in res['attacks'][attack].items() if isinstance(v, float)}))
res['wall_time_s'] = round(time.time() - t0, 1)
(out_dir/f'attacks-{a.name}.json').write_text(json.dumps(res, indent=1, ensure_ascii=False))
