"""Bad database URLs: one clear line, never the password, never an internal error."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from interview.cli import cli
from interview.store.db import create_db_engine, safe_url
from interview.store.errors import DatabaseError

BAD = ["postgresql+psycopg://alice:s3cret@host:notaport/x",
       "postgresql+psycopg//alice:s3cret@host/x"]


@pytest.mark.parametrize("url", BAD)
def test_a_malformed_url_never_shows_the_password(url: str) -> None:
    with pytest.raises(DatabaseError) as info:
        create_db_engine(url)
    assert "s3cret" not in str(info.value) and "alice" in str(info.value)
    assert "s3cret" not in safe_url(url)


def test_a_port_that_is_not_a_number_is_a_one_line_cli_error() -> None:
    result = CliRunner().invoke(cli, ["--db", BAD[0], "history"])
    assert result.exit_code not in (0, 70), result.output
    assert "port is not a number" in result.output and "s3cret" not in result.output
    assert "internal error" not in result.output and "Traceback" not in result.output
