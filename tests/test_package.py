"""Checks on the package that do not belong in a notebook page: its version, the vendored data and its licences, the
README's install commands, and the wheel (built as `pip install git+…` builds it, installed into a fresh virtual
environment outside the repository, every dataset loaded from a temporary working folder)."""
import configparser, importlib.util, json, os, subprocess, sys, zipfile
from pathlib import Path
import pytest
import hybrid_ir

ROOT = Path(__file__).resolve().parents[1]

def test_version_matches_settings():
    cfg = configparser.ConfigParser(); cfg.read(ROOT/'settings.ini')
    assert hybrid_ir.__version__ == cfg['DEFAULT']['version']

def test_vendored_data_has_licences():
    for folder in ['xquad-r', 'mlqa-r', 'tatoeba', 'dictionaries']:
        files = {p.name.lower() for p in (ROOT/'data'/folder).iterdir()}
        assert any(f.startswith('license') for f in files), folder
        assert 'source.md' in files, folder

def test_readme_quick_start_matches_ci():
    readme = (ROOT/'README.md').read_text()
    ci = (ROOT/'.ci'/'run').read_text()
    assert 'python -m pytest -q tests' in readme and 'python -m pytest -q tests' in ci
    assert 'torch==2.13.0' in readme and 'torch==2.13.0' in ci

# --- the wheel ---
_spec = importlib.util.spec_from_file_location('wheel_size', ROOT/'tools'/'wheel_size.py')
wheel_size = importlib.util.module_from_spec(_spec); _spec.loader.exec_module(wheel_size)

# Run by the venv's python from a temporary working folder: every loader on its default (vendored) data.
LOAD_ALL = r'''
import json, hybrid_ir
from hybrid_ir.data import data_root, load_xquad_r, load_mlqa_r, load_tatoeba, paper_tables, table10, TATOEBA_CODES
from hybrid_ir.perturbations import load_dictionary, DICT_FILES
xq, ml = load_xquad_r(), load_mlqa_r()
diffs = {name: table10(d)[['questions_diff', 'candidates_diff']].abs().to_numpy().sum().item()
         for name, d in (('xquad-r', xq), ('mlqa-r', ml))}
print(json.dumps(dict(
    package=hybrid_ir.__file__, data=str(data_root()),
    xquad_r={l: [len(xq.questions[l]), len(xq.candidates[l])] for l in xq.languages},
    mlqa_r={l: [len(ml.questions[l]), len(ml.candidates[l])] for l in ml.languages},
    table10_diffs=diffs,
    tatoeba={l: len(load_tatoeba(l)) for l in TATOEBA_CODES},
    dictionaries={l: len(load_dictionary(l)) for l in DICT_FILES},
    paper_tables=sorted(json.loads(paper_tables().read_text())),
    licences=sorted(p.parent.name + '/' + p.name for p in data_root().glob('*/*') if p.name.upper().startswith(('LICENSE', 'SOURCE'))),
)))
'''

def _site_packages() -> list:
    "This environment's package folders: its site-packages and any such folder on sys.path."
    import site
    dirs = site.getsitepackages() + [p for p in sys.path if p.rstrip('/').endswith(('site-packages', 'dist-packages'))]
    return [p for p in dict.fromkeys(dirs) if Path(p).is_dir()]

@pytest.fixture(scope='module')
def wheel(tmp_path_factory):
    "The wheel built from the files a clone holds, and its measurement."
    whl = wheel_size.build_wheel(tmp_path_factory.mktemp('wheel'))
    return whl, wheel_size.measure(whl)

