#!/usr/bin/env bash
# Run an experiment preset one run at a time and commit each finished run's results as it lands, so a session that
# ends (or a kill) loses at most the run in progress; rerunning resumes. Usage: tools/run_grid.sh PRESET [RUN_ID ...]
set -uo pipefail
cd "$(dirname "$0")/.."
preset=$1; shift
ids=${*:-$(python -c "from hybrid_ir.experiment import EXPERIMENTS; print(' '.join(r.id for r in EXPERIMENTS['$preset']['runs']))")}
for id in $ids; do
  echo "=== $(date -u +%FT%TZ) $preset $id"
  hybrid-ir reproduce --preset "$preset" --only "$id" || { echo "run $id failed"; exit 1; }
  for try in 1 2 3 4 5; do  # another git process may hold the index for a moment
    git add "results/experiments/$preset" && { git diff --cached --quiet || git commit -q -m "Results: $preset run $id, written by hybrid-ir reproduce --preset $preset --only $id (tools/run_grid.sh)"; } && break
    sleep 5
  done
done
echo "=== $(date -u +%FT%TZ) $preset done"
