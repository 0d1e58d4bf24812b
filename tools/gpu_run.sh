#!/usr/bin/env bash
# The gpu experiment end to end on the lent GPU machine, which reaches no network (run through the device tool from the
# repository root, with bundle/ carried: `python tools/make_bundle.py` first, here). Steps: install the bundle's wheels
# (what the GPU image lacks), unpack the trimmed multilingual-e5-small where the offline path looks, print the GPU, run
# `reproduce --preset gpu` within a time budget (runs are ordered seeds outermost, so what finishes is a balanced
# partial grid; a rerun goes on), then pack results/experiments/gpu and the log into $OUT as one archive (≤ 16 MiB).
# Usage: bash tools/gpu_run.sh [BUDGET_S (default 420)] [extra reproduce flags, e.g. --no-attacks]
set -euo pipefail
cd "$(dirname "$0")/.."
budget=${1:-420}; shift || true
OUT=${OUT:-$PWD/gpu-out}; mkdir -p "$OUT"
export HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false PYTHONPATH=$PWD HYBRID_IR_CACHE=$PWD/.cache/hybrid_ir
log="$OUT/gpu_run.log"
{
  python3 -m pip install -q --no-index --no-deps bundle/wheels/*.whl
  python3 -c "import torch; print('torch', torch.__version__, 'cuda', torch.cuda.is_available(), torch.cuda.get_device_name(0) if torch.cuda.is_available() else '')"
  python3 -c "from hybrid_ir.bundle import unpack_to_cache; print('model:', unpack_to_cache('bundle'))"
  python3 -m hybrid_ir.cli reproduce --preset gpu --time-budget-s "$budget" "$@"
} 2>&1 | tee "$log"
tar czf "$OUT/gpu-results.tgz" results/experiments/gpu
ls -la "$OUT"
