"""Draw a seeded sample of a study's attacked queries for a reader to label (`hybrid_ir.attacks.audit_sample`), as a
tab-separated file whose `same_question`, `readable` and `note` columns are left empty; an existing file is never
overwritten. Usage: python tools/audit_sample.py STUDY_DIR OUT.tsv [--bench mlqa-r] [--per-cell 4] [--seed 0]"""
import argparse
from pathlib import Path
from hybrid_ir.attacks import audit_sample, write_audit

p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
p.add_argument('study', type=Path); p.add_argument('out', type=Path)
p.add_argument('--bench', default='mlqa-r'); p.add_argument('--per-cell', type=int, default=4)
p.add_argument('--seed', type=int, default=0)
a = p.parse_args()
rows = audit_sample(a.study, a.bench, per_cell=a.per_cell, seed=a.seed)
print(f"{len(rows)} queries from {len({r['run'] for r in rows})} runs -> {write_audit(rows, a.out)}")
