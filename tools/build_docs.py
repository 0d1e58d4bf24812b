"""Build the docs site from the notebooks without Quarto, honouring the cell options Quarto would.

    python tools/build_docs.py [--out _site] [--screenshots] [--workers N] [--force]

1. nbdev's notebook processing (`nbdev.serve.proc_nbs`, the step `nbdev_proc_nbs` runs, without its attempt to install
   Quarto and `pip install -e` the project) writes `_proc/`: hidden cells dropped, each exported definition replaced by
   an executed `show_doc` cell, frontmatter (title, description, output-file) in a raw first cell. It caches by mtime.
   It runs in this process, with two changes from tools/docs_api.py: API entries with readable signatures (a class as
   `class X(…)`, hints as written, a dataclass field's factory by the value it makes), and a cell that mixes imports
   with other code has only its imports run (nbdev would run all of it without the cells before it).
2. What nbdev leaves for Quarto, done here per cell: `#| include: false` and `#| hide` drop the cell, `#| echo: false`
   the code, `#| output: false` the outputs, `#| output: asis` turns the outputs into markdown, and the other `#|` lines
   are removed from the code shown. HTML outputs (tables) pass through untouched, figures stay inline (base64 PNG).
3. nbconvert's markdown exporter writes each notebook as pandoc markdown; pandoc (HTML5, `tools/docs_template.html`)
   makes the page. Pandoc reads Quarto's link attributes (`[source](…){target="_blank" …}`) as attributes, as Quarto
   does, so `show_doc`'s source links are real links to the GitHub repo of settings.ini (`git_url`, `branch`).
   Links nbdev made to the docs host (`doc_host` + `doc_baseurl`) become relative links inside the site.
4. The sidebar has the home page first, then sections (`SECTIONS`: data and models, training, evaluation, robustness
   and attacks, experiments, report), each page under a short title (its title up to a colon, or its frontmatter's
   `sidebar-title`). A notebook is placed by its module (`default_exp`) or its name without the number; one that
   `SECTIONS` does not name goes to the section of the notebook numbered just before it (the numbers group topics),
   with a warning. Every page links to the previous and next page in that order. Pages go where Quarto would put them:
   the notebook's folder + its `output-file`.
5. Site search: Pagefind (npm `pagefind`, run through npx) indexes each page's main column into `<out>/pagefind/`; the
   header's search box is Pagefind's own UI. It needs a web server (browsers refuse fetches from file:// pages).
6. `--screenshots`: headless Chromium photographs the home page, one API page, the report (its first screen, its top,
   findings and figures) and the sidebar into `<out>/screenshots/`.

`<out>/build.json` records the pages, the time each step took and the screenshots taken."""
import argparse, html, importlib.util, json, os, posixpath, re, shutil, subprocess, sys, tempfile, time
from pathlib import Path
import nbformat, yaml

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT/'tools'/'docs_template.html'
FULL, SCREEN = (1280, 2000), (1280, 800)
# what a reader looks at first: the home page, an API page, the report's first screen, its top, its findings (tables)
# and figures, and the sidebar (the left column of a page: `crop`)
SHOTS = {'index': ('index.html', FULL), 'api': ('evaluate.html', FULL), 'report-first-screen': ('report/report.html', SCREEN),
         'report': ('report/report.html', FULL), 'report-findings': ('report/report.html#findings', FULL),
         'report-figures': ('report/report.html#figures', FULL), 'sidebar': ('data.html', (1280, 1100))}
CROP = {'sidebar': (0, 0, 330, 1100)}
# Sidebar sections, in order, and the notebooks in each: by module (`default_exp`) or by name without its number; a
# folder of nbs/ ('report/') puts every notebook in it there. Notebooks not named here: see `sections`.
SECTIONS = {
    'Data and models': ('data', 'sentences', 'sources', 'models', 'tiny', 'bundle'),
    'Training': ('sampler', 'config', 'train'),
    'Evaluation': ('metrics', 'evaluate', 'tatoeba', 'benchmarks'),
    'Robustness and attacks': ('perturbations', 'robustness', 'edits', 'hotflip', 'attacks'),
    'Experiments': ('stats', 'families', 'summary', 'presets', 'experiment', 'findings', 'cli'),
    'Report': ('report_tables', 'presentation', 'figures', 'report/'),
}
HOME = 'index.ipynb'
PAGEFIND = 'pagefind@1.6.0'  # npm package, run with npx (downloaded once into npm's cache)
_ANSI = re.compile(r'\x1b\[[0-9;]*[A-Za-z]')
_spec = importlib.util.spec_from_file_location('docs_api', ROOT/'tools'/'docs_api.py')
docs_api = importlib.util.module_from_spec(_spec); _spec.loader.exec_module(docs_api)

