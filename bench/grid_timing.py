"""Per-run wall time of a study run by tools/run_grid.sh, read from git: each run is one `hybrid-ir reproduce --only RUN`
invocation, whose wall time `reproduce` writes into the study's summary.json (`last_invocation_wall_time_s`) in the commit
that lands the run. Prints each run's time, the load of the machine is not known here: the commit message and the
session notes say which runs shared it with other jobs. Projects the whole grid from the runs done so far.

    python bench/grid_timing.py v3 [--ref grid-v3] [--out results/bench_grid_timing_v3.json]
"""
import argparse, json, subprocess, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _git(*a) -> str: return subprocess.run(['git', '-C', str(ROOT), *a], capture_output=True, text=True, check=True).stdout


def run_times(preset:str, ref:str='HEAD') -> dict:
    "Run id -> wall seconds of the invocation that landed it, from the commits of tools/run_grid.sh on `ref`."
    f = f'results/experiments/{preset}/summary.json'
    out = {}
    for line in _git('log', '--reverse', '--format=%H %s', ref, '--', f).splitlines():
        sha, msg = line.split(' ', 1)
        if not msg.startswith(f'Results: {preset} run '): continue
        rid = msg.removeprefix(f'Results: {preset} run ').split(',')[0]
        s = json.loads(_git('show', f'{sha}:{f}'))
        out[rid] = s.get('last_invocation_wall_time_s')
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('preset'); ap.add_argument('--ref', default='HEAD'); ap.add_argument('--out')
    a = ap.parse_args(argv)
    from hybrid_ir.presets import get_preset
    runs = [r.id for r in get_preset(a.preset).runs]
    t = run_times(a.preset, a.ref)
    trained = [v for k, v in t.items() if k != 'zeroshot' and v]
    per_run = sum(trained) / len(trained) if trained else None
    todo = [r for r in runs if r not in t]
    fig = dict(preset=a.preset, ref=a.ref, runs_done=len(t), runs=len(runs), seconds=t,
               mean_trained_run_s=per_run,
               projected_remaining_h=per_run * len([r for r in todo if r != 'zeroshot']) / 3600 if per_run else None,
               projected_grid_cpu_h=(sum(v for v in t.values() if v) + per_run * len(todo)) / 3600 * 2
                                    if per_run else None,  # 2 cores
               note='wall time of each reproduce invocation (one run), from summary.json in its commit')
    for k, v in t.items(): print(f"{k:28s} {v / 60:7.1f} min" if v else f"{k:28s} ?")
    if per_run: print(f"mean trained run {per_run / 60:.1f} min; {len(todo)} runs to go, about "
                      f"{fig['projected_remaining_h']:.1f} h; whole grid about {fig['projected_grid_cpu_h']:.1f} CPU-hours")
    if a.out: Path(a.out).write_text(json.dumps(fig, indent=1) + '\n')
    return fig


if __name__ == '__main__':
    main()
