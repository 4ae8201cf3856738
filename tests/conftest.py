"""Session fixtures: one pipeline for the whole test run (models load once)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def pipe():
    from pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def resources(pipe):
    return pipe.resources


@pytest.fixture(scope="session")
def identifier(pipe):
    return pipe.identifier
