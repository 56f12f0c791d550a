"""The reason kinds of rehabilitative work activity (A1–A21), each with fi/sv/en text."""

from __future__ import annotations

from .._checks import kind
from ._common import FIELD_LABELS

SCOPE_FACT_MISSING = kind(
    "ktt.scope.fact_missing",
    "Soveltamisalan arviointiin tarvittava tieto puuttuu: {fact}.",
    "En uppgift som behövs för att bedöma tillämpningsområdet saknas: {fact}.",
    "A fact needed to check who the law applies to is missing: {fact}.",
    {"fact": FIELD_LABELS},
)
SCOPE_BENEFIT = kind(
    "ktt.scope.benefit_not_covered",
    "Reitti ({route}) koskee vain asiakasta, jonka pääasiallinen toimeentulo on: {covered}.",
    "Vägen ({route}) gäller bara en klient vars huvudsakliga försörjning är: {covered}.",
    "The route ({route}) covers only a client who mainly lives on: {covered}.",
)
SCOPE_NO_EMPLOYMENT_PLAN = kind(
    "ktt.scope.no_employment_plan",
    "Täyttyvä lain edellytys koskee vain henkilöä, jolla on työllistymissuunnitelma.",
    "Det lagvillkor som uppfylls gäller endast den som har en sysselsättningsplan.",
    "The condition of the law that is met applies only to a person with an employment plan.",
)
SCOPE_NO_THRESHOLD = kind(
    "ktt.scope.no_threshold_met",
    "Mikään lain {age_group} koskevista edellytyksistä ei täyty.",
    "Inget av lagens villkor för {age_group} uppfylls.",
    "None of the law's conditions for {age_group} is met.",
)
SCOPE_NOT_HEARD = kind(
    "ktt.scope.not_heard",
    "Pyynnöstä järjestettävä työtoiminta edellyttää asiakkaan kuulemista ja arviota, että "
    "se tukee häntä parhaiten.",
    "Arbetsverksamhet på begäran förutsätter att klienten hörts och bedömningen att den "
    "stöder klienten bäst.",
    "KTT on request needs the client to be heard and the judgement that it supports them best.",
)
SCOPE_TYP_NOT_COVERED = kind(
    "ktt.scope.multidisciplinary_plan_not_covered",
    "Monialainen työllistymissuunnitelma korvaa aktivointisuunnitelman vain henkilölle, "
    "jota lain edellytykset jo koskevat, tai pyynnöstä järjestettävässä työtoiminnassa "
    "kuullulle työmarkkinatuen, työttömyyspäivärahan tai toimeentulotuen saajalle.",
    "Den sektorsövergripande sysselsättningsplanen ersätter aktiveringsplanen endast för "
    "den som lagens villkor redan gäller, eller vid arbetsverksamhet på begäran för en "
    "hörd mottagare av arbetsmarknadsstöd, arbetslöshetsdagpenning eller utkomststöd.",
    "The multidisciplinary employment plan replaces the activation plan only for a person "
    "the act's conditions already cover, or for KTT on request by a client who was heard "
    "and lives on labour market subsidy, unemployment allowance or social assistance.",
)
SCOPE_REFORM_ROUTE = kind(
    "ktt.scope.multidisciplinary_plan_required",
    "Työttömyysetuuden saaja ohjataan kuntouttavaan työtoimintaan vain monialaisella "
    "työllistymissuunnitelmalla (profiili {scope}).",
    "En mottagare av arbetslöshetsförmån hänvisas till arbetsverksamhet i "
    "rehabiliteringssyfte endast genom en sektorsövergripande sysselsättningsplan "
    "(profil {scope}).",
    "A client on unemployment benefit reaches KTT only through a multidisciplinary "
    "employment plan (profile {scope}).",
)
NO_DUTY = kind(
    "ktt.no_duty_to_arrange",
    "Kuntouttavaa työtoimintaa ei ole velvollisuus järjestää: {case}.",
    "Det finns ingen skyldighet att ordna arbetsverksamhet i rehabiliteringssyfte: {case}.",
    "There is no duty to arrange rehabilitative work activity: {case}.",
)
ENTRY_MISSING = kind(
    "ktt.plan.entry_missing",
    "Aktivointisuunnitelmasta puuttuu kuntouttavan työtoiminnan tieto: {entries}.",
    "Aktiveringsplanen saknar uppgifter om arbetsverksamheten: {entries}.",
    "The activation plan lacks KTT entries: {entries}.",
    {"entries": FIELD_LABELS},
)
WORK_NOT_EXAMINED = kind(
    "ktt.plan.work_and_services_not_examined",
    "Suunnitelmaan ei ole kirjattu, että työn ja julkisten työvoimapalvelujen "
    "tarjoamisen mahdollisuus on selvitetty ensin.",
    "Planen visar inte att möjligheten att erbjuda arbete eller offentlig "
    "arbetskraftsservice först har utretts.",
    "The plan does not record that work and public employment services were examined first.",
)
BENEFITS_NOT_EXPLAINED = kind(
    "ktt.plan.benefits_not_explained",
    "Asiakkaalle ei ole kerrottu osallistumisen ajalta maksettavista etuuksista.",
    "Klienten har inte informerats om förmånerna som betalas under deltagandet.",
    "The client has not been told about the benefits paid for taking part.",
)
SIGNATURE_MISSING = kind(
    "ktt.plan.signature_missing",
    "Suunnitelman allekirjoitus puuttuu: {party}.",
    "Planens underskrift saknas: {party}.",
    "The plan is not signed by: {party}.",
)
PERIOD_TOO_SHORT = kind(
    "ktt.period_too_short",
    "Jakso on {months:kuukausi|kuukautta}; vähintään {limit:kuukausi|kuukautta}.",
    "Perioden är {months:månad|månader}; minst {limit:månad|månader}.",
    "The period is {months:month|months}; at least {limit:month|months}.",
)
PERIOD_TOO_LONG = kind(
    "ktt.period_too_long",
    "Jakso on {months:kuukausi|kuukautta}; enintään {limit:kuukausi|kuukautta} kerrallaan.",
    "Perioden är {months:månad|månader}; högst {limit:månad|månader} åt gången.",
    "The period is {months:month|months}; at most {limit:month|months} at a time.",
)
DAYS_BELOW = kind(
    "ktt.days_per_week_below_minimum",
    "Toimintaa on {days} päivänä viikossa; vähintään {limit}.",
    "Verksamheten pågår {days:dag|dagar} i veckan; minst {limit}.",
    "Activity on {days:day|days} a week; at least {limit}.",
)
DAYS_EXCEEDED = kind(
    "ktt.days_per_week_exceeded",
    "Toimintaa on {days} päivänä kalenteriviikossa; enintään {limit}.",
    "Verksamheten pågår {days:dag|dagar} under kalenderveckan; högst {limit}.",
    "Activity on {days:day|days} in the calendar week; at most {limit}.",
)
HOURS_BELOW = kind(
    "ktt.hours_per_day_below_minimum",
    "Päivässä on {minutes:minuutti|minuuttia} toimintaa; vähintään {limit:minuutti|minuuttia}.",
    "Dagen har {minutes:minut|minuter} verksamhet; minst {limit:minut|minuter}.",
    "{minutes:minute|minutes} of activity a day; at least {limit:minute|minutes}.",
)
HOURS_EXCEEDED = kind(
    "ktt.hours_per_day_exceeded",
    "Päivässä on {minutes:minuutti|minuuttia} toimintaa; enintään {limit:minuutti|minuuttia}.",
    "Dagen har {minutes:minut|minuter} verksamhet; högst {limit:minut|minuter}.",
    "{minutes:minute|minutes} of activity a day; at most {limit:minute|minutes}.",
)
WEEK_HOURS_EXCEEDED = kind(
    "ktt.hours_per_week_exceeded",
    "Viikossa on {minutes:minuutti|minuuttia} toimintaa; enintään {limit:minuutti|minuuttia}.",
    "Veckan har {minutes:minut|minuter} verksamhet; högst {limit:minut|minuter}.",
    "{minutes:minute|minutes} of activity in the week; at most {limit:minute|minutes}.",
)
WINDOW_EXCEEDED = kind(
    "ktt.days_in_window_exceeded",
    "Osallistumispäiviä olisi {days} {months} kuukauden aikana; enintään {limit}.",
    "Deltagardagarna skulle vara {days} under {months:månad|månader}; högst {limit}.",
    "That makes {days:day|days} of participation within {months:month|months}; at most {limit}.",
)
OUTSIDE_AREA = kind(
    "ktt.place_outside_commuting_area",
    "Toimintapaikka on työssäkäyntialueen ulkopuolella ilman asiakkaan suostumusta.",
    "Platsen ligger utanför pendlingsområdet utan klientens samtycke.",
    "The place is outside the client's commuting area and the client has not consented.",
)
STEWARD_NOT_NOTIFIED = kind(
    "ktt.shop_steward_not_notified",
    "Luottamusmiehelle ei ole ilmoitettu ennen toiminnan alkua.",
    "Förtroendemannen har inte underrättats innan verksamheten börjar.",
    "The shop steward has not been notified before the start.",
)
NOT_EMPLOYMENT = kind(
    "ktt.not_employment",
    "Kuntouttava työtoiminta ei ole työsuhde: työsopimusta tai palkkaa ei kirjata.",
    "Arbetsverksamhet i rehabiliteringssyfte är inget anställningsförhållande: inget "
    "arbetsavtal eller lön antecknas.",
    "Rehabilitative work activity is not employment: no employment contract or wage is recorded.",
)
OUTSIDE_PERIOD = kind(
    "ktt.attendance.outside_period",
    "Päivä {day} ei ole käynnissä olevalla jaksolla ({start}–{end}).",
    "Dagen {day} hör inte till den pågående perioden ({start}–{end}).",
    "Day {day} is outside the running period ({start} to {end}).",
)
DAY_AGAIN = kind(
    "ktt.attendance.day_already_recorded",
    "Päivän {day} osallistuminen on jo kirjattu.",
    "Deltagandet för dagen {day} är redan antecknat.",
    "Participation on {day} is already recorded.",
)