def cfg():
    "nbdev's settings.ini, read from the repository root whatever the working directory."
    from nbdev.config import get_config
    return get_config(path=ROOT)

class _At:
    "Run a block from the repository root with some environment variables set (nbdev reads settings.ini from the cwd)."
    def __init__(self, **env): self.env = env
    def __enter__(self):
        self.cwd, self.old = os.getcwd(), {k: os.environ.get(k) for k in self.env}
        os.chdir(ROOT); os.environ.update(self.env)
    def __exit__(self, *exc):
        os.chdir(self.cwd)
        for k, v in self.old.items():
            if v is None: os.environ.pop(k, None)
            else: os.environ[k] = v

def write_sidebar():
    "nbs/sidebar.yml as nbdev_docs writes it, from the notebooks (nothing is written when settings.ini has custom_sidebar)."
    import nbdev.quarto
    with _At(): nbdev.quarto.nbdev_sidebar.__wrapped__(path=cfg().nbs_path)

def mixed_import_cells() -> list:
    "'notebook cell N' for each cell of nbs/ that mixes imports with other code (the processing runs its imports only)."
    from nbdev.doclinks import nbglob
    nbs, out = cfg().nbs_path, []
    for f in sorted(nbglob(nbs, as_path=True)):
        for i, c in enumerate(nbformat.read(f, as_version=4).cells):
            opts, src = _options(c.source) if c.cell_type == 'code' else ({}, '')
            if {'export', 'exports', 'exporti', 'hide'} & opts.keys() or opts.get('eval') == 'false': continue
            if docs_api.imports_only(src) is not None: out.append(f"{f.relative_to(nbs)} cell {i}")
    return out

def process(force:bool=False) -> Path:
    "nbs/sidebar.yml, then nbdev's processors over nbs/ into _proc/ (an mtime cache), in this process; raises if a notebook fails."
    import nbdev.serve
    c, cache = cfg(), ROOT/'_proc'
    newest = max([p.stat().st_mtime for p in c.lib_path.rglob('*.py')] +  # show_doc's signatures and source lines come from it
                 [(ROOT/'tools'/f).stat().st_mtime for f in ('build_docs.py', 'docs_api.py')])
    if cache.exists() and cache.stat().st_mtime < newest: force = True
    write_sidebar()
    for cell in mixed_import_cells():  # nbdev's own warning also fires for each guarded Colab install cell, so it is off
        print(f"docs: {cell} mixes imports with other code: the docs build runs its imports only (nbdev's own processing "
              "would run it all, without the cells before it)", file=sys.stderr)
    docs_api.patch_nbdev()  # in this process: nbdev's worker processes would not see it, so n_workers=0
    with _At(PYTHONWARNINGS='ignore::UserWarning'):
        return nbdev.serve.proc_nbs(str(c.nbs_path), n_workers=0, force=force)

def _module(nb:Path) -> str | None:
    "The module a notebook exports to (`#| default_exp NAME`), or None."
    for c in nbformat.read(nb, as_version=4).cells:
        m = re.search(r'^#\|\s*default_exp\s+([\w.]+)', c.source, re.M) if c.cell_type == 'code' else None
        if m: return m[1]
    return None

def _names(rel:str, module:str|None) -> list:
    "What `SECTIONS` may call a notebook: its module, its name without the number, its folder ('report/')."
    p = Path(rel)
    names = [module] if module else []
    names.append(re.sub(r'^\d+[a-z]?_', '', p.stem))
    if p.parent != Path('.'): names.append(p.parent.as_posix() + '/')
    return names

