"""Issue 27's shape targets, measured by tools/cell_stats.py on every component notebook: export cells the size of
fastcore's and nbdev's (mean at most 15 non-blank lines, none over 40, at most 1.3 definitions per cell), an example
or check under at least 60 % of exported definitions, few lines over 100 characters; and the Colab badge and install
cell of every notebook generated from settings.ini by tools/colab_cell.py, not written by hand."""
import importlib.util, json
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]

def _tool(name):
    spec = importlib.util.spec_from_file_location(name, ROOT/'tools'/f'{name}.py')
    m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m); return m

cells, colab = _tool('cell_stats'), _tool('colab_cell')
NBS = sorted((ROOT/'nbs').glob('[0-9][0-9]_*.ipynb'))

def test_export_cells_meet_the_targets():
    t = cells.totals([cells.notebook_stats(nb) for nb in NBS])
    assert t['mean_lines'] <= 15 and t['max_lines'] <= 40 and t['defs_per_cell'] <= 1.3, t
    assert t['checked_share'] >= 0.6 and t['long_share'] <= 0.1, t

@pytest.mark.parametrize('nb', NBS, ids=lambda p: p.stem)
def test_no_export_cell_over_40_lines(nb):
    big = [(c['first'], c['lines']) for c in cells.notebook_stats(nb)['cells'] if c['lines'] > 40]
    assert big == [], f"{nb.name}: export cells over 40 lines (first line, length): {big}"

def test_the_counts_see_what_they_count(tmp_path):
    nb = tmp_path/'x.ipynb'
    code = lambda s: dict(cell_type='code', source=s, metadata={}, outputs=[], execution_count=None)
    nb.write_text(json.dumps(dict(cells=[code('#| export\ndef f(): pass\ndef g(): pass'), code('test_eq(f(), None)'),
                                         code('#| export\nclass A: pass'), code('#| export\nx = 1')])))
    s = cells.notebook_stats(nb)['cells']
    assert [(c['defs'], c['checked'], c['lines']) for c in s] == [(2, True, 2), (1, False, 1), (0, False, 1)]
    assert cells.totals([dict(cells=s)])['checked_share'] == 1 / 3  # of f, g and A only g is followed by a check

def test_colab_cells_are_generated():
    s = colab.settings()
    bad = [nb.name for nb in colab.notebooks() if colab.rewrite(nb, s)['cells'] != json.loads(nb.read_text())['cells']]
    assert bad == [], f"run python tools/colab_cell.py: these notebooks' Colab badge or install cell is not the generated one: {bad}"

def test_the_install_cell_reads_one_repository_url():
    s = colab.settings(); cell = colab.install_cell(s)
    assert s['git_url'] in cell and f"/content/{s['lib_name']}'" not in cell  # a clone named like the package would shadow it
    assert f"github/{s['user']}/{s['repo']}/blob/{s['branch']}/nbs/14_sampler.ipynb" in colab.badge(ROOT/'nbs'/'14_sampler.ipynb', s)
