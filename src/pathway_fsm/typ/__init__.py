"""TYP, the multidisciplinary joint service, in five steps (T1–T17, D1).

``Tunnista`` (identify) → ``Suunnittele`` (plan: the mapping period) → ``Valmenna``
(coach: the multidisciplinary employment plan is in force) → ``Kokeile`` (try out:
the plan is carried out) → ``Ratkaise`` (resolve: final assessment and handover),
then ``ended``. Revising the plan in Kokeile goes back to Valmenna (T15).

Build the definition with :func:`definition`; every policy value is a keyword, and its
default is the one :class:`TypPolicy` documents. The entry rule depends on the
*profile* (D1):

``"seed"`` (default)
    The multidisciplinary need (T1) and one unemployment criterion (T2a), on the facts
    and the age as of the admission day, and a recorded judgement that the client
    benefits from the service.
``"381/2023"``
    The law in force since 2025: the need (T1) and the obstacle test of T2c. The
    unemployment criteria are reported as non-blocking screening notes.
``"1369/2014"``
    The law of 2015–2024: the need (T1) and one unemployment criterion (T2a, T2b).
"""

# The names in ``__all__`` are the documented interface. The roles, the reason kinds,
# the deadline labels, the constants of T2a and the table itself are importable too,
# re-exported explicitly with ``as``.
from ._declaration import CLIENT as CLIENT
from ._declaration import EA as EA
from ._declaration import KELA as KELA
from ._declaration import NAME, VERSION, definition, definition_for, retention_until
from ._declaration import PLAN_DUE_LABEL as PLAN_DUE_LABEL
from ._declaration import REPORT_DUE_LABEL as REPORT_DUE_LABEL
from ._declaration import REQUESTED_REVIEW_LABEL as REQUESTED_REVIEW_LABEL
from ._declaration import RETENTION_LABEL as RETENTION_LABEL
from ._declaration import REVIEW_DUE_LABEL as REVIEW_DUE_LABEL
from ._declaration import STATES as STATES
from ._declaration import TRANSITIONS as TRANSITIONS
from ._declaration import WC as WC
from ._facts import AGE_LIMIT as AGE_LIMIT
from ._facts import AUTHORITIES as AUTHORITIES
from ._facts import OLDER_MONTHS as OLDER_MONTHS
from ._facts import (
    PROFILES,
    AssessmentArea,
    Closing,
    Closure,
    Criterion,
    Ending,
    EntryFacts,
    FinalAssessment,
    JobSearch,
    Plan,
    PlannedService,
    Profile,
    Review,
    ReviewDecline,
    ServiceKind,
    TypContext,
    TypPolicy,
)
from ._facts import SUBSIDY_DAYS as SUBSIDY_DAYS
from ._facts import YOUNGER_MONTHS as YOUNGER_MONTHS
from ._rules import ASSESSMENT_INCOMPLETE as ASSESSMENT_INCOMPLETE
from ._rules import CLOSE_AFTER_ADMISSION as CLOSE_AFTER_ADMISSION
from ._rules import CLOSE_RESOLVED as CLOSE_RESOLVED
from ._rules import CONSULTATION_SUFFICES as CONSULTATION_SUFFICES
from ._rules import CRITERIA_UNKNOWN as CRITERIA_UNKNOWN
from ._rules import END_JOINT_INCOMPLETE as END_JOINT_INCOMPLETE
from ._rules import END_NEXT_STEP_CONFLICT as END_NEXT_STEP_CONFLICT
from ._rules import END_NO_FINAL as END_NO_FINAL
from ._rules import END_NO_NEXT_STEP as END_NO_NEXT_STEP
from ._rules import FACT_MISSING as FACT_MISSING
from ._rules import FINAL_CLIENT_MISSING as FINAL_CLIENT_MISSING
from ._rules import FINAL_NOT_MULTIDISCIPLINARY as FINAL_NOT_MULTIDISCIPLINARY
from ._rules import NO_BENEFIT as NO_BENEFIT
from ._rules import NO_CRITERION as NO_CRITERION
from ._rules import NO_NEED as NO_NEED
from ._rules import NO_OBSTACLE as NO_OBSTACLE
from ._rules import PLAN_KELA_MISSING as PLAN_KELA_MISSING
from ._rules import PLAN_NO_FOLLOW_UP as PLAN_NO_FOLLOW_UP
from ._rules import PLAN_NO_JOB_SEARCH as PLAN_NO_JOB_SEARCH
from ._rules import PLAN_NO_SERVICES as PLAN_NO_SERVICES
from ._rules import PLAN_PARTY_MISSING as PLAN_PARTY_MISSING
from ._rules import REVIEW_ALREADY_REQUESTED as REVIEW_ALREADY_REQUESTED
from ._rules import REVIEW_NO_PLAN as REVIEW_NO_PLAN
from ._rules import REVIEW_NOT_REQUESTED as REVIEW_NOT_REQUESTED
from ._rules import REVIEW_PARTY_MISSING as REVIEW_PARTY_MISSING
from ._rules import SCREENING_MET as SCREENING_MET
from ._rules import SCREENING_NONE as SCREENING_NONE

__all__ = [
    "NAME",
    "PROFILES",
    "VERSION",
    "AssessmentArea",
    "Closing",
    "Closure",
    "Criterion",
    "Ending",
    "EntryFacts",
    "FinalAssessment",
    "JobSearch",
    "Plan",
    "PlannedService",
    "Profile",
    "Review",
    "ReviewDecline",
    "ServiceKind",
    "TypContext",
    "TypPolicy",
    "definition",
    "definition_for",
    "retention_until",
]

# The registry entry: what from_dict, definitions() and the testing kit read.
from .._registry import Process

PROCESSES = (Process(NAME, VERSION, TypPolicy, definition_for, "pathway_fsm.testing._typ"),)
"""This package's processes, as the registry lists them."""