def sections(notebooks:list, modules:dict|None=None) -> list:
    """(section, notebook) for notebooks relative to nbs/ ('06_evaluate.ipynb', 'report/90_report.ipynb'): the home
    page first (no section), then the sections in `SECTIONS` order, notebooks in file order within each. A notebook that
    `SECTIONS` does not name joins the section of the notebook just before it in file order (the first section if none)."""
    modules, where, out = modules or {}, {}, []
    for s, names in SECTIONS.items():
        for n in names: where.setdefault(n, s)
    last = next(iter(SECTIONS))
    for rel in sorted(notebooks, key=lambda r: (r.count('/'), r)):
        if rel == HOME: continue
        sec = next((where[n] for n in _names(rel, modules.get(rel)) if n in where), None)
        if sec is None:
            print(f"docs: {rel} is in no section of SECTIONS (tools/build_docs.py): put under {last!r}, with the notebook "
                  "before it", file=sys.stderr)
            sec = last
        last = sec
        out.append((sec, rel))
    order = list(SECTIONS)
    out.sort(key=lambda x: order.index(x[0]))  # stable: file order within a section
    return ([(None, HOME)] if HOME in notebooks else []) + out

def sidebar() -> list:
    "(section, notebook path relative to nbs/) for every notebook of the site, in sidebar order (`sections`)."
    from nbdev.doclinks import nbglob
    nbs = cfg().nbs_path
    rels = [Path(p).relative_to(nbs).as_posix() for p in nbglob(nbs)]
    return sections(rels, {r: _module(nbs/r) for r in rels})

def short_title(fm:dict, fallback:str) -> str:
    "The sidebar's name for a page: frontmatter `sidebar-title`, else its title up to a colon."
    t = str(fm.get('sidebar-title') or fm.get('title') or fallback)
    return t.split(':')[0].strip() or t

def frontmatter(nb) -> dict:
    "The YAML frontmatter nbdev puts in the first raw cell of a processed notebook (title, description, output-file)."
    raw = next((c for c in nb.cells if c.cell_type == 'raw' and c.source.lstrip().startswith('---')), None)
    return yaml.safe_load(raw.source.strip().strip('-')) or {} if raw else {}

def _options(src:str) -> tuple:
    "The cell's leading `#|` options as a dict (`{'echo': 'false', 'hide': ''}`) and the code without them."
    lines, opts = src.splitlines(), {}
    while lines and lines[0].startswith('#|'):
        k, _, v = lines.pop(0)[2:].strip().partition(':')
        opts[k.strip()] = v.strip()
    return opts, '\n'.join(lines)

def _as_markdown(o) -> str:
    "An output as the markdown Quarto's `output: asis` would emit: streams and text as they are."
    if o.output_type == 'stream': return o.text
    d = o.get('data', {})
    return d.get('text/markdown') or d.get('text/plain', '')

def _unlink_code(md:str) -> str:
    "Markdown with the links nbdev's `add_links` put inside code fences (a docments comment's `name`) undone."
    parts = re.split(r'(^```.*?^```)', md, flags=re.M | re.S)
    return ''.join(re.sub(r'\[(`[^`\n]+`)\]\([^)\s]*\)', r'\1', p) if p.startswith('```') else p for p in parts)

def _md_output(text:str): return nbformat.v4.new_output('display_data', data={'text/markdown': text})

def apply_options(nb):
    "Honour the cell options nbdev leaves for Quarto, in place; returns `nb`."
    cells = []
    for c in nb.cells:
        if c.cell_type == 'raw': continue  # frontmatter: becomes the page's title and description
        if c.cell_type != 'code': cells.append(c); continue
        opts, c.source = _options(c.source)
        if opts.get('include') == 'false' or 'hide' in opts: continue
        if opts.get('output') == 'false': c.outputs = []
        if opts.get('output') == 'asis': c.outputs = [_md_output(_unlink_code('\n\n'.join(_as_markdown(o) for o in c.outputs)))]
        for o in c.outputs:
            if o.output_type == 'stream': o.text = _ANSI.sub('', o.text)
            d = o.get('data', {})
            if 'text/html' in d:  # a raw block pandoc passes through untouched (pandas tables)
                o.data = {'text/markdown': '```{=html}\n' + d['text/html'].strip() + '\n```'}
            for k in ('image/png', 'image/jpeg'):
                if k in d: d[k] = re.sub(r'\s', '', d[k])  # one-line base64, so the data: URL stays one link
        if opts.get('echo') == 'false': c.metadata.setdefault('transient', {})['remove_source'] = True
        if c.source.strip() or c.outputs: cells.append(c)
    nb.cells = cells
    nb.metadata.setdefault('language_info', {'name': 'python'})
    return nb

