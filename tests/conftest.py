"""Shared test fixtures and paths."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed-qinxiang-2022.txt"
CORPUS = DATA / "corpus"


@pytest.fixture
def seed_path() -> Path:
    """The seed: 勍香镇's 2022 report as plain text copied from a web page."""
    return SEED
