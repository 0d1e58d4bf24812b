"The report's tables hold only numbers read from results files (ours) or the paper's transcribed tables."
import json
import pytest
from hybrid_ir.data import repo_root
from hybrid_ir.report import (Cell, read_cell, check_cells, experiment_dir, table1, table2, table3, table7, robustness_table, alpha_table,
                              unseen_table, robustness_differences_table, robustness_alpha_table, attack_table, attack_differences_table,
                              tatoeba_runs_table)

def test_every_table_cell_comes_from_a_results_file():
    exp = experiment_dir()
    cells = []
    for build in (table1, table2, table3, table7, robustness_table, alpha_table, unseen_table, robustness_differences_table, robustness_alpha_table, attack_table, attack_differences_table,
                  tatoeba_runs_table):
        cells += build(exp)[1]
    assert check_cells(cells) == len(cells) > 50
    ours = [c for c in cells if not c.file.endswith('2408.10536-tables.json')]
    assert ours and all(c.file.startswith(str(repo_root()/'results')) for c in ours)

def test_check_cells_catches_a_number_that_is_not_in_the_file(tmp_path):
    f = tmp_path/'r.json'; f.write_text(json.dumps({'a': {'b': 0.5}}))
    good = read_cell(f, 'a', 'b')
    assert check_cells([good]) == 1
    with pytest.raises(AssertionError, match="table has 0.51"):
        check_cells([Cell(0.51, str(f), ('a', 'b'))])

def test_paper_mlqa_r_tables_agree_with_their_means():
    "The transcribed per-language MLQA-R tables (4, 6, 8) average to the paper's Tables 1 and 2 after rounding."
    import numpy as np
    from hybrid_ir.data import paper_tables
    t = json.loads(paper_tables().read_text())
    for model, per_lang in (('XLM-R', t['table4_xlmr_mlqa_r']), ('LaBSE', t['table6_labse_mlqa_r'])):
        assert sorted(per_lang) == ['ar', 'de', 'en', 'es', 'hi', 'vi', 'zh']
        for s in ('mono', 'cross', 'pool'):
            means = np.mean([v[f'map_{s}'] for v in per_lang.values()], axis=0)
            assert np.abs(means - t['table1_map_mlqa_r'][model][s]).max() < 0.0011, (model, s, means)
    for model in ('XLM-R', 'LaBSE'):
        means = np.mean([v[model] for v in t['table8_rank_distance_mlqa_r'].values()], axis=0)
        assert np.abs(means - t['table2_rank_distance_mlqa_r'][model]).max() < 0.6, (model, means)

def _report_cells() -> list[str]:
    "The report notebook's code cells, without cell options or the Colab install cell."
    nb = json.loads((repo_root()/'nbs'/'report'/'90_report.ipynb').read_text())
    srcs = [''.join(c['source']) for c in nb['cells'] if c['cell_type'] == 'code']
    return ['\n'.join(l for l in s.splitlines() if not l.startswith('#|')) for s in srcs if 'google.colab' not in s]

def test_report_runs_on_a_v3_shaped_study(tmp_path, capsys):
    """Every code cell of the report, run on the miniature v3 (tests/fixtures/experiment-tiny-v3, made by
    tools/make_fixtures.py) in place of the study the report shows now: a shape only v3 has (MLQA-R beside XQuAD-R,
    robust hybrid, perturbations on MLQA-R only) must not break the report before the real grid is done."""
    import shutil, matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    shutil.copytree(repo_root()/'tests'/'fixtures'/'experiment-tiny-v3', tmp_path/'v3')
    cells = _report_cells()
    swap = [i for i, s in enumerate(cells) if 'exp = experiment_dir()' in s]
    assert len(swap) == 1, 'the report chooses its study in one cell'
    cells[swap[0]] = cells[swap[0]].replace('exp = experiment_dir()', f'exp = Path({str(tmp_path/"v3")!r})')
    ns = {'Path': __import__('pathlib').Path}
    for i, src in enumerate(cells):
        try: exec(compile(src, f'report cell {i}', 'exec'), ns)
        except Exception as e: pytest.fail(f'report cell {i} fails on a v3-shaped study: {type(e).__name__}: {e}\n{src[:300]}')
        finally: plt.close('all')
    out = capsys.readouterr().out
    assert 'No blind perturbation of this benchmark in this study.' in out  # v3 perturbs MLQA-R's queries only
    assert "Robust hybrid's training perturbed queries with char_noise and code_switch" in out
