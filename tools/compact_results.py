"""Rewrite results written before the compact format into it, so that results/ stays small (a fresh clone downloads it).

- an `eval.json` with its per-query values inline: the per-query values the statistics use go to a gzipped file beside
  it (5 decimals, `EvalResult.to_json(compact=True)`); every other field is kept as it was;
- an experiment whose runs each hold a copy of the same perturbed-query JSONL: one copy under `<experiment>/queries/`
  (the layout compact experiments write), referenced by name from each run's `robustness.json`; copies that differ stay;
- any other perturbed-query JSONL named by a robustness JSON: gzipped in place (`load_jsonl` reads `.jsonl.gz`).

Nothing is recomputed: the metrics and perturbed queries are the ones the experiments wrote. Afterwards re-summarise each
experiment (`hybrid-ir summarize FOLDER`): its bootstrap statistics then read the 5-decimal per-query values.
Usage: python tools/compact_results.py PATH [PATH ...]   (experiment folders or single results JSON files)"""
import gzip, hashlib, json, sys
from pathlib import Path
from hybrid_ir.data import write_json
from hybrid_ir.evaluate import EvalResult

def compact_eval(p:Path) -> bool:
    "Move an eval JSON's inline per-query values into the gzipped file beside it; False when already compact."
    d = json.loads(p.read_text())
    if not d.get('per_query') or 'file' in d['per_query']: return False
    EvalResult.from_json(p).to_json(p, compact=True)
    return True

def share_queries(exp:Path) -> int:
    "One copy of each run's perturbed-query JSONL under exp/queries when all runs hold the same bytes; the number moved."
    moved = 0
    for rob in sorted(exp.glob('*/robustness.json')):
        r = json.loads(rob.read_text())
        for key, e in r['entries'].items():
            src = rob.parent/e['queries']
            if not src.exists() or src.parent.name == 'queries': continue
            h = json.loads(src.read_text(encoding='utf-8').splitlines()[0])
            dst = exp/'queries'/f"{h['generator']}-{h['strength']}-s{h['seed']}.jsonl"
            if dst.exists() and hashlib.sha256(dst.read_bytes()).digest() != hashlib.sha256(src.read_bytes()).digest(): continue
            dst.parent.mkdir(exist_ok=True)
            if not dst.exists(): src.rename(dst)
            else: src.unlink()
            e['queries'] = dst.name; moved += 1
        write_json(rob, r)
    return moved

def gzip_queries(rob:Path) -> int:
    "Gzip the JSONL files a stand-alone robustness JSON names; the number gzipped."
    r, n = json.loads(rob.read_text()), 0
    for e in r['entries'].values():
        src = rob.parent/e['queries']
        if src.suffix != '.jsonl' or not src.exists(): continue
        dst = src.with_name(src.name + '.gz'); dst.write_bytes(gzip.compress(src.read_bytes(), mtime=0)); src.unlink()
        e['queries'] = dst.name; n += 1
    write_json(rob, r)
    return n

def main(paths):
    for p in map(Path, paths):
        if p.is_dir():
            evals = [q for q in sorted(p.glob('*/eval.json'))]
            print(f"{p}: {sum(map(compact_eval, evals))} of {len(evals)} eval files compacted, {share_queries(p)} query files shared")
        elif 'entries' in json.loads(p.read_text()): print(f"{p}: {gzip_queries(p)} query files gzipped")
        else: print(f"{p}: {'compacted' if compact_eval(p) else 'already compact'}")

if __name__ == '__main__': main(sys.argv[1:] or sys.exit(__doc__))