INTERRUPTION_TOO_EARLY = kind(
    "ktt.interruption.too_early",
    "Suunnitelman voi katsoa keskeytyneeksi vasta kuukauden kuluttua siitä, kun asiakas "
    "aloitti työn, yritystoiminnan tai päätoimiset opinnot.",
    "Planen kan anses avbruten först en månad efter att klienten började arbeta, driva "
    "företag eller studera på heltid.",
    "The plan can be deemed interrupted only one month after the client started work, "
    "business or full-time studies.",
)
INTERRUPTION_NOT_HEARD = kind(
    "ktt.interruption.not_heard",
    "Asiakasta on kuultava ennen kuin suunnitelma katsotaan keskeytyneeksi.",
    "Klienten ska höras innan planen anses avbruten.",
    "The client must be heard before the plan is deemed interrupted.",
)
CONDITION_NOT_MET = kind(
    "ktt.employment_condition_not_met",
    "Työttömyysturvalain työssäoloehdon täyttymistä ei ole kirjattu; suunnitelma uusitaan.",
    "Att arbetsvillkoret i lagen om utkomstskydd för arbetslösa uppfyllts har inte "
    "antecknats; planen förnyas.",
    "The employment condition of the Unemployment Security Act is not recorded as met; "
    "the plan is renewed.",
)
