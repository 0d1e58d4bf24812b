#!/usr/bin/env bash
# README.md from nbs/index.ipynb without Quarto (where Quarto exists, `nbdev_readme` does this).
set -euo pipefail
cd "$(dirname "$0")/.."
python - <<'PY'
import json, os, subprocess, yaml
from pathlib import Path
from execnb.nbio import read_nb, write_nb
from nbdev.processors import FilterDefaults
# nbdev's processing of the home page alone (nbdev_proc_nbs does every page, and some run cells out of their context)
os.environ['IN_TEST'] = '1'
nb = read_nb("nbs/index.ipynb")
from nbdev.process import NBProcessor
NBProcessor('nbs/index.ipynb', FilterDefaults().procs(), nb=nb).process()
Path('_proc').mkdir(exist_ok=True); write_nb(nb, '_proc/index.ipynb')
nb = json.load(open('_proc/index.ipynb'))
fm = next(c for c in nb['cells'] if c['cell_type'] == 'raw')['source']
fm = ''.join(fm) if isinstance(fm, list) else fm
meta = yaml.safe_load(fm.strip().strip('-'))
body = subprocess.run(['jupyter', 'nbconvert', '--to', 'markdown', '--TemplateExporter.exclude_raw=True', '--stdout', '_proc/index.ipynb'],
                      capture_output=True, text=True, check=True).stdout
head = f"# {meta['title'].strip()}\n\n> {meta['description'].strip()}\n\n"
open('README.md', 'w').write(head + body.strip() + '\n')
PY
echo "README.md written"
