"""Demo content: real events of the programme, described in this site's own words,
plus a few records labelled as examples so every list and filter has something to show.

Statuses, progress and updates of action items are illustrative, and say so.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import Counter
from pathlib import Path

import reversion
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_noop

from .countries import CENTRAL_ASIA, country_name
from .demo_russian import RUSSIAN, SPEECH_TRANSLATIONS
from .languages import in_each_language
from .models import (
    ActionItem,
    ActionItemUpdate,
    Conference,
    Country,
    Document,
    DocumentVersion,
    Organization,
    Person,
    Plan,
    Session,
    Speech,
    SpeechTranslation,
    Theme,
)

Status = ActionItem.Status
Kind = Organization.Kind

# Countries by ISO code; their names come from conferences.countries.
COUNTRIES = ["AFG", *CENTRAL_ASIA]

THEMES = [
    ("pillar-1", 1, "Pillar I: Conditions conducive to terrorism",
     "Measures to address the conditions conducive to the spread of terrorism."),
    ("pillar-2", 2, "Pillar II: Preventing and combating terrorism",
     "Measures to prevent and combat terrorism."),
    ("pillar-3", 3, "Pillar III: Building States' capacity",
     "Measures to build States' capacity to prevent and combat terrorism and to strengthen "
     "the role of the United Nations system in that regard."),
    ("pillar-4", 4, "Pillar IV: Human rights and the rule of law",
     "Measures to ensure respect for human rights for all and the rule of law as the "
     "fundamental basis of the fight against terrorism."),
    ("border-security", 10, "Border security and management", ""),
    ("small-arms", 11, "Small arms and light weapons", ""),
    ("rehabilitation-reintegration", 12, "Rehabilitation and reintegration", ""),
    ("early-warning", 13, "Early warning", ""),
    ("preventing-violent-extremism", 14, "Preventing violent extremism", ""),
    ("vulnerable-targets", 15, "Protection of vulnerable targets", ""),
    ("terrorist-travel", 16, "Countering terrorist travel", ""),
]

# (slug, name, acronym, kind, website, the ISO code of the State a national body belongs to)
ORGANIZATIONS = [
    ("unoct", "United Nations Office of Counter-Terrorism", "UNOCT", Kind.UN,
     "https://www.un.org/counterterrorism/", None),
    ("uncct", "United Nations Counter-Terrorism Centre", "UNCCT", Kind.UN,
     "https://www.un.org/counterterrorism/cct", None),
    ("unrcca", "United Nations Regional Centre for Preventive Diplomacy for Central Asia", "UNRCCA", Kind.UN,
     "https://unrcca.unmissions.org/", None),
    ("osce", "Organization for Security and Co-operation in Europe", "OSCE", Kind.REGIONAL,
     "https://www.osce.org/", None),
    ("eu", "European Union", "EU", Kind.REGIONAL, "https://european-union.europa.eu/", None),
    ("isrs-uzbekistan",
     "Institute for Strategic and Regional Studies under the President of the Republic of Uzbekistan",
     "ISRS", Kind.GOVERNMENT, "https://isrs.uz/", "UZB"),
    ("mfa-uzbekistan", "Ministry of Foreign Affairs of the Republic of Uzbekistan", "", Kind.GOVERNMENT,
     "https://mfa.uz/", "UZB"),
    ("example-civil-society-network", "Example Civil Society Network (example record)", "", Kind.CIVIL_SOCIETY, "",
     None),
]

PEOPLE = [
    # The office is his organisation.
    ("vladimir-voronkov", "Vladimir Voronkov", "Mr.", "Under-Secretary-General", "unoct"),
    ("example-speaker-a", "Example Speaker A", "", "Example official (example record)", "osce"),
    ("example-speaker-b", "Example Speaker B", "", "Example official (example record)", "mfa-uzbekistan"),
]

CONFERENCES = [
    {
        "slug": "tashkent-2022",
        "title": "High-level International Conference on Regional Cooperation among Central Asian States "
                 "within the Framework of the Joint Plan of Action for the Implementation of the "
                 "United Nations Global Counter-Terrorism Strategy",
        "short_title": "Tashkent 2022",
        "start_date": dt.date(2022, 3, 3),
        "end_date": dt.date(2022, 3, 4),
        "city": "Tashkent",
        "country": "UZB",
        "organizers": ["isrs-uzbekistan", "mfa-uzbekistan", "unoct", "unrcca", "osce"],
        "countries": CENTRAL_ASIA,
        "themes": ["pillar-1", "pillar-2", "pillar-3", "pillar-4"],
        "summary": "A hybrid meeting that marked ten years of the Joint Plan of Action for Central Asia. "
                   "The participating States adopted the updated Plan and a Tashkent Declaration. "
                   "(The times of its agenda on this site are illustrative.)",
        "website": "https://www.un.org/counterterrorism/",
        "is_published": True,
        "published_at": dt.datetime(2022, 3, 4, 12, 0, tzinfo=dt.UTC),
    },
    {
        "slug": "ashgabat-2011",
        "title": "High-level meeting on the adoption of the Joint Plan of Action for Central Asia",
        "short_title": "Ashgabat 2011",
        "start_date": dt.date(2011, 11, 30),
        "city": "Ashgabat",
        "country": "TKM",
        "organizers": ["unrcca"],
        "countries": CENTRAL_ASIA,
        "themes": ["pillar-1", "pillar-2", "pillar-3", "pillar-4"],
        "summary": "The Central Asian States adopted the Joint Plan of Action, the first regional plan to "
                   "put all four pillars of the Global Counter-Terrorism Strategy into practice.",
        "is_published": True,
        "published_at": dt.datetime(2011, 12, 1, 12, 0, tzinfo=dt.UTC),
    },
    {
        "slug": "ashgabat-2017",
        "title": "High-level dialogue on the Joint Plan of Action for Central Asia",
        "short_title": "Ashgabat 2017",
        "start_date": dt.date(2017, 6, 13),
        "city": "Ashgabat",
        "country": "TKM",
        "organizers": ["unrcca", "unoct"],
        "countries": CENTRAL_ASIA,
        "themes": ["pillar-2", "pillar-3"],
        "summary": "A dialogue on how the Plan was being carried out, which ended with the Ashgabat Declaration.",
        "is_published": True,
        "published_at": dt.datetime(2017, 6, 14, 12, 0, tzinfo=dt.UTC),
    },
    {
        "slug": "dushanbe-2022",
        "title": "High-level conference on border security and management to counter terrorism",
        "short_title": "Dushanbe 2022",
        "start_date": dt.date(2022, 10, 18),
        "end_date": dt.date(2022, 10, 19),
        "city": "Dushanbe",
        "country": "TJK",
        "organizers": ["unoct", "osce"],
        "countries": [*CENTRAL_ASIA, "AFG"],
        "themes": ["border-security", "terrorist-travel", "pillar-2"],
        "summary": "A meeting on cooperation between border services, following up the updated Plan.",
        "is_published": True,
        "published_at": dt.datetime(2022, 10, 20, 12, 0, tzinfo=dt.UTC),
    },
    {
        "slug": "example-early-warning-workshop",
        "title": "Example: expert workshop on early warning (draft example record)",
        "short_title": "Example workshop (draft)",
        "start_date": dt.date(2027, 5, 12),
        "end_date": dt.date(2027, 5, 13),
        "city": "Bishkek",
        "country": "KGZ",
        "organizers": ["unrcca"],
        "countries": CENTRAL_ASIA,
        "themes": ["early-warning"],
        "summary": "An example of a draft: staff see it in the admin; the public does not.",
        "is_published": False,
    },
]

# The Tashkent opening remarks, summarised in this site's own words. The sentences that
# announce commitments are quoted as excerpts by the action items below.
TASHKENT_REMARKS = """\
[Demo content: a summary of the remarks in this site's own words, not the text as delivered.]

Excellencies,
Ladies and gentlemen,

Ten years after the Joint Plan of Action was first adopted, this meeting gives the region a chance to take stock and \
to agree on an updated plan.

The United Nations stays at the side of the Central Asian States as they put the Global Counter-Terrorism Strategy \
into practice through the Plan.

We support the rehabilitation and reintegration of people suspected of links with terrorist groups. We help prison \
services manage prisoners convicted of violent extremist offences. We offer technical help to States drafting national \
action plans to prevent and counter violent extremism. We work with communities to make them more resilient to violent \
extremism.

At the request of Member States, we will keep helping to stop the flow of small arms and light weapons. We will keep \
helping Member States to secure and manage their borders. We are looking at ways to protect vulnerable targets. We \
will step up our support against the travel of terrorists.

We also back the creation of a Central Asian early warning network on counter-terrorism, to reduce the risks arising \
from the situation in Afghanistan.

Our thanks go to the OSCE, to UNRCCA and to civil society for their shared work against the spread of terrorism.

Excellencies,

Solidarity between the peoples of the region remains a strong defence against violence.

This conference lets the Central Asian States renew their commitment to work together under the updated Plan.
"""

EXAMPLE_DUSHANBE_STATEMENT = """\
[Example record: an invented statement that shows how the site presents a speech.]

Distinguished participants,

Border services in the region meet the same risks, so they gain from sharing what works.

We will train border officers from each participating State in risk analysis. We will hold a joint exercise at a \
shared border crossing.

Cooperation of this kind takes time, and we will report on it at the next meeting.
"""

EXAMPLE_RUSSIAN_STATEMENT = """\
[Пример: вымышленное выступление, показывающее, как сайт представляет тексты на русском языке.]

Уважаемые участники,

Государства Центральной Азии продолжают совместную работу в рамках Совместного плана действий.

Мы поддержим обмен опытом между экспертами по раннему предупреждению.
"""

EXAMPLE_CLOSING = """\
[Example record: a scheduled speech, live only from its publication time.]

We close this meeting with a shared plan and a clear calendar for its review.
"""

SPEECHES = [
    {
        "slug": "opening-remarks-vladimir-voronkov-2022",
        "conference": "tashkent-2022",
        "title": "Opening remarks",
        "speaker": "vladimir-voronkov",
        "speaker_role": "Under-Secretary-General, United Nations Office of Counter-Terrorism",
        "speaker_organization": "unoct",
        "delivered_on": dt.date(2022, 3, 3),
        "language": "en",
        "body": TASHKENT_REMARKS,
        "source_url": "https://www.un.org/counterterrorism/",
        "themes": ["pillar-1", "pillar-2", "pillar-3", "border-security", "early-warning"],
        "is_published": True,
        "published_at": dt.datetime(2022, 3, 4, 12, 0, tzinfo=dt.UTC),
    },
    {
        "slug": "example-statement-border-cooperation",
        "conference": "dushanbe-2022",
        "title": "Example: statement on border cooperation",
        "speaker": "example-speaker-a",
        "speaker_role": "Example official (example record)",
        "speaker_organization": "osce",
        "delivered_on": dt.date(2022, 10, 18),
        "language": "en",
        "body": EXAMPLE_DUSHANBE_STATEMENT,
        "themes": ["border-security"],
        "is_published": True,
        "published_at": dt.datetime(2022, 10, 20, 12, 0, tzinfo=dt.UTC),
    },
    {
        "slug": "primer-vystuplenie-o-regionalnom-sotrudnichestve",
        "conference": "ashgabat-2017",
        "title": "Example: statement on regional cooperation",  # delivered in Russian: demo_russian.py
        "speaker": "example-speaker-b",
        "speaker_role": "Example official (example record)",
        "speaker_organization": "mfa-uzbekistan",
        "delivered_on": dt.date(2017, 6, 13),
        "language": "ru",
        "body": EXAMPLE_RUSSIAN_STATEMENT,
        "themes": ["early-warning", "pillar-3"],
        "is_published": True,
        "published_at": dt.datetime(2017, 6, 14, 12, 0, tzinfo=dt.UTC),
    },
    {
        "slug": "example-scheduled-closing-remarks",
        "conference": "tashkent-2022",
        "title": "Example: closing remarks (scheduled)",
        "speaker": "example-speaker-a",
        "speaker_role": "Example official (example record)",
        "speaker_organization": "osce",
        "delivered_on": dt.date(2022, 3, 4),
        "language": "en",
        "body": EXAMPLE_CLOSING,
        "is_published": True,
        "published_at": dt.datetime(2030, 1, 1, 9, 0, tzinfo=dt.UTC),
    },
]

ILLUSTRATIVE = "Demo record: the status, progress and updates are illustrative, not reported facts."
TASHKENT = "opening-remarks-vladimir-voronkov-2022"

ACTION_ITEMS = [
    {
        "slug": "rehabilitation-and-reintegration",
        "title": "Support rehabilitation and reintegration of people with suspected links to terrorist groups",
        "speech": TASHKENT,
        "excerpt": "We support the rehabilitation and reintegration of people suspected of links with terrorist "
                   "groups.",
        "lead_organization": "unoct",
        "partners": ["unrcca", "example-civil-society-network"],
        "countries": ["KAZ", "KGZ", "TJK", "UZB"],
        "themes": ["rehabilitation-reintegration", "pillar-1", "pillar-4"],
        "due_date": dt.date(2025, 12, 31),
        "updates": [
            (dt.date(2022, 9, 1), Status.PLANNED, 10, "Example: needs assessed with national partners."),
            (dt.date(2023, 6, 15), Status.IN_PROGRESS, 40, "Example: first training cycle for social workers held."),
            (dt.date(2024, 5, 20), Status.IN_PROGRESS, 60, "Example: guidance for local authorities drafted."),
        ],
    },
    {
        "slug": "management-of-violent-extremist-prisoners",
        "title": "Help prison services manage violent extremist prisoners",
        "speech": TASHKENT,
        "excerpt": "We help prison services manage prisoners convicted of violent extremist offences.",
        "lead_organization": "unoct",
        "partners": [],
        "countries": ["KAZ", "KGZ", "TJK"],
        "themes": ["rehabilitation-reintegration", "pillar-3"],
        "due_date": dt.date(2026, 6, 30),
        "updates": [(dt.date(2023, 2, 1), Status.PLANNED, 10, "Example: work plan agreed.")],
    },
    {
        "slug": "national-action-plans-pcve",
        "title": "Technical assistance for national action plans to prevent and counter violent extremism",
        "speech": TASHKENT,
        "excerpt": "We offer technical help to States drafting national action plans to prevent and counter violent "
                   "extremism.",
        "lead_organization": "unoct",
        "partners": ["osce"],
        "countries": CENTRAL_ASIA,
        "themes": ["preventing-violent-extremism", "pillar-1"],
        "due_date": dt.date(2024, 12, 31),
        "updates": [
            (dt.date(2022, 11, 10), Status.IN_PROGRESS, 50, "Example: two draft plans reviewed."),
            (dt.date(2024, 10, 1), Status.COMPLETED, 100, "Example: assistance to all requesting States delivered."),
        ],
    },
    {
        "slug": "resilience-to-violent-extremism",
        "title": "Strengthen community resilience to violent extremism",
        "speech": TASHKENT,
        "excerpt": "We work with communities to make them more resilient to violent extremism.",
        "lead_organization": "unoct",
        "partners": ["example-civil-society-network"],
        "countries": ["KGZ", "UZB"],
        "themes": ["preventing-violent-extremism", "pillar-1"],
        "status": Status.IN_PROGRESS,
        "progress": 35,
    },
    {
        "slug": "small-arms-and-light-weapons",
        "title": "Counter the supply of small arms and light weapons",
        "speech": TASHKENT,
        "excerpt": "At the request of Member States, we will keep helping to stop the flow of small arms and light "
                   "weapons.",
        "lead_organization": "uncct",
        "partners": ["osce"],
        "countries": CENTRAL_ASIA,
        "themes": ["small-arms", "pillar-2"],
        "due_date": dt.date(2026, 12, 31),
        "updates": [
            (dt.date(2023, 3, 1), Status.IN_PROGRESS, 20, "Example: regional expert meeting held."),
            (dt.date(2024, 1, 15), Status.ON_HOLD, 20, "Example: paused while funding is renewed."),
        ],
    },
    {
        "slug": "border-security-and-management",
        "title": "Help Member States secure and manage their borders",
        "speech": TASHKENT,
        "excerpt": "We will keep helping Member States to secure and manage their borders.",
        "lead_organization": "uncct",
        "partners": ["osce", "eu"],
        "countries": ["TJK", "TKM", "UZB", "AFG"],
        "themes": ["border-security", "pillar-2", "pillar-3"],
        "due_date": dt.date(2027, 3, 31),
        "updates": [(dt.date(2022, 10, 19), Status.IN_PROGRESS, 30, "Example: discussed at the Dushanbe meeting.")],
    },
    {
        "slug": "protection-of-vulnerable-targets",
        "title": "Explore assistance to protect vulnerable targets",
        "speech": TASHKENT,
        "excerpt": "We are looking at ways to protect vulnerable targets.",
        "lead_organization": "unoct",
        "partners": [],
        "countries": CENTRAL_ASIA,
        "themes": ["vulnerable-targets", "pillar-2"],
        "status": Status.PROPOSED,
        "progress": 0,
    },
    {
        "slug": "countering-terrorist-travel",
        "title": "Step up support to counter terrorist travel",
        "speech": TASHKENT,
        "excerpt": "We will step up our support against the travel of terrorists.",
        "lead_organization": "unoct",
        "partners": ["osce"],
        "countries": ["KAZ", "KGZ", "UZB"],
        "themes": ["terrorist-travel", "border-security", "pillar-2"],
        "due_date": dt.date(2026, 3, 31),
        "status": Status.PLANNED,
        "progress": 5,
    },
    {
        "slug": "early-warning-network-central-asia",
        "title": "Develop a counter-terrorism early warning network for Central Asia",
        "speech": TASHKENT,
        "excerpt": "We also back the creation of a Central Asian early warning network on counter-terrorism, "
                   "to reduce the risks arising from the situation in Afghanistan.",
        "lead_organization": "unoct",
        "partners": ["unrcca"],
        "countries": [*CENTRAL_ASIA, "AFG"],
        "themes": ["early-warning", "pillar-2"],
        "due_date": dt.date(2025, 6, 30),
        "updates": [
            (dt.date(2022, 12, 5), Status.PLANNED, 10, "Example: concept note shared with the States."),
            (dt.date(2023, 11, 20), Status.IN_PROGRESS, 45, "Example: national focal points named."),
        ],
    },
    {
        "slug": "example-joint-border-exercise",
        "title": "Example: joint exercise at a shared border crossing",
        "speech": "example-statement-border-cooperation",
        "excerpt": "We will hold a joint exercise at a shared border crossing.",
        "lead_organization": "osce",
        "partners": ["uncct"],
        "countries": ["TJK", "UZB"],
        "themes": ["border-security"],
        "due_date": dt.date(2023, 12, 31),
        "updates": [(dt.date(2023, 8, 1), Status.CANCELLED, 0, "Example: cancelled; replaced by table-top training.")],
    },
    {
        "slug": "example-risk-analysis-training",
        "title": "Example: risk-analysis training for border officers",
        "speech": "example-statement-border-cooperation",
        "excerpt": "We will train border officers from each participating State in risk analysis.",
        "lead_organization": "osce",
        "partners": ["eu"],
        "countries": ["KAZ", "KGZ", "TJK"],
        "themes": ["border-security", "pillar-3"],
        "due_date": dt.date(2024, 6, 30),
        "updates": [(dt.date(2024, 6, 1), Status.COMPLETED, 100, "Example: three courses held.")],
    },
    {
        "slug": "example-draft-commitment",
        "title": "Example: draft commitment awaiting review",
        "speech": "primer-vystuplenie-o-regionalnom-sotrudnichestve",
        "excerpt": "Мы поддержим обмен опытом между экспертами по раннему предупреждению.",
        "lead_organization": "unrcca",
        "partners": [],
        "countries": CENTRAL_ASIA,
        "themes": ["early-warning"],
        "status": Status.PROPOSED,
        "progress": 0,
        "is_published": False,
    },
]


# Outcome documents: the real ones, with their real facts. Their files are examples the site made
# itself (scripts/make-demo-documents writes conferences/demo_files/), each saying so on its page;
# where the UN publishes the document, each language version links to it too.
UN_LANGUAGES = ["en", "ru", "ar", "zh", "fr", "es"]
DOCUMENTS = [
    {
        "slug": "joint-plan-of-action-2011",
        "kind": Document.Kind.ACTION_PLAN,
        "title": "Joint Plan of Action for the Implementation of the United Nations Global Counter-Terrorism "
                 "Strategy in Central Asia",
        "adopted_on": dt.date(2011, 11, 30),
        "conference": "ashgabat-2011",
        "countries": CENTRAL_ASIA,
        "themes": ["pillar-1", "pillar-2", "pillar-3", "pillar-4"],
        "summary": "The first regional plan to put all four pillars of the Global Counter-Terrorism Strategy "
                   "into practice, adopted by the five Central Asian States in Ashgabat.",
        "files": ["en", "ru"],
    },
    {
        "slug": "ashgabat-final-declaration-2011",
        "kind": Document.Kind.DECLARATION,
        "title": "Ashgabat Final Declaration",
        "adopted_on": dt.date(2011, 11, 30),
        "conference": "ashgabat-2011",
        "countries": CENTRAL_ASIA,
        "themes": ["pillar-1", "pillar-2", "pillar-3", "pillar-4"],
        "summary": "The declaration of the meeting that adopted the Joint Plan of Action.",
        "files": ["en", "ru"],
    },
    {
        "slug": "ashgabat-declaration-2017",
        "kind": Document.Kind.DECLARATION,
        "title": "Ashgabat Declaration",
        "adopted_on": dt.date(2017, 6, 13),
        "conference": "ashgabat-2017",
        "countries": CENTRAL_ASIA,
        "themes": ["pillar-2", "pillar-3"],
        "summary": "The declaration that ended the high-level dialogue on the Joint Plan of Action.",
        "files": ["en", "ru"],
    },
    {
        "slug": "tashkent-declaration-2022",
        "kind": Document.Kind.DECLARATION,
        "title": "Tashkent Declaration",
        "symbol": "A/76/751",
        "adopted_on": dt.date(2022, 3, 3),
        "conference": "tashkent-2022",
        "countries": CENTRAL_ASIA,
        "themes": ["pillar-1", "pillar-2", "pillar-3", "pillar-4"],
        "summary": "Adopted at the Tashkent conference that marked ten years of the Joint Plan of Action, and "
                   "circulated as a document of the General Assembly in the six official languages of the "
                   "United Nations.",
        "files": ["en", "ru"],
        "links": UN_LANGUAGES,
    },
    {
        "slug": "updated-joint-plan-of-action-2022",
        "kind": Document.Kind.ACTION_PLAN,
        "title": "Updated Joint Plan of Action for Central Asia",
        "adopted_on": dt.date(2022, 3, 3),
        "conference": "tashkent-2022",
        "countries": CENTRAL_ASIA,
        "themes": ["pillar-1", "pillar-2", "pillar-3", "pillar-4"],
        "summary": "The Plan as updated at the Tashkent conference, ten years after its adoption.",
        "files": ["en", "ru"],
    },
    {
        "slug": "dushanbe-declaration-2022",
        "kind": Document.Kind.DECLARATION,
        "title": "Dushanbe Declaration",
        "adopted_on": dt.date(2022, 10, 19),
        "conference": "dushanbe-2022",
        "countries": CENTRAL_ASIA,
        "themes": ["border-security", "terrorist-travel"],
        "summary": "The declaration of the Dushanbe conference on border security and management.",
        "files": ["en", "ru"],
    },
    {
        "slug": "dushanbe-co-chairs-summary-2022",
        "kind": Document.Kind.CHAIRS_SUMMARY,
        "title": "Co-Chairs' Summary of the Dushanbe conference",
        "adopted_on": dt.date(2022, 10, 19),
        "conference": "dushanbe-2022",
        "countries": [],
        "themes": ["border-security", "terrorist-travel"],
        "summary": "The co-chairs' account of the Dushanbe conference on border security and management.",
        "files": ["en", "ru"],
    },
]
DEMO_FILES = Path(__file__).resolve().parent / "demo_files"
EXAMPLE_FILE = "The file is an example made by this site for its demo, not the document's text."


def un_link(symbol: str, language: str) -> str:
    """The document in the UN Official Document System, through its resolver."""
    return f"https://undocs.org/{language}/{symbol}"


PLANS = [
    {
        "slug": "jpoa-2011",
        "name": "Joint Plan of Action for Central Asia (2011)",
        "adopted_on": dt.date(2011, 11, 30),
        "conference": "ashgabat-2011",
        "document": "joint-plan-of-action-2011",
        "pillars": ["pillar-1", "pillar-2", "pillar-3", "pillar-4"],
        "summary": "The plan the five Central Asian States adopted in Ashgabat in 2011, the first to put the "
                   "whole Global Counter-Terrorism Strategy into practice in one region.",
    },
    {
        "slug": "jpoa-2022",
        "name": "Updated Joint Plan of Action for Central Asia (2022)",
        "adopted_on": dt.date(2022, 3, 3),
        "conference": "tashkent-2022",
        "document": "updated-joint-plan-of-action-2022",
        "pillars": ["pillar-1", "pillar-2", "pillar-3", "pillar-4"],
        "summary": "The plan as updated in Tashkent in 2022. The commitments announced at the Tashkent "
                   "conference belong to it.",
    },
]

# The Tashkent conference's agenda: opening, a thematic session on each pillar, closing. The
# sessions are the usual shape of its agenda; their times are illustrative, as its summary says.
TASHKENT = "Asia/Tashkent"
SESSIONS = [
    (Session.Kind.OPENING, "Opening session", (3, 10, 0), (3, 11, 0), ["pillar-1", "pillar-2", "pillar-3", "pillar-4"]),
    (Session.Kind.THEMATIC, "Thematic session I: Conditions conducive to terrorism", (3, 11, 30), (3, 13, 0),
     ["pillar-1"]),
    (Session.Kind.THEMATIC, "Thematic session II: Preventing and combating terrorism", (3, 14, 30), (3, 16, 0),
     ["pillar-2"]),
    (Session.Kind.THEMATIC, "Thematic session III: Building States' capacity", (4, 10, 0), (4, 11, 30),
     ["pillar-3"]),
    (Session.Kind.THEMATIC, "Thematic session IV: Human rights and the rule of law", (4, 12, 0), (4, 13, 30),
     ["pillar-4"]),
    (Session.Kind.CLOSING, "Closing session", (4, 15, 0), (4, 15, 45), []),
]
# Speeches of the Tashkent conference by the session they belong to.
SESSION_OF_SPEECH = {"opening-remarks-vladimir-voronkov-2022": 0, "example-scheduled-closing-remarks": 5}


@transaction.atomic
@reversion.create_revision()
def load_demo() -> Counter:
    """Create whatever demo records are missing; existing ones are left as they are.

    Their first version goes into the history, as if typed in the admin. Returns how many
    records of each model were created.
    """
    reversion.set_comment(gettext_noop("Demo content loaded."))  # worded in the reader's language when read
    created: Counter = Counter()

    def ensure(model, slug: str, **fields):
        defaults = in_each_language(model, fields, RUSSIAN, "ru")
        obj, was_created = model.objects.get_or_create(slug=slug, defaults=defaults)
        created[model._meta.verbose_name_plural] += was_created
        return obj, was_created

    countries = {}
    for iso3 in COUNTRIES:
        name = country_name(iso3)
        countries[iso3], was_created = Country.objects.get_or_create(
            slug=name.lower(), defaults={"name_en": name, "name_ru": country_name(iso3, "ru"), "iso3": iso3})
        created[Country._meta.verbose_name_plural] += was_created
    themes = {slug: ensure(Theme, slug, name=name, position=position, description=description)[0]
              for slug, position, name, description in THEMES}
    organizations = {slug: ensure(Organization, slug, name=name, acronym=acronym, kind=kind, website=website,
                                  country=countries.get(country))[0]
                     for slug, name, acronym, kind, website, country in ORGANIZATIONS}
    people = {slug: ensure(Person, slug, name=name, honorific=honorific, title=title,
                           organization=organizations[organization])[0]
              for slug, name, honorific, title, organization in PEOPLE}

    conferences = {}
    for data in CONFERENCES:
        data = dict(data)
        organizers, participants, theme_slugs = data.pop("organizers"), data.pop("countries"), data.pop("themes")
        data["country"] = countries[data["country"]]
        conference, was_created = ensure(Conference, data.pop("slug"), **data)
        if was_created:
            conference.organizers.set([organizations[s] for s in organizers])
            conference.countries.set([countries[s] for s in participants])
            conference.themes.set([themes[s] for s in theme_slugs])
        conferences[conference.slug] = conference

    speeches = {}
    for data in SPEECHES:
        data = dict(data)
        theme_slugs = data.pop("themes", [])
        data.update(
            conference=conferences[data["conference"]],
            speaker=people[data["speaker"]],
            speaker_organization=organizations[data["speaker_organization"]],
        )
        speech, was_created = ensure(Speech, data.pop("slug"), **data)
        if was_created:
            speech.themes.set([themes[s] for s in theme_slugs])
            if speech.slug in SPEECH_TRANSLATIONS:
                language, body = SPEECH_TRANSLATIONS[speech.slug]
                SpeechTranslation.objects.create(speech=speech, language=language, body=body)
                created[SpeechTranslation._meta.verbose_name_plural] += 1
        speeches[speech.slug] = speech

    load_agenda(conferences["tashkent-2022"], themes, created)
    documents = {}
    for data in DOCUMENTS:
        data = dict(data)
        participants, theme_slugs = data.pop("countries"), data.pop("themes")
        files, links = data.pop("files", []), data.pop("links", [])
        data.update(conference=conferences[data["conference"]], is_published=True,
                    published_at=conferences[data["conference"]].published_at)
        document, was_created = ensure(Document, data.pop("slug"), **data)
        if was_created:
            document.countries.set([countries[s] for s in participants])
            document.themes.set([themes[s] for s in theme_slugs])
            for language in dict.fromkeys([*files, *links]):
                version = DocumentVersion(document=document, language=language,
                                          url=un_link(document.symbol, language) if language in links else "")
                if language in files:
                    name = f"{document.slug}-{language}.pdf"
                    version.file = ContentFile((DEMO_FILES / name).read_bytes(), name=name)
                    version.note_en, version.note_ru = EXAMPLE_FILE, RUSSIAN[EXAMPLE_FILE]
                version.save()
                created[DocumentVersion._meta.verbose_name_plural] += 1
        documents[document.slug] = document
    plans = {}
    for data in PLANS:
        data = dict(data)
        pillars = data.pop("pillars")
        data.update(conference=conferences[data["conference"]], document=documents[data["document"]])
        plan, was_created = ensure(Plan, data.pop("slug"), **data)
        if was_created:
            plan.pillars.set([themes[s] for s in pillars])
        plans[plan.slug] = plan

    for data in ACTION_ITEMS:
        data = dict(data)
        partners, countries_, theme_slugs = data.pop("partners"), data.pop("countries"), data.pop("themes")
        updates = data.pop("updates", [])
        speech = speeches[data.pop("speech")]
        if speech.conference.slug == "tashkent-2022":  # what was announced there belongs to the updated plan
            data.update(plan=plans["jpoa-2022"], document=documents["updated-joint-plan-of-action-2022"])
        data.setdefault("is_published", True)
        data.setdefault("published_at", speech.published_at if data["is_published"] else None)
        item, was_created = ensure(
            ActionItem,
            data.pop("slug"),
            speech=speech,
            lead_organization=organizations[data.pop("lead_organization")],
            description=ILLUSTRATIVE,
            **data,
        )
        if was_created:
            item.partners.set([organizations[s] for s in partners])
            item.countries.set([countries[s] for s in countries_])
            item.themes.set([themes[s] for s in theme_slugs])
            for date, status, progress, note in updates:
                update = ActionItemUpdate.objects.create(action_item=item, date=date, status=status,
                                                         progress=progress, note_en=note, note_ru=RUSSIAN.get(note, ""))
                # Recorded on its day, as on a site kept up to date: the progress feed and digests go
                # by when an update was recorded.
                recorded = dt.datetime.combine(date, dt.time(12), tzinfo=dt.UTC)
                ActionItemUpdate.objects.filter(pk=update.pk).update(created_at=recorded, updated_at=recorded)
                created[ActionItemUpdate._meta.verbose_name_plural] += 1
    return created



def load_agenda(conference: Conference, themes: dict, created: Counter) -> list[Session]:
    """The conference's sessions, made if it has none, with its speeches put in theirs."""
    if conference.sessions.exists():
        return list(conference.sessions.all())
    zone = zoneinfo.ZoneInfo(TASHKENT)
    start = conference.start_date
    sessions = []
    for position, (kind, title, begins, ends, theme_slugs) in enumerate(SESSIONS, 1):
        def moment(day_hour_minute):
            day, hour, minute = day_hour_minute
            return dt.datetime(start.year, start.month, day, hour, minute, tzinfo=zone)

        session = Session.objects.create(
            conference=conference, position=position, kind=kind, starts_at=moment(begins), ends_at=moment(ends),
            **in_each_language(Session, {"title": title}, RUSSIAN, "ru"))
        session.themes.set([themes[s] for s in theme_slugs])
        sessions.append(session)
        created[Session._meta.verbose_name_plural] += 1
    for slug, index in SESSION_OF_SPEECH.items():
        Speech.objects.filter(slug=slug, session=None).update(session=sessions[index])
    return sessions
