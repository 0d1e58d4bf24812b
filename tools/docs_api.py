"""API entries for the docs site (tools/build_docs.py): `show_doc` as nbdev renders it, with readable signatures.

nbdev 2.4.14 with fastcore 1.x (the pinned set) prints every callable as `def …`, type hints by their `__name__`
(`Iterable[str]|None` becomes a bare `Optional`, `tuple[str, ...]` becomes `tuple`) and a dataclass field's
`default_factory` as `<factory>`. `ApiRenderer` keeps nbdev's layout (source link, heading, signature with the
docments comments, docstring, parameter table) and fixes those three:

- a class is shown as `class Name(parameters)` with its constructor's parameters, or as `class Name(Base)` when its
  constructor is inherited and says nothing (`(*args, **kwargs)`, as for an exception class);
- hints as written: `Iterable[str]|None`, `tuple[str, ...]`, `Callable[[str], int]`, `Path`;
- a field whose default comes from a factory shows the value the factory makes (`dict()` → `{}`, `Counter()`);
- the signature comes from the library's own object (nbdev's processing runs the notebook's cells, and a class defined
  there has no source file, so fastcore would drop a dataclass's field comments).

`patch_nbdev()` installs it for the processing `build_docs.py` runs in its own process, and makes that processing run
only the imports of a cell that mixes imports with other code (nbdev runs such a cell without the cells before it,
which fails as soon as the other code uses an earlier cell's names)."""
import ast, collections.abc, dataclasses, importlib, inspect, re, types, typing
from inspect import Parameter

_empty = inspect.Parameter.empty

def fmt_anno(a) -> str:
    "A type hint as it would be written in the code: `Iterable[str]|None`, `dict[str, tuple[str, ...]]`, `Path`."
    if a is _empty: return ''
    if isinstance(a, str): return a.replace(' ', '')
    if a is None or a is type(None): return 'None'
    if a is Ellipsis: return '...'
    if isinstance(a, list): return '[' + ', '.join(fmt_anno(x) for x in a) + ']'  # Callable's argument list
    origin, args = typing.get_origin(a), typing.get_args(a)
    if origin in (typing.Union, types.UnionType): return '|'.join(fmt_anno(x) for x in args)
    if origin is typing.Literal: return f"Literal[{', '.join(repr(x) for x in args)}]"
    if origin is not None:
        name = getattr(a, '_name', None) or getattr(origin, '__qualname__', None) or fmt_anno(origin)
        if origin is collections.abc.Callable and args: name = 'Callable'
        return f"{name}[{', '.join(fmt_anno(x) for x in args)}]" if args else name
    if isinstance(a, type): return a.__qualname__
    return str(a).replace('typing.', '')

def _factory_value(f) -> str:
    "What a dataclass field's default factory makes, as the code would write it (`[]`, `{}`, `Counter()`)."
    try: v = f()
    except Exception: return f"{getattr(f, '__qualname__', 'factory')}()"
    r = repr(v)
    if type(v).__repr__ is object.__repr__: return f"{type(v).__qualname__}()"
    return r if len(r) <= 80 else r[:76] + '…' + r[-1]

def fmt_default(obj, name:str, d) -> str:
    "A parameter's default: a dataclass field's factory shown by what it makes, a function by its name, else its repr."
    if d is dataclasses._HAS_DEFAULT_FACTORY and dataclasses.is_dataclass(obj):
        f = next((f for f in dataclasses.fields(obj) if f.name == name), None)
        if f is not None and f.default_factory is not dataclasses.MISSING: return _factory_value(f.default_factory)
    return d.__name__ if hasattr(d, '__name__') else repr(d)

def _uninformative(sig) -> bool:
    "Whether a constructor's signature says nothing: only `*args`/`**kwargs`, or nothing at all."
    return sig is None or all(p.kind in (Parameter.VAR_POSITIONAL, Parameter.VAR_KEYWORD) for p in sig.parameters.values())

def _bases(cls) -> str:
    return ', '.join(fmt_anno(b) for b in cls.__bases__ if b is not object)

