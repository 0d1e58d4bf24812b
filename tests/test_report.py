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
