#!/usr/bin/env bash
# Run an experiment preset one run at a time and commit each finished run's results as it lands, so a session that
# ends (or a kill) loses at most the run in progress; rerunning resumes. Usage: tools/run_grid.sh PRESET [RUN_ID ...]
# REPRODUCE_FLAGS adds flags to every reproduce call (e.g. REPRODUCE_FLAGS=--no-attacks: the attacks in a later pass).
# A file runs/PAUSE makes the loop stop before its next run (the run in progress finishes); delete it and rerun to go on.
set -uo pipefail
cd "$(dirname "$0")/.."
preset=$1; shift
ids=${*:-$(python -c "from hybrid_ir.presets import EXPERIMENTS; print(' '.join(r.id for r in EXPERIMENTS['$preset'].runs))")}
for id in $ids; do
  [ -e runs/PAUSE ] && { echo "=== runs/PAUSE: stopping before $id"; exit 0; }
  echo "=== $(date -u +%FT%TZ) $preset $id"
  hybrid-ir reproduce --preset "$preset" --only "$id" ${REPRODUCE_FLAGS:-} || { echo "run $id failed"; exit 1; }
  for try in 1 2 3 4 5; do  # another git process may hold the index for a moment
    git add "results/experiments/$preset" && { git diff --cached --quiet -- "results/experiments/$preset" || git commit -q -m "Results: $preset run $id, written by hybrid-ir reproduce --preset $preset --only $id ${REPRODUCE_FLAGS:-} (tools/run_grid.sh)" -- "results/experiments/$preset"; } && break
    sleep 5
  done
done
echo "=== $(date -u +%FT%TZ) $preset done"
