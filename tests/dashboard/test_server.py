"""`laborsim dashboard`: the scenario and the address are checked before any server starts."""

import socket
from pathlib import Path

import pytest

from sim.cli import main
from sim.dashboard.server import open_dashboard
from sim.dashboard.views import facts_html, matching_occupations, movers_html
from sim.errors import LaborsimError

BASELINE = Path(__file__).resolve().parents[2] / "scenarios" / "baseline.toml"


def test_free_port_is_bound_and_url_printed_form():
    dashboard = open_dashboard(BASELINE, "127.0.0.1", 0)
    try:
        assert dashboard.port > 0
        assert dashboard.url == f"http://127.0.0.1:{dashboard.port}/"
    finally:
        dashboard.sock.close()


def test_taken_port_is_one_line_exit_2(capsys):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        with pytest.raises(LaborsimError, match="port already in use"):
            open_dashboard(BASELINE, "127.0.0.1", port)
        assert main(["dashboard", "--scenario", str(BASELINE), "--port", str(port)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"error: cannot listen on 127.0.0.1:{port}: port already in use")


def test_invalid_scenario_is_one_line_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text(f'extends = "{BASELINE}"\n[capability]\nhardware_doubling_years = 0\n')
    assert main(["dashboard", "--scenario", str(bad), "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert "capability.hardware_doubling_years" in err
    assert "[0.3, 50] years" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--port", "70000"], "--port 70000: allowed: 0 (any free port) to 65535"),
        (["--host", ""], "--host '': allowed: a host name or address"),
        (["--host", "  "], "--host '  ': allowed"),
    ],
)
def test_bad_port_or_empty_host_is_one_line_exit_2(capsys, flags, message):
    assert main(["dashboard", "--scenario", str(BASELINE), *flags]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert message in err


def test_missing_scenario_file_is_exit_2(tmp_path, capsys):
    assert main(["dashboard", "--scenario", str(tmp_path / "none.toml")]) == 2
    assert "scenario file not found" in capsys.readouterr().err


def test_occupation_search_matches_titles_and_code_prefixes():
    titles = {"29-1224": "Radiologists", "29-1141": "Registered Nurses", "43-9021": "Data Entry"}
    assert matching_occupations(titles, "radio") == ["29-1224"]
    assert matching_occupations(titles, "29-") == ["29-1224", "29-1141"]
    assert matching_occupations(titles, "") == list(titles)


def test_tables_escape_text_and_show_elasticity_range():
    facts = {
        "title": "A & B <x>",
        **dict.fromkeys(
            (
                "task_definedness",
                "data_availability",
                "economic_value",
                "physical_barrier",
                "interpersonal_barrier",
            ),
            0.5,
        ),
        "exposure": 0.4,
        "adoption": 0.2,
        "productivity_multiplier": 1.5,
        "demand_elasticity": 0.8,
        "elasticity_central": 0.8,
        "elasticity_low": 0.5,
        "elasticity_high": 1.2,
        "employment": 90.0,
        "employment_no_ai": 100.0,
    }
    html = facts_html(facts, 2055)
    assert "A &amp; B &lt;x&gt;" in html
    assert "0.80 (0.50 to 1.20)" in html  # the data set's estimate and its range
    assert "-10%" in html
    assert "<x>" not in movers_html(_movers_frame())


def _movers_frame():
    import pandas as pd

    return pd.DataFrame(
        {
            "title": ["<x>"],
            "relative_change": [-0.5],
            "difference": [-2000.0],
            "demand_elasticity": [0.3],
        }
    )


def test_a_nul_in_the_url_is_a_400_not_a_500():
    import asyncio

    from sim.dashboard.server import NUL_REFUSAL, refusing_nul

    reached = []

    async def app(scope, receive, send):
        reached.append(scope["path"])

    async def request(path: str, raw: bytes, query: bytes = b"") -> list[dict]:
        sent: list[dict] = []

        async def send(message):
            sent.append(message)

        scope = {"type": "http", "path": path, "raw_path": raw, "query_string": query}
        await refusing_nul(app)(scope, None, send)
        return sent

    refused = asyncio.run(request("/static/a\x00b", b"/static/a%00b"))
    assert refused[0]["status"] == 400
    assert refused[1]["body"] == NUL_REFUSAL
    assert asyncio.run(request("/", b"/", b"x=%00"))[0]["status"] == 400
    assert asyncio.run(request("/", b"/")) == []
    assert reached == ["/"]  # only the clean request reached the app
