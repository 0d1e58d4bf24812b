"""Draw a seeded sample of a study's attacked queries for a reader to label (`hybrid_ir.attacks.audit_sample`), as a
tab-separated file whose label columns (`AUDIT_LABELS`) and `note` are left empty; an existing file is never
overwritten. Usage: python tools/audit_sample.py STUDY_DIR OUT.tsv [--bench mlqa-r] [--per-cell 4] [--seed 0]
[--runs RUN ...] (default: every run with an attack file)"""
import argparse
from pathlib import Path
from hybrid_ir.attacks import audit_sample, write_audit
from hybrid_ir.families import scored_file

p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
p.add_argument('study', type=Path); p.add_argument('out', type=Path)
p.add_argument('--bench', default='mlqa-r'); p.add_argument('--per-cell', type=int, default=4)
p.add_argument('--seed', type=int, default=0); p.add_argument('--runs', nargs='+')
a = p.parse_args()
rows = audit_sample(a.study, scored_file('att', a.bench), per_cell=a.per_cell, seed=a.seed, runs=a.runs)
print(f"{len(rows)} queries from {len({r['run'] for r in rows})} runs -> {write_audit(rows, a.out)}")
