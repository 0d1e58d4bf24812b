#!/usr/bin/env bash
# README.md from nbs/index.ipynb without Quarto (where Quarto exists, `nbdev_readme` does this).
set -euo pipefail
cd "$(dirname "$0")/.."
nbdev_proc_nbs > /dev/null 2>&1
python - <<'PY'
import json, subprocess, yaml
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
