"""The reasons of supported employment (IPS) and the guards that give them (I1, I2, I6, I7, I9).

Each guard is a plain function of its proposal and declares with :func:`guard` every
reason kind it may produce, so the rows of the table need no ``reasons`` of their own.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .._checks import blank, kind
from .._engine.definition import Proposal, guard
from .._engine.model import Reason, ReasonKind
from ._facts import CLIENT, IpsClosing, IpsClosure, IpsContext, IpsPolicy, VocationalProfile

__all__ = [
    "CHOICE_UNCONFIRMED",
    "NOT_COMPETITIVE",
    "NOT_USED",
    "NO_COMPETENCE",
    "NO_DISCLOSURE",
    "NO_WISH",
    "NO_WISHES",
    "REASONS",
    "client_chose",
    "client_disclosed",
    "competitive_job",
    "factors_noted",
    "profile_complete",
    "profile_texts",
    "wish_to_work",
]

IpsProposal = Proposal[IpsContext, IpsPolicy]

NO_WISH = kind(
    "ips.entry.no_wish_to_work",
    "Asiakas ei ole itse kertonut haluavansa palkkatyöhön; muuta ehtoa palveluun ei ole.",
    "Klienten har inte själv sagt att hen vill ha lönearbete; något annat villkor finns inte.",
    "The client has not said they want paid work; there is no other condition for entry.",
)
NOT_USED = kind(
    "ips.entry.factors_not_used",
    "Kirjatut seikat eivät vaikuta pääsyyn palveluun: mukaan pääsee jokainen, joka haluaa töihin.",
    "De antecknade omständigheterna påverkar inte tillträdet till tjänsten: alla som vill "
    "arbeta får delta.",
    "The recorded circumstances do not affect entry to the service: everyone who wants to "
    "work may take part.",
)
NO_WISHES = kind(
    "ips.profile.no_wishes",
    "Ammatillisesta profiilista puuttuvat asiakkaan omat toiveet työstä.",
    "Yrkesprofilen saknar klientens egna önskemål om arbete.",
    "The vocational profile does not record the client's own wishes about work.",
)
NO_COMPETENCE = kind(
    "ips.profile.no_competence",
    "Ammatillisesta profiilista puuttuvat asiakkaan taidot ja vahvuudet.",
    "Yrkesprofilen saknar klientens färdigheter och styrkor.",
    "The vocational profile records none of the client's skills or strengths.",
)
NOT_COMPETITIVE = kind(
    "ips.placement.not_competitive",
    "Työ ei ole kilpailtua palkkatyötä avoimilla työmarkkinoilla: ehto '{criterion}' ei täyty.",
    "Arbetet är inte konkurrensutsatt lönearbete på den öppna arbetsmarknaden: villkoret "
    "'{criterion}' uppfylls inte.",
    "The job is not competitive paid work on the open labour market: '{criterion}' is not met.",
)
NO_DISCLOSURE = kind(
    "ips.employer.no_disclosure_consent",
    "Tuesta ei voi sopia työnantajan kanssa, ellei asiakas ole päättänyt kertoa tilanteestaan.",
    "Stödet kan inte avtalas med arbetsgivaren om klienten inte har valt att berätta om sin "
    "situation.",
    "Support cannot be agreed with the employer unless the client has chosen to disclose.",
)
CHOICE_UNCONFIRMED = kind(
    "ips.end.client_choice_unconfirmed",
    "Asiakkaan valinnaksi kirjattu päättyminen vaatii asiakkaan suostumuksen.",
    "Ett avslut som antecknas som klientens val kräver klientens samtycke.",
    "An ending recorded as the client's choice needs the client's agreement.",
)

REASONS: tuple[ReasonKind, ...] = (
    NO_WISH,
    NOT_USED,
    NO_WISHES,
    NO_COMPETENCE,
    NOT_COMPETITIVE,
    NO_DISCLOSURE,
    CHOICE_UNCONFIRMED,
)
"""Every reason kind supported employment produces."""


@guard(NO_WISH)
def wish_to_work(p: IpsProposal) -> Iterator[Reason]:
    """I6: the client's own wish to work is the one and only entry condition."""
    if p.data.wants_work is not True:
        yield NO_WISH()


@guard(NOT_USED)
def factors_noted(p: IpsProposal) -> Iterator[Reason]:
    """I6: readiness, diagnosis and the like are noted as unused, never as a refusal."""
    if p.data.noted:  # which ones is personal (kept out of reprs), so it is not rendered
        yield NOT_USED()


@guard(NO_WISHES, NO_COMPETENCE)
def profile_complete(p: IpsProposal) -> Iterator[Reason]:
    """I1, I2: the profile starts from the client's wishes, skills and strengths."""
    profile: VocationalProfile = p.data
    if not profile.wishes:
        yield NO_WISHES()
    if not profile.skills and not profile.strengths:
        yield NO_COMPETENCE()


@guard(NOT_COMPETITIVE)
def competitive_job(p: IpsProposal) -> Iterator[Reason]:
    """I7: a placement is only into competitive paid work; one reason per failed criterion."""
    for criterion in p.data.failed():
        yield NOT_COMPETITIVE(criterion=criterion)


@guard(NO_DISCLOSURE)
def client_disclosed(p: IpsProposal) -> Iterator[Reason]:
    """I2 (confidentiality, self-determination): the employer hears only what the client allows."""
    if p.context.discloses is not True:
        yield NO_DISCLOSURE()


@guard(CHOICE_UNCONFIRMED)
def client_chose(p: IpsProposal) -> Iterator[Reason]:
    """I9: support lasts as long as the client wants; only the client chooses to stop."""
    closing: IpsClosing = p.data
    if (
        closing.closure is IpsClosure.CLIENT_CHOICE
        and p.actor.role is not CLIENT
        and not closing.client_agreed
    ):
        yield CHOICE_UNCONFIRMED()


def _blank_items(values: tuple[str, ...], name: str) -> Iterator[tuple[str, str]]:
    for index, value in enumerate(values):
        yield from blank(f"{name}[{index}]", value)


def profile_texts(profile: VocationalProfile, at: date) -> Iterator[tuple[str, str]]:
    """No wish, skill or strength of a profile is blank (the payload check of both profile rows)."""
    yield from _blank_items(profile.wishes, "wishes")
    yield from _blank_items(profile.skills, "skills")
    yield from _blank_items(profile.strengths, "strengths")
