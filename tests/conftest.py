"""Shared test fixtures: where things are. Stage-specific fixtures live in their own test files."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SAMPLES = sorted(CORPUS.glob("*.txt"))
# ../shared is present on developer machines and in CI, but the suite must pass without it.
SHARED_DEV = ROOT.parent / "shared" / "corpus" / "dev"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def samples() -> list[Path]:
    return SAMPLES


# Fixtures shared by several test files are registered once here, so a session-scoped fixture
# (one Chromium, one sample site build) really is one per session, not one per importing module.
pytest_plugins = ["tests.browser", "tests.site_fixtures"]
