"""Guarded state machines for Finnish employment and social-welfare client pathways.

A host system imports a process definition (``pathway_fsm.typ.definition()``), starts a
client's :class:`Pathway` on it, fires triggers, and stores the pathway with
:func:`to_dict`. Every refusal explains itself in Finnish, Swedish and English. The
library does no I/O: the host owns the clock, the storage and the messages.
"""

import importlib.metadata as _metadata

from . import (
    contract,
    diagrams,
    embedding,
    handover,
    ips,
    journey,
    phases,
    referral,
    services,
    social_welfare,
    typ,
)
from ._calendar import (
    FIRST_DAY,
    LAST_DAY,
    add_days,
    add_months,
    add_years,
    age_on,
    is_working_day,
    next_working_day,
)
from ._engine.definition import (
    Migration,
    ProcessDefinition,
    Proposal,
    State,
    TransitionSpec,
    validate,
)
from ._engine.model import (
    LANGUAGES,
    Actor,
    Deadline,
    Event,
    History,
    Lang,
    Reason,
    ReasonKind,
    Role,
    Text,
    Verdict,
)
from ._engine.pathway import AfterHook, BeforeHook, Hooks, Pathway
from ._migration import MigrationReport, Refusal, migrate
from ._registry import definitions
from ._serialization import SCHEMA_VERSION, from_dict, replay, to_dict
from .errors import (
    DefinitionError,
    HookError,
    HookFailed,
    PathwayDataError,
    PathwayError,
    ReentrantFire,
    TransitionRefused,
    UnknownTrigger,
)

try:
    __version__ = _metadata.version("pathway-fsm")
except _metadata.PackageNotFoundError:  # pragma: no cover - only when run from a bare source tree
    __version__ = "0+unknown"

__all__ = [
    "FIRST_DAY",
    "LANGUAGES",
    "LAST_DAY",
    "SCHEMA_VERSION",
    "Actor",
    "AfterHook",
    "BeforeHook",
    "Deadline",
    "DefinitionError",
    "Event",
    "History",
    "HookError",
    "HookFailed",
    "Hooks",
    "Lang",
    "Migration",
    "MigrationReport",
    "Pathway",
    "PathwayDataError",
    "PathwayError",
    "ProcessDefinition",
    "Proposal",
    "Reason",
    "ReasonKind",
    "ReentrantFire",
    "Refusal",
    "Role",
    "State",
    "Text",
    "TransitionRefused",
    "TransitionSpec",
    "UnknownTrigger",
    "Verdict",
    "add_days",
    "add_months",
    "add_years",
    "age_on",
    "contract",
    "definitions",
    "diagrams",
    "embedding",
    "from_dict",
    "handover",
    "ips",
    "is_working_day",
    "journey",
    "migrate",
    "next_working_day",
    "phases",
    "referral",
    "replay",
    "services",
    "social_welfare",
    "to_dict",
    "typ",
    "validate",
]
