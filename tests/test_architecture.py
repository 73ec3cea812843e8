"""The package layout keeps its promises: layered imports, generated docs in sync.

Module size is a review signal, not a test: ``make lint`` lists the modules
over ~300 lines (``scripts/module_sizes.py``).
"""

import importlib.util
import subprocess
import sys
from pathlib import Path

from sim.model.outputs_doc import results_readme

ROOT = Path(__file__).resolve().parents[1]


def test_import_layers_contract_is_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    completed = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stdout[-2000:]


def test_the_size_signal_lists_long_modules_only(tmp_path):
    spec = importlib.util.spec_from_file_location(
        "module_sizes", ROOT / "scripts" / "module_sizes.py"
    )
    sizes = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sizes)
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "long.py").write_text("x = 1\n" * 301)
    (tmp_path / "short.py").write_text("x = 1\n" * 300)
    assert sizes.long_modules(tmp_path) == {"pkg/long.py": 301}


def test_results_readme_is_in_sync_with_the_output_declarations():
    readme = (ROOT / "results" / "README.md").read_text()
    assert readme == results_readme(), (
        "results/README.md is stale: run python -m sim.model.outputs_doc > results/README.md"
    )