def test_wheel_carries_the_data_and_the_readme_states_its_size(wheel):
    whl, m = wheel
    data = sorted(p.relative_to(ROOT/'data').as_posix() for p in (ROOT/'data').rglob('*') if p.is_file())
    with zipfile.ZipFile(whl) as z: shipped = sorted(n[len('hybrid_ir_data/'):] for n in z.namelist() if n.startswith('hybrid_ir_data/'))
    assert shipped == data  # every vendored file, licences and sources included, and nothing else
    assert {'xquad-r/LICENSE', 'mlqa-r/LICENSE', 'tatoeba/LICENSE', 'dictionaries/LICENSE.wechsel'} <= set(shipped)
    stated = {f: wheel_size.readme_figure((ROOT/f).read_text()) for f in ('README.md', 'nbs/index.ipynb')}
    assert all(s is not None and abs(s - m['bytes'] / 1e6) <= 0.2 for s in stated.values()), \
        f"README states {stated} MB, the wheel is {m['bytes'] / 1e6:.2f} MB: run python tools/wheel_size.py --write"

def test_readme_installs_from_the_repository_url():
    cfg = configparser.ConfigParser(); cfg.read(ROOT/'settings.ini')
    assert f'pip install "hybrid_ir[offline] @ git+{cfg["DEFAULT"]["git_url"]}"' in (ROOT/'README.md').read_text()

def test_wheel_installed_outside_the_repository_loads_every_dataset(wheel, tmp_path):
    whl, _ = wheel
    venv, work = tmp_path/'venv', tmp_path/'work'
    work.mkdir()
    subprocess.run([sys.executable, '-m', 'venv', '--system-site-packages', str(venv)], check=True)  # torch etc. from here
    py = venv/'bin'/'python'
    site = Path(subprocess.run([str(py), '-c', 'import sysconfig; print(sysconfig.get_path("purelib"))'],
                               capture_output=True, text=True, check=True).stdout.strip())
    if sys.prefix != sys.base_prefix:  # run from a venv (CI's .venv): --system-site-packages reaches the base Python's
        (site/'test_parent_env.pth').write_text('\n'.join(_site_packages()) + '\n')  # packages only; add this one's, after the wheel's
    subprocess.run([str(py), '-m', 'pip', 'install', '-q', '--no-deps', '--no-index', '--disable-pip-version-check', str(whl)],
                   check=True, cwd=work)
    env = {k: v for k, v in os.environ.items() if k not in ('HYBRID_IR_DATA', 'PYTHONPATH')} | {'HF_HUB_OFFLINE': '1'}
    r = subprocess.run([str(py), '-c', LOAD_ALL], cwd=work, env=env, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    got = json.loads(r.stdout.strip().splitlines()[-1])
    assert Path(got['package']).parent == site/'hybrid_ir', got['package']  # the wheel's package, not the clone
    assert Path(got['data']) == site/'hybrid_ir_data', got['data']          # and the wheel's data
    from hybrid_ir.data import XQUAD_R_CANDIDATES, XQUAD_R_QUESTIONS, TATOEBA_CODES
    from hybrid_ir.perturbations import DICT_FILES
    assert got['xquad_r'] == {l: [XQUAD_R_QUESTIONS, n] for l, n in XQUAD_R_CANDIDATES.items()}
    assert sum(q for q, _ in got['mlqa_r'].values()) == 4199 and sum(c for _, c in got['mlqa_r'].values()) == 20534
    assert got['table10_diffs'] == {'xquad-r': 0, 'mlqa-r': 0}  # the paper's Table 10 counts, both sets
    assert got['tatoeba'] == {l: 548 if l == 'th' else 1000 for l in TATOEBA_CODES}
    assert set(got['dictionaries']) == set(DICT_FILES) and min(got['dictionaries'].values()) > 1000
    assert 'table10_counts' in got['paper_tables']
    assert {'xquad-r/LICENSE', 'xquad-r/SOURCE.md', 'mlqa-r/LICENSE', 'tatoeba/LICENSE', 'dictionaries/SOURCE.md'} <= set(got['licences'])

def test_hybrid_ir_data_still_overrides(tmp_path):
    "HYBRID_IR_DATA wins over the clone's data/ and the installed copy."
    env = os.environ | {'HYBRID_IR_DATA': str(tmp_path)}
    r = subprocess.run([sys.executable, '-c', 'from hybrid_ir.data import data_root; print(data_root())'], env=env,
                       capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0 and r.stdout.strip() == str(tmp_path), r.stderr