def signature_text(obj, maxline:int=110) -> str:
    "The signature block of an API entry: fastcore's layout (one parameter per line with its docments comment)."
    from fastcore.docments import DocmentText, _fmt_sig
    dt = DocmentText(obj, maxline=maxline, docstring=False)
    if not callable(obj) or not hasattr(obj, '__name__'): return str(dt)
    try: sig = inspect.signature(obj)
    except (TypeError, ValueError): sig = None
    if inspect.isclass(obj) and _uninformative(sig):
        return f"class {obj.__name__}({_bases(obj)})" if _bases(obj) else f"class {obj.__name__}"
    def param(nm, p):
        kind = p.get('kind')
        pre = '*' if kind == Parameter.VAR_POSITIONAL else '**' if kind == Parameter.VAR_KEYWORD else ''
        anno, d = p.get('anno', _empty), p.get('default', _empty)
        return pre + nm + (f':{fmt_anno(anno)}' if anno is not _empty else '') + \
            (f'={fmt_default(obj, nm, d)}' if d is not _empty else '')
    params = [(param(k, v), v.get('docment') or '') for k, v in dt.dm.items() if k != 'return']
    ret = dt.dm.get('return', {})
    ret_anno = '' if inspect.isclass(obj) or ret.get('anno', _empty) is _empty else f"->{fmt_anno(ret['anno'])}"
    ret_doc = f" # {ret['docment']}" if ret.get('docment') and not inspect.isclass(obj) else ''
    prefix = 'class' if inspect.isclass(obj) else 'async def' if inspect.iscoroutinefunction(obj) else 'def'
    return _fmt_sig(obj.__name__, params, f"){ret_anno}:{ret_doc}", maxline, prefix=prefix)

def _renderer_base():
    from nbdev.showdoc import BasicMarkdownRenderer
    return BasicMarkdownRenderer

def library_twin(sym):
    """The library's own object for a symbol the processing defined by running a notebook's cells (`__module__` is
    not the library's), found through nbdev's index (`_modidx`): its source, and so its docments comments, can be read."""
    from nbdev.config import get_config
    lib = get_config().lib_name
    mod, qual = getattr(sym, '__module__', None) or '', getattr(sym, '__qualname__', None)
    if not qual or mod.split('.')[0] == lib: return sym
    try: syms = importlib.import_module(f'{lib}._modidx').d['syms']
    except (ImportError, KeyError, AttributeError): return sym
    for m, names in syms.items():
        if f'{m}.{qual}' in names:
            try: obj = importlib.import_module(m)
            except ImportError: return sym
            for part in qual.split('.'): obj = getattr(obj, part, None)
            return obj if obj is not None and callable(obj) == callable(sym) else sym
    return sym

class _Sig:
    "Stands in for fastcore's DocmentText in a renderer: prints the fixed signature."
    def __init__(self, obj, maxline): self.obj, self.maxline = obj, maxline
    def __str__(self): return signature_text(self.obj, self.maxline)

def api_renderer():
    "nbdev's markdown renderer for `show_doc`, with `signature_text` as its signature and a class's bases noted."
    base = _renderer_base()
    class ApiRenderer(base):
        "nbdev's `BasicMarkdownRenderer` with readable signatures (tools/docs_api.py)."
        def __init__(self, sym, name=None, title_level=3, maxline=110):
            super().__init__(sym, name=name, title_level=title_level, maxline=maxline)
            self.dm = _Sig(library_twin(self.sym), maxline)
        def _repr_markdown_(self):
            md = super()._repr_markdown_()
            if inspect.isclass(self.sym) and _bases(self.sym) and not signature_text(self.sym).startswith(f'class {self.sym.__name__}('+_bases(self.sym)):
                md += f"\n\n*Subclass of* `{_bases(self.sym)}`"
            return md
    return ApiRenderer

def imports_only(source:str) -> str | None:
    "The import statements of a cell that mixes them with other code (None for any other cell)."
    lines = [l for l in source.splitlines() if not l.startswith('#|')]
    try: tree = ast.parse('\n'.join(lines))
    except SyntaxError: return None
    imps = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    if not imps or len(imps) == len(tree.body): return None
    return '\n'.join(ast.unparse(n) for n in imps)

_EXPORTS = {'export', 'exports', 'exporti'}

def patch_nbdev():
    "Install `ApiRenderer` for `show_doc` and the imports-only rule for mixed cells, in this process."
    import nbdev.showdoc, nbdev.processors as P
    if getattr(P.exec_show_docs, '_hybrid_ir_patched', False): return
    nbdev.showdoc.BasicMarkdownRenderer = api_renderer()  # show_doc's default renderer, looked up when it is called
    run_cell = P.exec_show_docs.__call__
    def __call__(self, cell):
        src = None if cell.cell_type != 'code' or (cell.directives_.keys() & _EXPORTS) else imports_only(cell.source)
        if src is None: return run_cell(self, cell)
        if not self.nb.has_docs_ or not hasattr(self, 'k'): return
        if str(cell.directives_.get('eval:', [''])[0]).lower() == 'false': return
        self.k.run(src)  # the cell's imports alone; its stored outputs stay as they are
        if self.k.exc: raise Exception(f"Error in cell {cell.idx_} (its imports):\n{src}") from self.k.exc
    P.exec_show_docs.__call__ = __call__
    P.exec_show_docs._hybrid_ir_patched = True
