"""Execute notebooks as `nbdev_test` does (skipping `#| eval: false` and `tst_flags` cells) and save their outputs,
so the docs show real results. Run `nbdev_clean` afterwards. Usage: python tools/save_outputs.py nbs/01_data.ipynb ...

Progress bars are for a console, not a page: every tqdm bar (ours, transformers' "Loading weights", datasets' "Map")
is switched off while the notebooks run here, so the saved outputs hold what a reader needs (tests/test_outputs.py
checks them)."""
import os, sys
from pathlib import Path
from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell
from fastcore.xtras import working_directory
from nbdev.config import get_config
from nbdev.process import NBProcessor

def _no_progress_bars():
    "Switch off every tqdm bar in this process, whatever `disable` its caller passes."
    import tqdm.std
    init = tqdm.std.tqdm.__init__
    if getattr(init, '_quiet', False): return
    def quiet(self, *args, **kwargs): init(self, *args, **(kwargs | dict(disable=True)))
    quiet._quiet = True
    tqdm.std.tqdm.__init__ = quiet

def save_outputs(fn:Path, flags=()):
    fn = Path(fn).resolve()
    os.environ['IN_TEST'] = '1'
    _no_progress_bars()
    nb = NBProcessor(fn, process=True).nb
    def skip(cell):
        if cell.cell_type != 'code' or 'nbdev_export(' in cell.source: return True
        d = getattr(cell, 'directives_', {}) or {}
        return d.get('eval:', [''])[0].lower() == 'false' or bool(set(flags) & d.keys())
    for c in nb.cells:  # execnb only writes the outputs a cell makes: a cell that now prints nothing must not keep old ones
        if c.cell_type == 'code': c['outputs'] = []
    k = CaptureShell(fn)
    with working_directory(fn.parent): k.run_all(nb, exc_stop=True, preproc=skip)
    raw = read_nb(fn)
    for c_raw, c in zip(raw.cells, nb.cells):
        if c_raw.cell_type == 'code' and not skip(c):
            c_raw['outputs'] = c.get('outputs', [])
    write_nb(raw, fn)
    print(f"saved outputs: {fn.name}")

if __name__ == '__main__':
    cfg = get_config()
    for f in sys.argv[1:]: save_outputs(f, str(cfg.tst_flags).split())
