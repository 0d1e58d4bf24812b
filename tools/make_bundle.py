"""Build the offline bundle for the GPU machine into bundle/ (git-ignored): multilingual-e5-small's 4-bit weights with the
vocabulary trimmed to the tokens of every text the experiments feed the model, the tokenizer, and the wheels the GPU image
lacks; at most 60 MiB. Run where a package registry is reachable (for the wheels). Usage: python tools/make_bundle.py [DEST]"""
import sys, time
from hybrid_ir.bundle import build_bundle
from hybrid_ir.data import repo_root

dest = sys.argv[1] if len(sys.argv) > 1 else repo_root()/'bundle'
t = time.time()
man = build_bundle(dest)
print(f"{dest}: {man['size_mib']} MiB; {len(man['kept_ids']):,} of {man['config']['vocab_size']:,} token ids kept for {man['n_texts']:,} texts; "
      f"wheels {', '.join(man['wheels'])} ({time.time() - t:.0f} s)")
