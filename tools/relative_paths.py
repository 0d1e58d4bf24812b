#!/usr/bin/env python
"""Rewrite the machine paths in committed results as paths relative to the runs folder.

Older run records and evaluations name their weights by absolute paths (`/…/runs/<preset>/<run>/final`). This
rewrites, in place and textually (every other byte stays as it is), each `output_dir`, `final_model`,
`model_path`, `resumed_from` and `best_checkpoint` that lies under a runs folder to its path relative to that
folder (`<run>/final`), which is how the runner now records them (`experiment._relative_paths`). It then checks
that each file parses to the same JSON except those fields, and that no results file holds an absolute path.

    python tools/relative_paths.py [--check] [FOLDER]   # default FOLDER: results/
"""
import argparse, json, re, sys
from pathlib import Path

KEYS = ('output_dir', 'final_model', 'model_path', 'resumed_from', 'best_checkpoint')
# "key": "/any/where/runs/<preset>/<rest>"  ->  "key": "<rest>"
PATTERN = re.compile(r'"(%s)": "/[^"]*?/runs/[^/"]+/([^"]*)"' % '|'.join(KEYS))


def absolute_paths(obj, where='') -> list[str]:
    "Where in a parsed JSON value a string is an absolute path (a leading '/' and at least two parts)."
    if isinstance(obj, dict): return [p for k, v in obj.items() for p in absolute_paths(v, f'{where}.{k}')]
    if isinstance(obj, list): return [p for i, v in enumerate(obj) for p in absolute_paths(v, f'{where}[{i}]')]
    return [where] if isinstance(obj, str) and re.match(r'^/[^/\s]+/\S', obj) else []


def _strip(obj):
    "The JSON value with the rewritten fields removed (what must not change)."
    if isinstance(obj, dict): return {k: _strip(v) for k, v in obj.items() if k not in KEYS}
    if isinstance(obj, list): return [_strip(v) for v in obj]
    return obj


def rewrite(path: Path, check: bool = False) -> int:
    "Rewrite one file; the number of fields changed (or that would change, with `check`)."
    text = path.read_text(encoding='utf-8')
    new, n = PATTERN.subn(lambda m: f'"{m[1]}": "{m[2]}"', text)
    if n and not check:
        if _strip(json.loads(new)) != _strip(json.loads(text)):
            raise SystemExit(f"{path}: the rewrite changed more than the path fields")
        path.write_text(new, encoding='utf-8')
    return n


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('folder', nargs='?', default=str(Path(__file__).resolve().parents[1]/'results'))
    ap.add_argument('--check', action='store_true', help='only report; exit 1 if a path is absolute')
    a = ap.parse_args(argv)
    files = sorted(Path(a.folder).rglob('*.json'))
    changed = {f: n for f in files if (n := rewrite(f, a.check))}
    print(f"{'would rewrite' if a.check else 'rewrote'} {sum(changed.values())} fields in "
          f"{len(changed)} of {len(files)} files")
    left = {f: p for f in files if (p := absolute_paths(json.loads(f.read_text(encoding='utf-8'))))}
    for f, p in left.items(): print(f"absolute path: {f}: {', '.join(p[:3])}")
    return 1 if left else 0


if __name__ == '__main__':
    sys.exit(main())
