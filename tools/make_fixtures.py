"""Write tests/fixtures/experiment-tiny and experiment-tiny-v3: the results (no weights) of miniature experiments with
the tiny random encoder, like the ones 21_experiment runs end to end, so the summary's sections have examples and tests
on real result files without training. experiment-tiny is cpu-v2's shape (XQuAD-R, the α sweep, unseen variants,
Tatoeba, greedy and HotFlip); experiment-tiny-v3 is v3's (MLQA-R beside XQuAD-R, the robust arm, meaning-preserving
attacks on MLQA-R, two seeds a side so every family is testable). Rerun when a results format changes:
python tools/make_fixtures.py [tiny|tiny-v3] (when only the summary's format changes, `hybrid-ir summarize
tests/fixtures/experiment-tiny` rewrites the summary from the fixture's files)."""
import shutil, tempfile
from pathlib import Path
import sys
from hybrid_ir.experiment import reproduce
from hybrid_ir.presets import EXPERIMENTS, Attacks, Preset, Run, TatoebaSpec, grid
from hybrid_ir.tiny import build_tiny_encoder

SPEC = Preset('fixture-tiny', 'cpu-quick', ('en', 'de', 'el'), tuple(grid([0, 1], alphas=[0.25], unseen=True)), compact=True,
              train=dict(max_steps=4, eval_steps=2, batch_size=8, max_seq_length=32, freeze_embeddings=False, offline=True,
                         selection='criterion', precision='fp32', patience=3),
              robustness=(('char_noise', 0.2),),
              tatoeba=TatoebaSpec(20, (('char_noise', 0.3), ('transliterate', 1.0)), ('de', 'el')),
              attacks=Attacks(('zeroshot', 'mono-a1-s0', 'hybrid-a0.5-s0'), per_language=2, budget=1,
                              methods=('greedy', 'hotflip'), edit_set='v2'))
_V3_RUNS = (Run(None), *[r for sd in (0, 1) for r in (
    Run('mono', 1.0, sd), Run('cross', 0.0, sd), Run('hybrid', 0.5, sd),
    Run('hybrid', 0.5, sd, tag='robust', train=dict(query_noise=0.5)))])
SPEC_V3 = Preset('fixture-tiny-v3', 'cpu-quick', ('en', 'de'), _V3_RUNS, compact=True, train=SPEC.train,
                 benchmarks=('xquad-r', 'mlqa-r'), robustness=(('char_noise', 0.2), ('homoglyph', 0.3)),
                 robustness_on='mlqa-r', cluster_unit='article',
                 attacks=Attacks(tuple(r.id for r in _V3_RUNS), per_language=2, budget=1, budget_ratio=0.2,
                                 on='mlqa-r'))
SPECS = {'tiny': (SPEC, 'experiment-tiny'), 'tiny-v3': (SPEC_V3, 'experiment-tiny-v3')}

def main(which:str='tiny'):
    spec, folder = SPECS[which]
    dest = Path(__file__).resolve().parent.parent/'tests'/'fixtures'/folder
    EXPERIMENTS[spec.name] = spec
    with tempfile.TemporaryDirectory() as tmp:
        reproduce(spec.name, out=Path(tmp)/'res', runs_dir=Path(tmp)/'runs', model=str(build_tiny_encoder()), progress=False)
        if dest.exists(): shutil.rmtree(dest)
        shutil.copytree(Path(tmp)/'res', dest)
    print(f"{dest}: {sum(f.stat().st_size for f in dest.rglob('*') if f.is_file()) / 2**20:.1f} MiB")

if __name__ == '__main__':
    for w in sys.argv[1:] or SPECS: main(w)
