"Run every notebook the way `nbdev_test` does, one pytest case per notebook."
import pytest
from nbdev.config import get_config
from nbdev.doclinks import nbglob
import nbdev.test as nbdev_test  # module import: pytest would collect a bare `test_nb`

cfg = get_config()
nbs = sorted(nbglob(cfg.nbs_path, as_path=True))

@pytest.mark.parametrize("nb", nbs, ids=[str(p.relative_to(cfg.nbs_path)) for p in nbs])
def test_notebook(nb):
    ok, secs = nbdev_test.test_nb(nb, skip_flags=str(cfg.tst_flags).split(), basepath=cfg.config_path)
    assert ok, f"{nb.name} failed"
