"hybrid_ir.benchmarks beyond its page: the module without mteb installed, and BEIR's own loader on our export."
import subprocess, sys, textwrap
import pytest
from hybrid_ir.data import load_xquad_r
from hybrid_ir.benchmarks import export_beir, read_beir

def test_module_and_beir_export_work_without_mteb(tmp_path):
    "mteb is optional: the import, the splits and the BEIR export need none of it; a task asks for it by name."
    code = textwrap.dedent(f"""
        import sys
        sys.modules['mteb'] = None  # any `import mteb` now fails as if it were not installed
        import hybrid_ir.benchmarks as b
        from hybrid_ir.data import load_xquad_r
        d = load_xquad_r(languages=['de', 'en']).subset(['Normans'])
        man = b.export_beir(d, {str(tmp_path)!r}, ['mono'])
        assert man['folders']['clean/mono/de']['queries'] == len(d.questions['de']), man
        try: b.mteb_task(d, 'mono')
        except ImportError as e: print('ImportError:', e)
    """)
    r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "pip install 'hybrid_ir[mteb]'" in r.stdout, r.stdout

def test_beirs_own_loader_reads_our_export(tmp_path):
    "Where BEIR is installed, its GenericDataLoader reads each folder exactly as `read_beir` does."
    loader = pytest.importorskip('beir.datasets.data_loader')
    d = load_xquad_r(languages=['de', 'zh']).subset(['Normans', 'Nikola_Tesla'])
    man = export_beir(d, tmp_path, perturbations=[('char_noise', 0.3)])
    assert len(man['folders']) == 2 * (2 + 2 + 2)
    for key in man['folders']:
        ours = read_beir(tmp_path/key)
        theirs = loader.GenericDataLoader(data_folder=str(tmp_path/key)).load(split='test')
        assert ours == theirs, key
