"""No stale compiled code: an edited stage takes effect in code compiled and cached before.

Numba's disk cache notices only edits to the cached function's own file; a
compiled caller inlines the stages it calls from other files.  The stamp of
:mod:`sim.mechanisms.compiled` covers every stage module, so editing a stage
makes every cached caller recompile.  The test copies the package, caches a
compiled caller of the wage stage (in its own file), edits only the stage's
file, and checks that a new process runs the edited rule.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from sim.mechanisms import compiled

PACKAGE = Path(compiled.__file__).resolve().parents[1]

#: A compiled caller in a file of its own, like ``sim.model.kernel.advance``.
PROBE = """
import numpy as np

from sim.mechanisms.compiled import compiled
from sim.mechanisms.wages import WageRule, WageState, wages_step


@compiled
def probe(rule, employment, state):
    wages_step(rule, employment, employment, employment * 0.0 + 1.0, state, 0)
    return state.wage[0, 0]
"""

RUN = """
import numpy as np
from sim.mechanisms.wages import WageRule, WageState
from sim.model.probe import probe
rule = WageRule(np.array([50000.0]), 0.5, 0.6, 1.0)
print(probe(rule, np.array([1000.0]), WageState.empty((1, 1))))
"""

#: The wage rule's line in ``wages.py`` and an edit of it (wages doubled).
RULE = "wage[i] = rule.base_wage[i] * _bargained("
EDITED = "wage[i] = 2.0 * rule.base_wage[i] * _bargained("


def run_probe(root: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(root), "NUMBA_CACHE_DIR": str(root / "cache")}
    env.pop("NUMBA_DISABLE_JIT", None)
    completed = subprocess.run(
        [sys.executable, "-c", RUN], cwd=root, env=env, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return float(completed.stdout.split()[-1])


def test_the_stamp_covers_every_stage_module():
    names = {path.name for path in compiled.stage_files()}
    assert {"demand.py", "labor.py", "reallocation.py", "wages.py", "kernel.py"} <= names
    assert len(compiled.stages_digest()) == 64


def test_an_edited_stage_takes_effect_in_a_cached_caller(tmp_path):
    copy = tmp_path / "sim"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "model" / "probe.py").write_text(PROBE)
    before = run_probe(tmp_path)
    assert before == 50_000.0
    assert any((tmp_path / "cache").rglob("probe.probe-*.nbi"))  # the caller is cached
    wages = copy / "mechanisms" / "wages.py"
    source = wages.read_text()
    assert source.count(RULE) == 1
    wages.write_text(source.replace(RULE, EDITED))
    assert run_probe(tmp_path) == 100_000.0
