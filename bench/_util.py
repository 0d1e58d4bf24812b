"Shared by the benchmark scripts: machine facts and writing the figures into results/."
import json, os, platform, resource, time
from pathlib import Path

def finish(out:str, figures:dict) -> dict:
    "Add peak memory, machine and time to `figures`, write them to `out` as JSON, and return them."
    import torch
    figures = dict(figures, peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                   machine=dict(cpus=os.cpu_count(), python=platform.python_version(), torch=torch.__version__, threads=torch.get_num_threads()),
                   created=time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime()))
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    Path(out).write_text(json.dumps(figures, indent=1))
    return figures
