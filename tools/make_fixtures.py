"""Write tests/fixtures/experiment-tiny: the results (no weights) of a miniature experiment with the tiny random
encoder, the one 11_experiment runs end to end, so the summary's sections have examples and tests on real result files
without training. Rerun when a results format changes: python tools/make_fixtures.py (when only the summary's format
changes, `hybrid-ir summarize tests/fixtures/experiment-tiny` rewrites the summary from the fixture's files)."""
import shutil, tempfile
from pathlib import Path
from hybrid_ir.experiment import EXPERIMENTS, Attacks, Preset, TatoebaSpec, grid, reproduce
from hybrid_ir.models import build_tiny_encoder

SPEC = Preset('fixture-tiny', 'cpu-quick', ('en', 'de', 'el'), tuple(grid([0, 1], alphas=[0.25], unseen=True)), compact=True,
              train=dict(max_steps=4, eval_steps=2, batch_size=8, max_seq_length=32, freeze_embeddings=False, offline=True,
                         selection='criterion', precision='fp32', patience=3),
              robustness=(('char_noise', 0.2),),
              tatoeba=TatoebaSpec(20, (('char_noise', 0.3), ('transliterate', 1.0)), ('de', 'el')),
              attacks=Attacks(('zeroshot', 'mono-a1-s0', 'hybrid-a0.5-s0'), per_language=2, budget=1))

def main(dest:Path=Path(__file__).resolve().parent.parent/'tests'/'fixtures'/'experiment-tiny'):
    EXPERIMENTS['fixture-tiny'] = SPEC
    with tempfile.TemporaryDirectory() as tmp:
        reproduce('fixture-tiny', out=Path(tmp)/'res', runs_dir=Path(tmp)/'runs', model=str(build_tiny_encoder()), progress=False)
        if dest.exists(): shutil.rmtree(dest)
        shutil.copytree(Path(tmp)/'res', dest)
    print(f"{dest}: {sum(f.stat().st_size for f in dest.rglob('*') if f.is_file()) / 2**20:.1f} MiB")

if __name__ == '__main__': main()
