"""Shared fixtures and the hypothesis profiles (``HYPOTHESIS_PROFILE=ci|dev|fuzz``)."""

from __future__ import annotations

import os
from datetime import date

import pytest
from hypothesis import HealthCheck, settings

from helpers import CLIENT, COUNTY, KELA, OFFICE
from pathway_fsm import Actor

settings.register_profile(
    "ci",
    max_examples=60,
    derandomize=True,  # a fixed seed: CI runs are repeatable
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.register_profile("dev", max_examples=20, deadline=None)
settings.register_profile(
    "fuzz",
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture
def ea() -> Actor:
    """An employment-authority counsellor."""
    return OFFICE


@pytest.fixture
def wc() -> Actor:
    """A wellbeing-county social worker."""
    return COUNTY


@pytest.fixture
def kela() -> Actor:
    """A Kela officer."""
    return KELA


@pytest.fixture
def client() -> Actor:
    """The client."""
    return CLIENT


@pytest.fixture
def day() -> date:
    """A plain working day to start pathways on."""
    return date(2025, 1, 8)
