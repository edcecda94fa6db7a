"""Moving history between databases (export --all / import) and safe export paths."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from interview.cli import cli

# The modules that use ``history_db`` run on one xdist worker: it builds the databases
# while the other worker runs other tests, instead of both waiting for the first build.
pytestmark = pytest.mark.xdist_group("history-db")


def run(db: str, *args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(cli, ["--db", db, "--user", "tester", *args], input=input)


@pytest.fixture(scope="module")
def source(history_db: Callable[..., str]) -> str:
    return history_db(sessions=40, users=["tester", "bob"])


def test_sqlite_to_another_database_and_back(source: str, db_url: str, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    res = run(source, "export", "--all", "--all-users", "-f", "jsonl", "-o", str(out))
    assert res.exit_code == 0, res.output
    assert "40 sessions written" in res.stderr
    res = run(db_url, "import", str(out))
    assert res.exit_code == 0, res.output
    assert "40 sessions imported, 0 already present" in res.stdout
    before = json.loads(run(source, "history", "--json", "--all-users").stdout)
    after = json.loads(run(db_url, "history", "--json", "--all-users").stdout)
    strip = [{k: v for k, v in r.items() if k != "id"} for r in before]
    assert [{k: v for k, v in r.items() if k != "id"} for r in after] == strip
    assert (json.loads(run(source, "stats", "--json").stdout)
            == json.loads(run(db_url, "stats", "--json").stdout))
    # Again: everything is already there; --as-new copies it under new ids.
    assert "0 sessions imported, 40 already present" in run(db_url, "import", str(out)).stdout
    assert "40 sessions imported" in run(db_url, "import", str(out), "--as-new").stdout
    assert len(json.loads(run(db_url, "history", "--json", "--all-users").stdout)) == 80
    # A round trip of the copy gives the same lines as the original export (ids aside).
    res = run(db_url, "export", "--all", "-f", "jsonl", "-o", "-")
    assert res.exit_code == 0 and res.stdout.startswith('{"kind": "header"')


def test_only_my_sessions_without_all_users(source: str) -> None:
    res = run(source, "export", "--all")
    lines = [json.loads(x) for x in res.stdout.splitlines()]
    sessions = [x for x in lines if x["kind"] == "session"]
    assert sessions and {s["user"] for s in sessions} == {"tester"}


def test_bad_import_files_are_refused_with_file_and_line(source: str, tmp_path: Path) -> None:
    target = f"sqlite:///{tmp_path / 'target.db'}"
    good = run(source, "export", "--all").stdout.splitlines()
    cases = {
        "not-json.jsonl": [good[0], "{oops"],
        "no-header.jsonl": good[1:3],
        "unknown-snapshot.jsonl": [good[0], *[x for x in good[1:] if '"session"' in x][:1]],
        "extra-field.jsonl": [good[0], good[1].replace('"kind"', '"mystery":1,"kind"', 1)],
    }
    for name, lines in cases.items():
        path = tmp_path / name
        path.write_text("\n".join(lines) + "\n")
        res = run(target, "import", str(path))
        assert res.exit_code != 0 and "Traceback" not in res.output, (name, res.output)
        assert f"{path}:" in res.stderr and len(res.stderr.strip().splitlines()) == 1, name
    assert json.loads(run(target, "history", "--json").stdout) == []  # nothing half-written
    res = run(target, "import", str(tmp_path / "missing.jsonl"))
    assert res.exit_code != 0 and "cannot read" in res.stderr


def test_export_paths_are_safe(source: str, tmp_path: Path) -> None:
    sid = str(json.loads(run(source, "history", "--json").stdout)[0]["id"])
    out = tmp_path / "s.md"
    assert run(source, "export", sid, "-o", str(out)).exit_code == 0
    assert out.read_text().startswith("# Mock interview")
    res = run(source, "export", sid, "-o", str(out))
    assert res.exit_code != 0 and "--force" in res.stderr
    assert run(source, "export", sid, "-f", "json", "-o", str(out), "--force").exit_code == 0
    assert json.loads(out.read_text())["session"]["id"] == int(sid)
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "elsewhere.md")
    res = run(source, "export", sid, "-o", str(link), "--force")
    assert res.exit_code != 0 and "symbolic link" in res.stderr
    assert not (tmp_path / "elsewhere.md").exists()
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    res = run(source, "export", "--all", "-o", str(fifo), "--force")
    assert res.exit_code != 0 and "not a regular file" in res.stderr
    res = run(source, "export", sid, "-o", "-")
    assert res.exit_code == 0 and res.stdout.startswith("# Mock interview")
    assert run(source, "export").exit_code == 2
    assert run(source, "export", sid, "-f", "jsonl").exit_code == 2


def test_import_says_which_notes_it_could_not_write(tmp_path: Path,
                                                    history_db: Callable[..., str]) -> None:
    source = history_db(sessions=2, users=["tester"])
    unannotated = json.loads(run(source, "history", "--json").stdout)
    sid = str(unannotated[0]["id"])
    res = CliRunner().invoke(cli, ["--db", source, "--user", "mia", "annotate", sid,
                                   "--answer", "1", "--note", "Say why.", "--score", "91",
                                   "--reason", "clear"])
    assert res.exit_code == 0, res.output
    out = tmp_path / "all.jsonl"
    assert run(source, "export", "--all", "-o", str(out)).exit_code == 0
    shown = json.loads(run(source, "history", "--json").stdout)
    assert shown != unannotated  # the override counts in the session score
    # A database that takes notes: they come in, and so does the score they give.
    plain = f"sqlite:///{tmp_path / 'plain.db'}"
    res = run(plain, "import", str(out))
    assert res.exit_code == 0 and res.stderr == "", res.output
    assert json.loads(run(plain, "history", "--json").stdout) == shown
    # One that refuses them: the sessions come in, one line says what did not.
    path = tmp_path / "strict.db"
    strict = f"sqlite:///{path}"
    assert run(strict, "history").exit_code == 0
    with sqlite3.connect(path) as c:
        c.execute("CREATE TRIGGER no_notes BEFORE INSERT ON answer_notes "
                  "BEGIN SELECT RAISE(ABORT, 'no notes here'); END")
    res = run(strict, "import", str(out))
    assert res.exit_code == 0, res.output
    assert "2 sessions imported" in res.stdout
    assert res.stderr.startswith("1 mentor note not imported (the sessions were): ")
    assert len(res.stderr.strip().splitlines()) == 1
    assert json.loads(run(strict, "history", "--json").stdout) == unannotated
    # A note the tables would refuse is caught before anything is written, with its line.
    bad = tmp_path / "bad.jsonl"
    bad.write_text(out.read_text().replace('"score":91.0', '"score":191.0'))
    assert bad.read_text() != out.read_text()
    res = run(f"sqlite:///{tmp_path / 'other.db'}", "import", str(bad))
    assert res.exit_code != 0 and f"{bad}:" in res.stderr and "note score 191.0" in res.stderr