_PRIVATE_LINK = re.compile(r'\[(`(?:\w+\.)*_\w*`)\]\([^)\s]*\)')

def page_markdown(nb, site_url:str, root:str) -> str:
    "A processed notebook as pandoc markdown, its links to the docs host made relative (`root` is '' or '../'…)."
    from nbconvert import MarkdownExporter
    from traitlets.config import Config
    keep_inline = Config(ExtractOutputPreprocessor={'enabled': False})  # figures as data: URLs, not loose files
    md, _ = MarkdownExporter(config=keep_inline, exclude_raw=True).from_notebook_node(apply_options(nb))
    md = _PRIVATE_LINK.sub(r'\1', md)  # nbdev links a private helper's name too, but it has no API entry to land on
    return md.replace(site_url.rstrip('/') + '/', root)

def notebook_links(md:str, current:str, pages:dict, root:str) -> str:
    "Links to other notebooks (`[x](07_perturbations.ipynb#y)`) pointed at their pages, as Quarto does; `pages` maps nbs/-relative notebook to page."
    def to_page(m):
        target = posixpath.normpath(posixpath.join(posixpath.dirname(current), m.group(2)))
        if target not in pages: raise ValueError(f"docs: {current} links to {m.group(2)}, which is not a page of the site")
        return f"]({root}{pages[target]}{m.group(3) or ''})"
    return re.sub(r'\]\((?!\w+://)(\./)?([\w./-]+\.ipynb)(#[^)\s]*)?\)', to_page, md)

def _sidebar_html(pages:list, current:str, root:str) -> str:
    "The sidebar: the home page, then each section's heading and its pages, relative to the current page, it marked."
    out, section = ['<ul>'], None
    for p in pages:
        if p['section'] != section:
            section = p['section']
            if section: out.append(f'<li class="section">{html.escape(section)}</li>')
        cls = ' class="active" aria-current="page"' if p['page'] == current else ''
        out.append(f'<li><a href="{root}{p["page"]}"{cls} title="{html.escape(p["title"])}">{html.escape(p["short"])}</a></li>')
    return '\n'.join(out + ['</ul>'])

def _pager_html(pages:list, i:int, root:str) -> str:
    "Previous and next links for page `i` in sidebar order, as Quarto's page navigation shows them."
    def link(j, rel, label):
        p = pages[j]
        return (f'<a class="{rel}" rel="{rel}" href="{root}{p["page"]}"><span class="label">{label}</span>'
                f'<span class="name">{html.escape(p["short"])}</span></a>')
    prev = link(i - 1, 'prev', '← Previous') if i > 0 else '<span></span>'
    nxt = link(i + 1, 'next', 'Next →') if i + 1 < len(pages) else '<span></span>'
    return f'<nav class="pager" aria-label="previous and next page">{prev}{nxt}</nav>'

def pandoc_bin() -> str | None:
    "pandoc on the PATH, else the one the pypandoc-binary wheel ships, else None."
    if shutil.which('pandoc'): return shutil.which('pandoc')
    try: import pypandoc; return pypandoc.get_pandoc_path()
    except (ImportError, OSError): return None

def pandoc(md:str, out:Path, variables:dict):
    "Render a page's markdown (frontmatter YAML first) to standalone HTML5 with the site template."
    args = [pandoc_bin() or 'pandoc', '-f', 'markdown-implicit_figures', '-t', 'html5', '-s', '--template', str(TEMPLATE),
            '--toc', '--toc-depth=3', '--mathml', '--highlight-style=pygments', '-o', str(out)]  # figures: no 'png' captions
    for k, v in variables.items(): args += ['-V', f'{k}={v}']
    r = subprocess.run(args, input=md, text=True, capture_output=True)
    if r.returncode: raise RuntimeError(f"pandoc failed on {out.name}: {r.stderr.strip()}")

