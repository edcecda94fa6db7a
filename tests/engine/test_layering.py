"""The core never imports the UI, and importing the engine or service opens no database."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import sys
import interview.engine, interview.service
assert 'textual' not in sys.modules, 'textual imported'
assert 'sqlalchemy' not in sys.modules, 'sqlalchemy imported at import time'
import interview.store.repository
assert 'textual' not in sys.modules, 'textual imported by the store'
print('ok')
"""


def test_core_imports_no_textual_and_no_database_at_import() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
