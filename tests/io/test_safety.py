"""Safety rules of issue 13: no code execution or unpickling of user files, no public binds."""

import re
from pathlib import Path

SIM = Path(__file__).resolve().parents[2] / "sim"
SOURCES = {path: path.read_text() for path in SIM.rglob("*.py")}
FORBIDDEN = re.compile(
    r"\b(eval|exec)\s*\(|\bpickle\.loads?\(|\bmarshal\.loads?\(|\byaml\.load\(|"
    r"read_pickle\(|allow_pickle\s*=\s*True"
)
PUBLIC_BIND = re.compile(r"""["']0\.0\.0\.0["']|host\s*=\s*["']["']""")


def test_no_eval_exec_or_unpickling_in_the_package():
    offenders = [f"{p.relative_to(SIM)}" for p, text in SOURCES.items() if FORBIDDEN.search(text)]
    assert offenders == []


def test_no_server_binds_all_interfaces_by_default():
    offenders = [f"{p.relative_to(SIM)}" for p, text in SOURCES.items() if PUBLIC_BIND.search(text)]
    assert offenders == []


def test_the_patterns_catch_what_they_forbid():
    assert FORBIDDEN.search("data = pickle.load(handle)")
    assert FORBIDDEN.search("eval (text)")
    assert PUBLIC_BIND.search('serve(host="0.0.0.0")')
    assert not FORBIDDEN.search("evaluate(x)")
