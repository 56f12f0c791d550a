"""Guarded state machines for Finnish employment and social-welfare client pathways.

A host system imports a process definition (``pathway_fsm.typ.definition()``), starts a
client's :class:`Pathway` on it, fires triggers, and stores the pathway with
:func:`to_dict`. Every refusal explains itself in Finnish, Swedish and English. The
library does no I/O: the host owns the clock, the storage and the messages.
"""

import importlib.metadata as _metadata
import logging as _logging

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
from ._engine.actions import Action, ActionField
from ._engine.definition import (
    BoundDefinition,
    Migration,
    ProcessDefinition,
    Proposal,
    State,
    TransitionSpec,
    definition_builder,
    guard,
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
    plural,
)
from ._engine.pathway import REF_MAX, AfterHook, BeforeHook, Hooks, Pathway, RefusedHook
from ._migration import MigrationReport, Refusal, migrate
from ._registry import Process, definitions, register, unregister
from ._schema import json_schema
from ._serialization import SCHEMA_VERSION, from_dict, replay, to_dict
from ._sweep import SweepError, SweepRow, Swept, sweep
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

# The library logs (see docs/design.md) but never decides where records go: the host
# configures that. A NullHandler keeps Python's last-resort output away until it does.
_logging.getLogger("pathway_fsm").addHandler(_logging.NullHandler())

__all__ = [
    "FIRST_DAY",
    "LANGUAGES",
    "LAST_DAY",
    "REF_MAX",
    "SCHEMA_VERSION",
    "Action",
    "ActionField",
    "Actor",
    "AfterHook",
    "BeforeHook",
    "BoundDefinition",
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
    "Process",
    "ProcessDefinition",
    "Proposal",
    "Reason",
    "ReasonKind",
    "ReentrantFire",
    "Refusal",
    "RefusedHook",
    "Role",
    "State",
    "SweepError",
    "SweepRow",
    "Swept",
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
    "definition_builder",
    "definitions",
    "diagrams",
    "embedding",
    "from_dict",
    "guard",
    "handover",
    "ips",
    "is_working_day",
    "journey",
    "json_schema",
    "migrate",
    "next_working_day",
    "phases",
    "plural",
    "referral",
    "register",
    "replay",
    "services",
    "social_welfare",
    "sweep",
    "to_dict",
    "typ",
    "unregister",
    "validate",
]
