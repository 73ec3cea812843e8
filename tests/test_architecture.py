"""The package layout keeps its promises: layered imports, small modules, generated docs in sync."""

import subprocess
import sys
from pathlib import Path

from sim.model.outputs_doc import results_readme

ROOT = Path(__file__).resolve().parents[1]
#: Style guide: a module stays at or below about 300 lines.
MAX_MODULE_LINES = 300


def test_import_layers_contract_is_kept():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    completed = subprocess.run(
        [str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stdout[-2000:]


def test_no_module_exceeds_the_size_target():
    sizes = {
        str(path.relative_to(ROOT)): len(path.read_text().splitlines())
        for path in (ROOT / "sim").rglob("*.py")
    }
    assert {name: n for name, n in sizes.items() if n > MAX_MODULE_LINES} == {}


def test_results_readme_is_in_sync_with_the_output_declarations():
    readme = (ROOT / "results" / "README.md").read_text()
    assert readme == results_readme(), (
        "results/README.md is stale: run python -m sim.model.outputs_doc > results/README.md"
    )
