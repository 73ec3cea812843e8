"""Build hook: copy the shipped files into the wheel (everything else is in pyproject.toml).

The occupation data set, the scenarios and sweeps and the generated validation table
live at the repository's top level (``occupations/``, ``scenarios/``, ``docs/``), where
a source checkout and its editable install read them.  A wheel has no top level of its
own, so building one copies them into the package as ``sim/shipped/``, where
:mod:`sim.resources` finds them through ``importlib.resources``.  An editable install
copies nothing: it keeps reading the checkout's files in place.
"""

from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

#: Top-level files a run needs, as (directory, glob patterns); MANIFEST.in puts them in the sdist.
SHIPPED = (
    ("occupations", ("*.csv", "*.csv.gz", "README.md", "SOURCES.md")),
    ("scenarios", ("*.toml", "sweeps/*.toml")),
    ("docs", ("validation.md",)),
)
TARGET = Path("sim", "shipped")


class BuildPyWithShippedFiles(build_py):
    """``build_py`` that also copies :data:`SHIPPED` into ``sim/shipped/`` of the build."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for directory, patterns in SHIPPED:
            files = sorted({path for pattern in patterns for path in Path(directory).glob(pattern)})
            if not files:
                raise SystemExit(f"setup.py: no files match {patterns} in {directory}/")
            for source in files:
                target = Path(self.build_lib, TARGET, source)
                self.mkpath(str(target.parent))
                self.copy_file(str(source), str(target))


setup(cmdclass={"build_py": BuildPyWithShippedFiles})
