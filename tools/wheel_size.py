"""Build the wheel as `pip install` from a git URL would (from the files a clone holds), and measure it.

    python tools/wheel_size.py [--write]

Prints the wheel's size, its file count and how much of it is the vendored data; `--write` puts the size into the
README's install section (README.md and nbs/index.ipynb, the sentence that starts with `WHEEL_SENTENCE`).
tests/test_package.py builds the same wheel, installs it outside the repository and checks the README's figure."""
import argparse, json, re, shutil, subprocess, sys, tempfile, zipfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WHEEL_SENTENCE = 'The wheel is '  # README: "The wheel is 8.5 MB: …": what `--write` rewrites and the test reads

def clone_files(root:Path=ROOT) -> list[str]:
    "The files a clone of the working tree would hold: tracked ones and untracked ones git does not ignore."
    out = subprocess.run(['git', 'ls-files', '--cached', '--others', '--exclude-standard', '-z'], cwd=root,
                         capture_output=True, text=True, check=True).stdout
    return [f for f in out.split('\0') if f and (root/f).is_file()]

def _build_here() -> bool:
    "Whether this interpreter can build the wheel itself (setuptools ≥ 70.1 builds wheels without the wheel package)."
    try: major, minor = (int(x) for x in version('setuptools').split('.')[:2])
    except (PackageNotFoundError, ValueError): return False
    return (major, minor) >= (70, 1)

def build_wheel(out:Path, root:Path=ROOT) -> Path:
    "Copy the clone's files to a temporary folder, build the wheel there with pip into `out`; the wheel's path."
    out = Path(out); out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp)/'src'
        for f in clone_files(root):
            (src/f).parent.mkdir(parents=True, exist_ok=True); shutil.copy2(root/f, src/f)
        isolation = ['--no-build-isolation'] if _build_here() else []  # else pip fetches pyproject.toml's build requirements
        r = subprocess.run([sys.executable, '-m', 'pip', 'wheel', '--no-deps', '-q', *isolation, '-w', str(out), str(src)],
                           capture_output=True, text=True)
        if r.returncode: raise RuntimeError(f"pip wheel failed:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}")
    return next(out.glob('hybrid_ir-*.whl'))

def measure(whl:Path) -> dict:
    "Size of the wheel and of what it holds: bytes, files, and the vendored data's share (package `hybrid_ir_data`)."
    with zipfile.ZipFile(whl) as z: infos = [i for i in z.infolist() if not i.is_dir()]
    data = [i for i in infos if i.filename.startswith('hybrid_ir_data/')]
    return dict(wheel=whl.name, bytes=Path(whl).stat().st_size, files=len(infos), data_files=len(data),
                unpacked_bytes=sum(i.file_size for i in infos), data_unpacked_bytes=sum(i.file_size for i in data))

def mb(n:int) -> str: return f"{n / 1e6:.1f} MB"

def sentence(m:dict) -> str:
    "The README's sentence about the wheel, from a measurement."
    return (f"{WHEEL_SENTENCE}{mb(m['bytes'])}: {m['files']} files, {m['data_files']} of them the vendored data, "
            f"{mb(m['unpacked_bytes'])} unpacked (measured by `python tools/wheel_size.py`).")

def readme_figure(text:str) -> float | None:
    "The wheel size in MB that a README or notebook text states, or None."
    m = re.search(re.escape(WHEEL_SENTENCE) + r'([\d.]+) MB', text)
    return float(m[1]) if m else None

def write(m:dict, root:Path=ROOT) -> list[str]:
    "Rewrite the wheel sentence in README.md and nbs/index.ipynb (a markdown cell); the files changed."
    pat, new, changed = re.compile(re.escape(WHEEL_SENTENCE) + r'[^\n]*?tools/wheel_size\.py`\)\.'), sentence(m), []
    readme = root/'README.md'
    t = readme.read_text()
    if pat.search(t) and pat.sub(new, t) != t: readme.write_text(pat.sub(new, t)); changed.append('README.md')
    nbf = root/'nbs'/'index.ipynb'
    nb = json.loads(nbf.read_text())
    for c in nb['cells']:
        s = ''.join(c['source'])
        if c['cell_type'] == 'markdown' and pat.search(s) and pat.sub(new, s) != s:
            lines = pat.sub(new, s).split('\n'); c['source'] = [l + '\n' for l in lines[:-1]] + [lines[-1]]
            nbf.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + '\n'); changed.append('nbs/index.ipynb')
    return changed

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--write', action='store_true', help="put the measured size into README.md and nbs/index.ipynb")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        m = measure(build_wheel(Path(tmp)))
    print(json.dumps(m, indent=1)); print(sentence(m))
    if a.write: print('updated:', ', '.join(write(m)) or 'nothing (already current, or no wheel sentence found)')

if __name__ == '__main__': main()
