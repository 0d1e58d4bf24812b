"Committed results name no machine: every path in them is relative to the repository or the runs folder (issue 28)."
import json, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT/'tools'))
from relative_paths import absolute_paths, rewrite  # noqa: E402


def test_no_results_file_holds_an_absolute_path():
    files = sorted((ROOT/'results').rglob('*.json'))
    assert len(files) > 100  # the studies are there
    bad = {str(f.relative_to(ROOT)): p[:3] for f in files if (p := absolute_paths(json.loads(f.read_text())))}
    assert bad == {}


def test_the_rewrite_keeps_everything_but_the_paths(tmp_path):
    rec = dict(final_model='/home/someone/hybrid_ir/runs/cpu-v2/hybrid-a0.5-s0/final', best_step=75,
               config=dict(output_dir='/home/someone/hybrid_ir/runs/cpu-v2/hybrid-a0.5-s0', seed=0),
               note='/ and text stay')
    f = tmp_path/'run.json'; f.write_text(json.dumps(rec, indent=1))
    assert absolute_paths(rec) == ['.final_model', '.config.output_dir']
    assert rewrite(f) == 2
    assert json.loads(f.read_text()) == rec | dict(final_model='hybrid-a0.5-s0/final',
                                                   config=dict(output_dir='hybrid-a0.5-s0', seed=0))
    assert absolute_paths(json.loads(f.read_text())) == []
