"""Run one job through the sandbox layer and print what came back, as JSON.

    python3 asuser.py PROJECT_ROOT KIND < job.json

Used by the attack tests to run the sandbox as an ordinary user (``runuser -u tester``) with
any Python 3.11+: it loads only interview/coderun's standard-library modules (the sandbox
layer), without the app's dependencies or the package's __init__ files.
"""

from __future__ import annotations

import dataclasses
import json
import sys
import types
from pathlib import Path


def main() -> None:
    root = Path(sys.argv[1])
    kind = sys.argv[2]
    for name, path in (("interview", root / "interview"),
                       ("interview.coderun", root / "interview" / "coderun")):
        module = types.ModuleType(name)
        module.__path__ = [str(path)]
        sys.modules[name] = module
    from interview.coderun.limits import Limits
    from interview.coderun.sandbox import run_child

    job = json.loads(sys.stdin.read())
    limits = Limits(per_test_seconds=1.0, wall_seconds=4.0, memory_mb=256, grace_seconds=0.5,
                    sandbox=kind)
    run = run_child(job, limits, len(job.get("tests", [])))
    out = dataclasses.asdict(run)
    out["protection"] = dataclasses.asdict(run.protection) if run.protection else None
    print(json.dumps(out))


if __name__ == "__main__":
    main()
