"""Export-cell shape of the notebooks, measured as issue 27 compares it with fastcore and nbdev: per notebook and in
all, the export cells, their mean and largest size (non-blank lines, the `#| export` line excluded), top-level
definitions (def/class) per cell, the share of exported definitions followed by an example or check (a code cell
that is not an export) before the next exported definition (so of a cell's several definitions only the last can be),
and the share of lines over 100 characters.
Usage: python tools/cell_stats.py [--json] [NOTEBOOK ...]   (default: nbs/[0-9][0-9]_*.ipynb)"""
import ast, json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXPORT = re.compile(r'#\|\s*export\b')

def _code(nb:Path) -> list[str]:
    "Each code cell's source."
    return [''.join(c['source']) for c in json.loads(Path(nb).read_text())['cells'] if c['cell_type'] == 'code']

def _defs(src:str) -> int:
    "Top-level function and class definitions in a cell."
    body = '\n'.join(l for l in src.split('\n') if not l.startswith('#|'))
    return sum(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) for n in ast.parse(body).body)

def _is_check(src:str) -> bool:
    "A code cell that shows or checks something: not an export, not the closing `nbdev_export`, not empty."
    return bool(src.strip()) and not EXPORT.match(src) and 'nbdev_export(' not in src

def notebook_stats(nb:Path) -> dict:
    "The counts of one notebook."
    code, cells = _code(nb), []
    for i, s in enumerate(code):
        if not EXPORT.match(s): continue
        lines = [l for l in s.split('\n')[1:] if l.strip()]
        nxt = next((t for t in code[i+1:] if EXPORT.match(t) or _is_check(t)), '')
        cells.append(dict(lines=len(lines), defs=_defs(s), checked=_is_check(nxt),
                          long=sum(len(l) > 100 for l in lines), first=(lines or [''])[0][:60]))
    return dict(notebook=Path(nb).name, cells=cells)

def totals(stats:list[dict]) -> dict:
    "The issue's columns over a list of `notebook_stats`."
    cs = [c for s in stats for c in s['cells']]
    n, defs, lines = len(cs), sum(c['defs'] for c in cs), sum(c['lines'] for c in cs)
    return dict(export_cells=n, mean_lines=lines / n if n else 0.0, max_lines=max((c['lines'] for c in cs), default=0),
                cells_over_40=sum(c['lines'] > 40 for c in cs), defs_per_cell=defs / n if n else 0.0,
                checked_share=sum(min(c['defs'], 1) for c in cs if c['checked']) / defs if defs else 1.0,
                long_share=sum(c['long'] for c in cs) / lines if lines else 0.0)

def main(args):
    as_json = '--json' in args
    nbs = [Path(a) for a in args if a != '--json'] or sorted((ROOT/'nbs').glob('[0-9][0-9]_*.ipynb'))
    stats = [notebook_stats(nb) for nb in nbs]
    rows = {s['notebook']: totals([s]) for s in stats} | {'all': totals(stats)}
    if as_json: print(json.dumps(rows, indent=1)); return
    print(f"{'notebook':24} cells  mean   max  >40  defs/cell  checked  >100ch")
    for k, t in rows.items():
        print(f"{k:24} {t['export_cells']:5} {t['mean_lines']:5.1f} {t['max_lines']:5} {t['cells_over_40']:4}"
              f" {t['defs_per_cell']:10.2f} {t['checked_share']:8.0%} {t['long_share']:7.0%}")

if __name__ == '__main__': main(sys.argv[1:])
