"""The public API (``import sim``) loads lazily and still offers every documented name."""

import importlib
import subprocess
import sys

import pytest

import sim

#: Libraries the command's start-up must not wait for before its Ctrl-C handling is in place.
HEAVY = ("numpy", "pandas", "mesa", "numba", "duckdb", "pydantic", "sim.cli", "sim.model")


def test_import_sim_and_the_entry_point_load_nothing_heavy():
    probe = (
        "import sys, sim, sim.entry_point; "
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r} or m in {HEAVY!r}))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_every_public_name_is_the_object_of_its_home_module():
    assert sorted(sim.__all__) == sorted(sim._HOMES)
    for name, home in sim._HOMES.items():
        assert getattr(sim, name) is getattr(importlib.import_module(home), name)
    namespace: dict[str, object] = {}
    exec("from sim import *", namespace)  # noqa: S102 - the star import is what is tested
    assert set(sim.__all__) <= set(namespace)
    assert set(sim.__all__) <= set(dir(sim))
    assert isinstance(sim.__version__, str)


def test_subpackages_are_attributes_as_when_the_api_was_imported_eagerly():
    assert sim.io is importlib.import_module("sim.io")
    assert sim.cli.main is importlib.import_module("sim.cli").main


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        sim.no_such_name  # noqa: B018
