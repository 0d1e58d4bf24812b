"""Benchmark: how long `hybrid-ir --help` and an argument error take (wall time of a fresh process, median of N
runs), beside a bare `python -c pass` on the same machine, and which heavy libraries the parser loads.
Writes results/bench_cli_startup.json. Usage: python bench/bench_cli_startup.py [--runs 5]"""
import argparse, json, shutil, statistics, subprocess, sys, time
from pathlib import Path
from _util import finish
from hybrid_ir.data import repo_root

HEAVY = ('torch', 'transformers', 'sentence_transformers', 'datasets', 'pandas', 'scipy', 'sklearn')
ap = argparse.ArgumentParser()
ap.add_argument('--runs', type=int, default=5)
ap.add_argument('--out', default=str(repo_root()/'results'/'bench_cli_startup.json'))
a = ap.parse_args()

cli = [shutil.which('hybrid-ir')] if shutil.which('hybrid-ir') else [sys.executable, '-m', 'hybrid_ir.cli']
commands = {'python -c pass': [sys.executable, '-c', 'pass'],  # the floor: an interpreter that does nothing
            'hybrid-ir --help': cli + ['--help'],
            'hybrid-ir --version': cli + ['--version'],
            'hybrid-ir train --help': cli + ['train', '--help'],  # lists the training presets (hybrid_ir.config)
            'hybrid-ir evaluate --languages en,xx (argument error)':
                cli + ['evaluate', '--model', 'x', '--out', 'y.json', '--languages', 'en,xx']}

def wall(argv) -> tuple[float, int]:
    "Seconds a fresh process running `argv` takes, and its exit code."
    t = time.perf_counter(); r = subprocess.run(argv, capture_output=True)
    return time.perf_counter() - t, r.returncode

seconds, codes = {}, {}
for name, argv in commands.items():
    runs = [wall(argv) for _ in range(a.runs)]
    seconds[name] = dict(median=round(statistics.median(t for t, _ in runs), 3),
                         min=round(min(t for t, _ in runs), 3), max=round(max(t for t, _ in runs), 3))
    codes[name] = sorted({c for _, c in runs})
probe = ("import sys; from hybrid_ir.cli import parser; parser().format_help(); "
         f"print([m for m in {HEAVY!r} if m in sys.modules])")
loaded = json.loads(subprocess.run([sys.executable, '-c', probe], capture_output=True, text=True)
                    .stdout.strip().replace("'", '"') or 'null')
out = dict(benchmark='hybrid-ir start-up: --help and an argument error, fresh processes', command=' '.join([Path(cli[0]).name] + cli[1:]),  # no machine path in results
           runs=a.runs, seconds=seconds, exit_codes=codes,
           help_over_bare_python=round(seconds['hybrid-ir --help']['median'] / seconds['python -c pass']['median'], 2),
           heavy_modules_loaded_by_parser=loaded, target='--help well under 1 s')
out = finish(a.out, out)
print(json.dumps(out['seconds']), 'heavy modules loaded by the parser:', loaded)
