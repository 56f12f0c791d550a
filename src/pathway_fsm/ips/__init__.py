"""Supported employment by quality criteria (IPS), and its fidelity report (I1–I15).

The process follows THL's five phases of quality-based job coaching (I2):

1. ``entry`` — referral, then the agreement with the client. The only entry condition is
   the client's own wish to work (zero exclusion, I6).
2. ``profiling`` — the vocational profile: the client's wishes, skills and strengths (I1).
3. ``job_search`` — rapid search on the open labour market; the first face-to-face
   employer contact about a competitive job is due within ``first_contact_days`` (I8).
4. and 5. ``working`` — placement only into competitive paid work (I7), support agreed
   with the employer, and follow-along support in and outside work with no time limit
   (I9). When a job ends the client goes back to ``job_search`` with no new screening
   (I10).

Then ``ended``, by the client's choice or a coded closure. Benefits counselling and the
discussion of disclosure are recorded as events (I14, items 12 and 13).

:func:`fidelity_report` reads one pathway's history against the quality criteria that a
history can show; :func:`caseload_report` adds the items that need a set of pathways
(caseload, employer diversity) and the organisational items the host declares.
"""

from __future__ import annotations

# The names in ``__all__`` are the documented interface. The roles, the reason kinds,
# the deadline names, the caseload states and the table itself are importable too,
# re-exported explicitly with ``as``.
from ._deadlines import FIRST_CONTACT_LABEL as FIRST_CONTACT_LABEL
from ._deadlines import SUPPORT_CONTACT_LABEL as SUPPORT_CONTACT_LABEL
from ._declaration import ACTIVE_STATES as ACTIVE_STATES
from ._declaration import (
    NAME,
    VERSION,
    definition,
    definition_for,
)
from ._declaration import STATES as STATES
from ._declaration import TRANSITIONS as TRANSITIONS
from ._facts import CLIENT as CLIENT
from ._facts import COACH as COACH
from ._facts import COUNTY as COUNTY
from ._facts import EMPLOYER as EMPLOYER
from ._facts import (
    BenefitsCounselling,
    CoachAssignment,
    Criterion,
    DisclosureDiscussion,
    EmployerAgreement,
    EmployerContact,
    Entry,
    ExclusionFactor,
    IpsClosing,
    IpsClosure,
    IpsContext,
    IpsPolicy,
    JobEnd,
    JobEndReason,
    Placement,
    SupportContact,
    VocationalProfile,
)
from ._fidelity import (
    CASELOAD_ITEMS,
    DECLARED_ITEMS,
    HISTORY_ITEMS,
    ITEMS,
    Band,
    CaseloadReport,
    FidelityItem,
    FidelityReport,
    SpecialistCaseload,
    Status,
    band,
    caseload_report,
    fidelity_report,
    ips25_total,
)
from ._rules import CHOICE_UNCONFIRMED as CHOICE_UNCONFIRMED
from ._rules import NO_COMPETENCE as NO_COMPETENCE
from ._rules import NO_DISCLOSURE as NO_DISCLOSURE
from ._rules import NO_WISH as NO_WISH
from ._rules import NO_WISHES as NO_WISHES
from ._rules import NOT_COMPETITIVE as NOT_COMPETITIVE
from ._rules import NOT_USED as NOT_USED
from ._rules import REASONS as REASONS

__all__ = [
    "CASELOAD_ITEMS",
    "DECLARED_ITEMS",
    "HISTORY_ITEMS",
    "ITEMS",
    "NAME",
    "VERSION",
    "Band",
    "BenefitsCounselling",
    "CaseloadReport",
    "CoachAssignment",
    "Criterion",
    "DisclosureDiscussion",
    "EmployerAgreement",
    "EmployerContact",
    "Entry",
    "ExclusionFactor",
    "FidelityItem",
    "FidelityReport",
    "IpsClosing",
    "IpsClosure",
    "IpsContext",
    "IpsPolicy",
    "JobEnd",
    "JobEndReason",
    "Placement",
    "SpecialistCaseload",
    "Status",
    "SupportContact",
    "VocationalProfile",
    "band",
    "caseload_report",
    "definition",
    "definition_for",
    "fidelity_report",
    "ips25_total",
]

# The registry entry: what from_dict, definitions() and the testing kit read.
from .._registry import Process

PROCESSES = (Process(NAME, VERSION, IpsPolicy, definition_for, "pathway_fsm.testing._ips"),)
"""This package's processes, as the registry lists them."""