def render(out:Path) -> list:
    "Every page of the sidebar from _proc/ into `out`; returns the page records."
    c = cfg()
    proc, site_url = ROOT/'_proc', f"{c.doc_host}{c.doc_baseurl}"
    nbs, pages = {}, []
    for section, rel in sidebar():
        src = proc/rel
        if not src.exists(): raise FileNotFoundError(f"docs: {src} missing: nbdev's processing did not write it")
        nb = nbformat.read(src, as_version=4)
        fm = frontmatter(nb)
        page = (Path(rel).parent/fm.get('output-file', Path(rel).with_suffix('.html').name)).as_posix()
        nbs[page] = (nb, fm)
        title = str(fm.get('title', Path(rel).stem))
        pages.append(dict(section=section, notebook=f"nbs/{rel}", page=page, title=title, short=short_title(fm, title)))
    links = {p['notebook'][len('nbs/'):]: p['page'] for p in pages}
    for i, p in enumerate(pages):
        nb, fm = nbs[p['page']]
        root = '../' * p['page'].count('/')
        dst = out/p['page']; dst.parent.mkdir(parents=True, exist_ok=True)
        head = yaml.safe_dump({k: fm[k] for k in ('title', 'description') if k in fm}, allow_unicode=True)
        md = f"---\n{head}---\n\n" + notebook_links(page_markdown(nb, site_url, root), p['notebook'][len('nbs/'):], links, root)
        meta = {'description-meta': html.escape(fm['description'].replace('`', ''))} if 'description' in fm else {}
        pandoc(md, dst, dict(sidebar=_sidebar_html(pages, p['page'], root), pager=_pager_html(pages, i, root), root=root,
                             section=html.escape(p['section'] or ''), sitetitle=html.escape(c.title),
                             repo=html.escape(c.git_url), **meta))  # -V values go into the page as they are
    css = c.nbs_path/'styles.css'
    if css.exists(): shutil.copy(css, out/'styles.css')
    return pages

def npx() -> str | None:
    "npx on the PATH (Node's package runner, which runs Pagefind from npm), or None."
    return shutil.which('npx')

def search_index(out:Path) -> dict:
    "Pagefind's index of the site's pages in `out`/pagefind (the main column of each page); what Pagefind reported."
    exe = npx()
    if not exe: raise FileNotFoundError("docs: the site search needs Node's npx (apt-get install nodejs npm), which runs "
                                        f"{PAGEFIND} from npm")
    r = subprocess.run([exe, '--yes', PAGEFIND, '--site', str(out), '--output-subdir', 'pagefind'],
                       capture_output=True, text=True, timeout=600, env=os.environ | {'npm_config_update_notifier': 'false'})
    if r.returncode or not (out/'pagefind'/'pagefind-ui.js').exists():
        raise RuntimeError(f"docs: Pagefind failed to index {out}: {(r.stdout + r.stderr)[-3000:]}")
    m = re.search(r'Indexed (\d+) pages?', r.stdout)
    words = re.search(r'Indexed (\d+) words?', r.stdout)
    return dict(tool=PAGEFIND, pages=int(m[1]) if m else None, words=int(words[1]) if words else None)

def chromium() -> str | None:
    "The path of a Chromium/Chrome binary, or None."
    return next((shutil.which(b) for b in ('chromium', 'chromium-browser', 'google-chrome', 'chrome') if shutil.which(b)), None)

