"""Shared fixtures. Tests that read ../shared skip cleanly when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

# No test may pass or fail with the machine's speed: hypothesis has no per-example deadline and no
# health check that times data generation. A test that sets its own settings keeps these unless it
# names them; the ones that suppress health checks add too_slow themselves.
settings.register_profile("backchannel", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("backchannel")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "eval").is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    """One pipeline (model and KB loaded once) for the whole session."""
    from backchannel.pipeline import Pipeline

    return Pipeline()
