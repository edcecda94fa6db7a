"""Engine fixtures: small banks under fixtures/ and a clock the test moves by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview.banks import Catalog, load_catalog

FIXTURES = Path(__file__).parent / "fixtures"


class FakeClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    cat = load_catalog([FIXTURES])
    assert not cat.errors, cat.errors
    return cat


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