def screenshot(site:Path, page:str, png:Path, size=(1280, 2000), timeout:int=120) -> Path:
    "A headless-Chromium screenshot of `page` (`report/report.html#figures`) of `site`; raises if Chromium writes nothing."
    exe = chromium()
    if not exe: raise FileNotFoundError("no chromium binary (apt-get install chromium)")
    png.parent.mkdir(parents=True, exist_ok=True); png.unlink(missing_ok=True)
    path, _, frag = page.partition('#')
    url = (Path(site).resolve()/path).as_uri() + (f'#{frag}' if frag else '')
    with tempfile.TemporaryDirectory() as tmp:
        if frag:  # headless --screenshot paints a page scrolled to an anchor off its canvas: scroll it inside an iframe
            view = Path(tmp)/'view.html'
            view.write_text(f'<!DOCTYPE html><body style="margin:0"><iframe src="{html.escape(url)}" '
                            'style="border:0;width:100vw;height:100vh;display:block"></iframe></body>')
            url = view.as_uri()
        args = [exe, '--headless', '--disable-gpu', '--hide-scrollbars', '--no-first-run', '--disable-extensions',
                '--disable-dev-shm-usage', f'--user-data-dir={tmp}/profile', f'--window-size={size[0]},{size[1]}',
                f'--screenshot={png}', '--virtual-time-budget=5000', '--run-all-compositor-stages-before-draw']
        if hasattr(os, 'geteuid') and os.geteuid() == 0: args.append('--no-sandbox')  # Chromium refuses root otherwise
        r = subprocess.run(args + [url], capture_output=True, text=True, timeout=timeout)
    if not png.exists() or not png.stat().st_size: raise RuntimeError(f"chromium wrote no {png.name}: {r.stderr[-2000:]}")
    return png

def screenshots(out:Path) -> list:
    "Screenshots of the pages in SHOTS into `out`/screenshots (cropped where CROP says), noted in build.json."
    t0, rec = time.time(), out/'build.json'
    taken = []
    for name, (page, size) in SHOTS.items():
        png = screenshot(out, page, out/'screenshots'/f'{name}.png', size)
        if name in CROP:
            from PIL import Image
            with Image.open(png) as im: im.crop(CROP[name]).save(png)
        taken.append(png.relative_to(out).as_posix())
    if rec.exists():
        r = json.loads(rec.read_text()); r['screenshots'] = taken; r['seconds']['screenshots'] = round(time.time() - t0, 1)
        rec.write_text(json.dumps(r, indent=1))
    return taken

def build(out:Path=ROOT/'_site', shots:bool=False, force:bool=False) -> dict:
    "Process the notebooks, render every page into `out` (emptied first), index it for search, optionally take screenshots; the build record."
    out = Path(out); t0 = time.time()
    process(force); t1 = time.time()
    if out.exists(): shutil.rmtree(out)
    out.mkdir(parents=True)
    pages = render(out); t2 = time.time()
    search = search_index(out)
    rec = dict(pages=pages, search=search, screenshots=[],
               seconds=dict(process=round(t1 - t0, 1), render=round(t2 - t1, 1), search=round(time.time() - t2, 1)))
    (out/'build.json').write_text(json.dumps(rec, indent=1))
    if shots: screenshots(out)
    return json.loads((out/'build.json').read_text())

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--out', default=str(ROOT/'_site'), help="output folder (emptied first)")
    ap.add_argument('--screenshots', action='store_true', help="headless-Chromium screenshots into OUT/screenshots")
    ap.add_argument('--force', action='store_true', help="reprocess every notebook, ignoring _proc/'s cache")
    a = ap.parse_args()
    pandoc_bin() or sys.exit("docs: pandoc is required (apt-get install pandoc, or pip install pypandoc-binary)")
    npx() or sys.exit(f"docs: npx is required for the site search ({PAGEFIND}; apt-get install nodejs npm)")
    try: rec = build(Path(a.out), a.screenshots, a.force)
    except Exception as e:
        if 'Error in notebook' in str(e):  # nbdev's ExecShowDocs runs every cell that imports, and the show_doc cells
            print("docs: nbdev's processing runs each exported cell, each cell that imports something (only the imports "
                  "where it holds other code too) and the show_doc cells, without the other cells", file=sys.stderr)
        raise
    s = rec['seconds']
    print(f"docs: {len(rec['pages'])} pages in {a.out} (processing {s['process']} s, rendering {s['render']} s, "
          f"search index {s['search']} s: {rec['search']['pages']} pages, {rec['search']['words']} words"
          + (f", {len(rec['screenshots'])} screenshots {s['screenshots']} s" if rec['screenshots'] else '') + ')')

if __name__ == '__main__': main()
