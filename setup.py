from packaging.version import parse as parse_version
from configparser import ConfigParser
import setuptools, shlex
from pathlib import Path
assert parse_version(setuptools.__version__)>=parse_version('36.2')

# note: all settings are in settings.ini; edit there, not here
config = ConfigParser(delimiters=['='])
config.read('settings.ini', encoding='utf-8')
cfg = config['DEFAULT']

cfg_keys = 'version description keywords author author_email'.split()
expected = cfg_keys + "lib_name user branch license status min_python audience language".split()
for o in expected: assert o in cfg, "missing expected setting: {}".format(o)
setup_cfg = {o:cfg[o] for o in cfg_keys}

licenses = {
    'apache2': ('Apache Software License 2.0','OSI Approved :: Apache Software License'),
    'mit': ('MIT License', 'OSI Approved :: MIT License'),
}
statuses = [ '1 - Planning', '2 - Pre-Alpha', '3 - Alpha',
    '4 - Beta', '5 - Production/Stable', '6 - Mature', '7 - Inactive' ]
py_versions = '3.10 3.11 3.12'.split()

requirements = shlex.split(cfg.get('requirements', ''))
min_python = cfg['min_python']
lic = licenses.get(cfg['license'].lower(), (cfg['license'], None))
dev_requirements = shlex.split(cfg.get('dev_requirements', ''))
offline_requirements = shlex.split(cfg.get('offline_requirements', ''))
mteb_requirements = shlex.split(cfg.get('mteb_requirements', ''))  # MTEB tasks (hybrid_ir.benchmarks)

# The vendored data/ (every file, licences and sources included) ships as the data-only package `hybrid_ir_data`,
# mapped from data/ so that the repository keeps its layout; hybrid_ir.data.data_root finds it when no clone is there.
# Each folder is listed as a package of its own, so that setuptools takes all of its files without warnings.
data_pkgs = ['hybrid_ir_data'] + sorted('hybrid_ir_data.' + '.'.join(d.relative_to('data').parts)
                                        for d in Path('data').rglob('*') if d.is_dir())

setuptools.setup(
    name = cfg['lib_name'],
    license = lic[0],
    classifiers = [
        'Development Status :: ' + statuses[int(cfg['status'])],
        'Intended Audience :: ' + cfg['audience'].title(),
        'Natural Language :: ' + cfg['language'].title(),
    ] + ['Programming Language :: Python :: '+o for o in py_versions[py_versions.index(min_python):]] + (['License :: ' + lic[1] ] if lic[1] else []),
    url = cfg['git_url'],
    packages = setuptools.find_packages(include=['hybrid_ir', 'hybrid_ir.*']) + data_pkgs,
    package_dir = {'hybrid_ir_data': 'data'},
    package_data = {p: ['*'] for p in data_pkgs},
    include_package_data = True,
    install_requires = requirements,
    extras_require={ 'dev': dev_requirements, 'offline': offline_requirements, 'mteb': mteb_requirements },
    python_requires  = '>=' + cfg['min_python'],
    long_description = open('README.md', encoding='utf-8').read(),
    long_description_content_type = 'text/markdown',
    zip_safe = False,
    entry_points = {
        'console_scripts': cfg.get('console_scripts','').split(),
        'nbdev': [f'{cfg.get("lib_path")}={cfg.get("lib_path")}._modidx:d']
    },
    **setup_cfg)
