"""Shared test configuration: hypothesis profiles and fixture paths."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from hypothesis import HealthCheck, settings

from . import golden

if TYPE_CHECKING:
    import pytest

FIXTURES = Path(__file__).parent / "fixtures"

# Shared machines are noisy: no per-example deadline; CI runs derandomized so a
# failure reproduces, and "thorough" digs deeper when asked for.
settings.register_profile("default", deadline=None)
settings.register_profile(
    "ci", deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("thorough", deadline=None, max_examples=2000)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default")
)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite every golden file with what the code gives now (review the diff!)",
    )


def pytest_configure(config: pytest.Config) -> None:
    golden.UPDATE = bool(config.getoption("--update-goldens"))
