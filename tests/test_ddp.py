"""A real multi-process run: `torchrun` launches 2 CPU processes (gloo) through the library's own entry point
(`python -m hybrid_ir.cli train`) with the tiny encoder, and we check what each process actually trained on."""
import json, os, signal, socket, subprocess, sys, time
from pathlib import Path
import pytest
from hybrid_ir.tiny import build_tiny_encoder

def _free_port() -> int:
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

def _torchrun(cfg:Path, out:Path, **popen):
    cmd = [sys.executable, '-m', 'torch.distributed.run', '--nproc_per_node', '2', '--master_addr', '127.0.0.1',
           '--master_port', str(_free_port()), '-m', 'hybrid_ir.cli', 'train', '--config', str(cfg), '--out', str(out)]
    env = os.environ | dict(HF_HUB_OFFLINE='1', TOKENIZERS_PARALLELISM='false', OMP_NUM_THREADS='1', CUDA_VISIBLE_DEVICES='')
    return subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True, **popen)

def _config(tmp_path:Path, name:str, **fields) -> Path:
    f = tmp_path/f'{name}.yaml'
    base = dict(model=str(build_tiny_encoder()), strategy='hybrid', alpha=0.5, batch_size=4, max_seq_length=32, languages=['en', 'de', 'el'],
                eval_steps=3, patience=100, precision='fp32', offline=True, val_batch_size=64)
    f.write_text('\n'.join(f'{k}: {json.dumps(v)}' for k, v in (base | fields).items()) + '\n')
    return f

def _descendants(pid:int) -> set[int]:
    "Every live process below `pid`. torchrun starts each worker in a session of its own, so killing its group leaves them running."
    parent = {}
    for stat in Path('/proc').glob('[0-9]*/stat'):
        try: f = stat.read_text().rsplit(')', 1)[1].split()
        except OSError: continue
        if f[0] != 'Z': parent[int(stat.parent.name)] = int(f[1])
    found, todo = set(), [pid]
    while todo:
        p = todo.pop(); kids = {c for c, pp in parent.items() if pp == p} - found
        found |= kids; todo += kids
    return found

def _alive(pid:int) -> bool:
    try: return Path(f'/proc/{pid}/stat').read_text().rsplit(')', 1)[1].split()[0] != 'Z'
    except OSError: return False

def _kill_job(p):
    "SIGKILL torchrun and every worker, as when the machine goes away, and wait until none runs (else two runs share `out`)."
    procs = _descendants(p.pid) | {p.pid}
    for pid in procs:
        try: os.kill(pid, signal.SIGKILL)
        except ProcessLookupError: pass
    p.wait()
    t0 = time.time()
    while any(_alive(q) for q in procs):
        assert time.time() - t0 < 60, f'processes {[q for q in procs if _alive(q)]} outlived SIGKILL'
        time.sleep(0.1)

def _finish(p, timeout=900) -> str:
    out, _ = p.communicate(timeout=timeout)
    assert p.returncode == 0, out[-4000:]
    return out

def _kind(b:dict) -> str:
    same = [q == p for q, p in zip(b['query_lang'], b['passage_lang'])]
    assert all(same) or not any(same), f"a batch mixes monolingual and cross-lingual pairs: {b}"
    return 'mono' if all(same) else 'cross'

def test_two_processes_train_consistent_batches(tmp_path):
    out = tmp_path/'run'
    _finish(_torchrun(_config(tmp_path, 'a', max_steps=9, batch_log=True, keep_checkpoints=True), out))
    logs = [[json.loads(l) for l in (out/f'batches.rank{r}.jsonl').read_text().splitlines()] for r in (0, 1)]
    assert len(logs[0]) == len(logs[1]) >= 9
    for b0, b1 in zip(*logs):
        assert _kind(b0) == _kind(b1), "the two processes trained on different kinds of batch at the same step"
        qids = b0['qid'] + b1['qid']
        assert len(qids) == len(set(qids)) == 8, "a question id appears twice in a global batch"
    assert {_kind(b) for b in logs[0]} == {'mono', 'cross'}  # α = 0.5 over 9 steps: both kinds occur
    # one process writes the model and the record; every process keeps its own RNG state in a checkpoint
    cps = sorted(out.glob('checkpoint-*'), key=lambda p: int(p.name.split('-')[1]))
    assert cps, 'no checkpoint kept'
    for c in cps:
        assert len(list(c.glob('*.safetensors'))) == 1 and {p.name for p in c.glob('rng_state*.pth')} == {'rng_state_0.pth', 'rng_state_1.pth'}
    rec = json.loads((out/'run.json').read_text())
    assert rec['global_step'] == 9 and (out/'final'/'modules.json').exists() and not list(out.glob('.final-*'))

def test_two_processes_resume_after_a_kill(tmp_path):
    out, cfg = tmp_path/'run', _config(tmp_path, 'b', max_steps=90)
    p = _torchrun(cfg, out)
    t0 = time.time()
    while not any((c/'trainer_state.json').exists() for c in out.glob('checkpoint-*')):  # killed once a checkpoint is complete
        assert p.poll() is None, p.communicate()[0][-4000:]
        assert time.time() - t0 < 600, 'no checkpoint after 10 minutes'
        time.sleep(0.05)
    _kill_job(p)  # the workers die too, not only torchrun
    assert not (out/'run.json').exists(), 'the run finished before it could be killed'
    log = _finish(_torchrun(cfg, out))
    rec = json.loads((out/'run.json').read_text())
    assert rec['resumed_from'] and 'checkpoint-' in rec['resumed_from'], log[-2000:]
    assert rec['global_step'] == 90 and (out/'final'/'modules.json').exists()

def test_every_rank_skips_a_half_written_checkpoint(tmp_path, monkeypatch):
    "Killed while saving: rank 0 removes the half-written checkpoint, and every other rank skips it (never resumes from it)."
    from hybrid_ir.train import _last_checkpoint
    for step, done in ((3, True), (6, False)):
        (tmp_path/f'checkpoint-{step}').mkdir(); (tmp_path/f'checkpoint-{step}'/'config.json').write_text('{}')
        if done: (tmp_path/f'checkpoint-{step}'/'trainer_state.json').write_text('{}')
    monkeypatch.setenv('RANK', '1')
    assert _last_checkpoint(tmp_path).endswith('checkpoint-3') and (tmp_path/'checkpoint-6').exists()  # rank 1 leaves it to rank 0
    monkeypatch.setenv('RANK', '0')
    assert _last_checkpoint(tmp_path).endswith('checkpoint-3') and not (tmp_path/'checkpoint-6').exists()
