"Checks on the installed package that do not belong in a notebook page."
import configparser, subprocess, sys
from pathlib import Path
import hybrid_ir

ROOT = Path(__file__).resolve().parents[1]

def test_version_matches_settings():
    cfg = configparser.ConfigParser(); cfg.read(ROOT/'settings.ini')
    assert hybrid_ir.__version__ == cfg['DEFAULT']['version']

def test_vendored_data_has_licences():
    for folder in ['xquad-r', 'tatoeba', 'dictionaries']:
        files = {p.name.lower() for p in (ROOT/'data'/folder).iterdir()}
        assert any(f.startswith('license') for f in files), folder
        assert 'source.md' in files, folder

def test_readme_quick_start_matches_ci():
    readme = (ROOT/'README.md').read_text()
    ci = (ROOT/'.ci'/'run').read_text()
    assert 'python -m pytest -q tests' in readme and 'python -m pytest -q tests' in ci
    assert 'torch==2.13.0' in readme and 'torch==2.13.0' in ci
