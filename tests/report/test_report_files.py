"""Report files: written atomically, never through a symbolic link, no ambiguous ``--out``."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sim.errors import LaborsimError
from sim.io import atomic
from sim.report.document import Report, ReportFigure, Section
from sim.report.render import write_report

FIGURE = ReportFigure("fig-one", "One", "A figure.", b"\x89PNG fake")
REPORT = Report("Title", "Subtitle", (Section("s", "Section", ("Text.",), (FIGURE,)),))


def test_report_files_land_beside_the_html(tmp_path: Path) -> None:
    files = write_report(REPORT, tmp_path / "r.html")
    assert files.markdown == tmp_path / "r.md"
    assert (tmp_path / "r_figures" / FIGURE.filename).read_bytes() == FIGURE.png
    assert "Title" in files.html.read_text()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize("name", ["x.md", "x", "x.png"])
def test_out_that_is_not_html_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(LaborsimError, match="allowed: an .html file"):
        write_report(REPORT, tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_out_directory_gets_report_html_inside(tmp_path: Path) -> None:
    files = write_report(REPORT, tmp_path)
    assert files.html == tmp_path / "report.html"
    assert files.markdown.is_file()


def test_symlinked_report_file_is_replaced_not_written_through(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.md"
    elsewhere.write_text("keep me")
    (tmp_path / "out").mkdir()
    os.symlink(elsewhere, tmp_path / "out" / "report.md")
    files = write_report(REPORT, tmp_path / "out" / "report.html")
    assert elsewhere.read_text() == "keep me"
    assert not files.markdown.is_symlink()
    assert "Title" in files.markdown.read_text()


def test_failed_write_leaves_the_previous_report_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = write_report(REPORT, tmp_path / "r.html")
    before = files.html.read_text()
    real_fsync = os.fsync

    def disk_full(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    changed = Report("Other", "Subtitle", REPORT.sections)
    with pytest.raises(LaborsimError, match="No space left on device"):
        write_report(changed, tmp_path / "r.html")
    monkeypatch.setattr(atomic.os, "fsync", real_fsync)
    assert files.html.read_text() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
