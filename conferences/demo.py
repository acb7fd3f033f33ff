"""Demo content: real events of the programme, described in this site's own words,
plus a few records labelled as examples so every list and filter has something to show.

Statuses, progress and updates of action items are illustrative, and say so.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

import reversion
from django.db import transaction

from .countries import CENTRAL_ASIA, country_name
from .demo_russian import RUSSIAN, SPEECH_TRANSLATIONS
from .languages import in_each_language
from .models import (
    ActionItem,
    ActionItemUpdate,
    Conference,
    Country,
    Organization,
    Person,
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

ORGANIZATIONS = [
    ("unoct", "United Nations Office of Counter-Terrorism", "UNOCT", Kind.UN,
     "https://www.un.org/counterterrorism/"),
    ("uncct", "United Nations Counter-Terrorism Centre", "UNCCT", Kind.UN,
     "https://www.un.org/counterterrorism/cct"),
    ("unrcca", "United Nations Regional Centre for Preventive Diplomacy for Central Asia", "UNRCCA", Kind.UN,
     "https://unrcca.unmissions.org/"),
    ("osce", "Organization for Security and Co-operation in Europe", "OSCE", Kind.REGIONAL,
     "https://www.osce.org/"),
    ("eu", "European Union", "EU", Kind.REGIONAL, "https://european-union.europa.eu/"),
    ("isrs-uzbekistan", "Institute for Strategic and Regional Studies under the President of the Republic of Uzbekistan",
     "ISRS", Kind.GOVERNMENT, "https://isrs.uz/"),
    ("mfa-uzbekistan", "Ministry of Foreign Affairs of the Republic of Uzbekistan", "", Kind.GOVERNMENT,
     "https://mfa.uz/"),
    ("example-civil-society-network", "Example Civil Society Network (example record)", "", Kind.CIVIL_SOCIETY, ""),
]

PEOPLE = [
    ("vladimir-voronkov", "Vladimir Voronkov", "Mr.",
     "Under-Secretary-General, United Nations Office of Counter-Terrorism", "unoct"),
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
                   "The participating States adopted the updated Plan and a Tashkent Declaration.",
        "website": "https://www.un.org/counterterrorism/",
        "is_published": True,
        "published_at": dt.datetime(2022, 3, 4, 12, 0, tzinfo=dt.timezone.utc),
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
        "published_at": dt.datetime(2011, 12, 1, 12, 0, tzinfo=dt.timezone.utc),
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
        "published_at": dt.datetime(2017, 6, 14, 12, 0, tzinfo=dt.timezone.utc),
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
        "published_at": dt.datetime(2022, 10, 20, 12, 0, tzinfo=dt.timezone.utc),
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

Ten years after the Joint Plan of Action was first adopted, this meeting gives the region a chance to take stock and to agree on an updated plan.

The United Nations stays at the side of the Central Asian States as they put the Global Counter-Terrorism Strategy into practice through the Plan.

We support the rehabilitation and reintegration of people suspected of links with terrorist groups. We help prison services manage prisoners convicted of violent extremist offences. We offer technical help to States drafting national action plans to prevent and counter violent extremism. We work with communities to make them more resilient to violent extremism.

At the request of Member States, we will keep helping to stop the flow of small arms and light weapons. We will keep helping Member States to secure and manage their borders. We are looking at ways to protect vulnerable targets. We will step up our support against the travel of terrorists.

We also back the creation of a Central Asian early warning network on counter-terrorism, to reduce the risks arising from the situation in Afghanistan.

Our thanks go to the OSCE, to UNRCCA and to civil society for their shared work against the spread of terrorism.

Excellencies,

Solidarity between the peoples of the region remains a strong defence against violence.

This conference lets the Central Asian States renew their commitment to work together under the updated Plan.
"""

EXAMPLE_DUSHANBE_STATEMENT = """\
[Example record: an invented statement that shows how the site presents a speech.]

Distinguished participants,

Border services in the region meet the same risks, so they gain from sharing what works.

We will train border officers from each participating State in risk analysis. We will hold a joint exercise at a shared border crossing.

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
        "published_at": dt.datetime(2022, 3, 4, 12, 0, tzinfo=dt.timezone.utc),
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
        "published_at": dt.datetime(2022, 10, 20, 12, 0, tzinfo=dt.timezone.utc),
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
        "published_at": dt.datetime(2017, 6, 14, 12, 0, tzinfo=dt.timezone.utc),
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
        "published_at": dt.datetime(2030, 1, 1, 9, 0, tzinfo=dt.timezone.utc),
    },
]

ILLUSTRATIVE = "Demo record: the status, progress and updates are illustrative, not reported facts."
TASHKENT = "opening-remarks-vladimir-voronkov-2022"

ACTION_ITEMS = [
    {
        "slug": "rehabilitation-and-reintegration",
        "title": "Support rehabilitation and reintegration of people with suspected links to terrorist groups",
        "speech": TASHKENT,
        "excerpt": "We support the rehabilitation and reintegration of people suspected of links with terrorist groups.",
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
        "excerpt": "We offer technical help to States drafting national action plans to prevent and counter violent extremism.",
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
        "excerpt": "At the request of Member States, we will keep helping to stop the flow of small arms and light weapons.",
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


@transaction.atomic
@reversion.create_revision()
def load_demo() -> Counter:
    """Create whatever demo records are missing; existing ones are left as they are.

    Their first version goes into the history, as if typed in the admin. Returns how many
    records of each model were created.
    """
    reversion.set_comment("Demo content loaded.")
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
    organizations = {slug: ensure(Organization, slug, name=name, acronym=acronym, kind=kind, website=website)[0]
                     for slug, name, acronym, kind, website in ORGANIZATIONS}
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

    for data in ACTION_ITEMS:
        data = dict(data)
        partners, countries_, theme_slugs = data.pop("partners"), data.pop("countries"), data.pop("themes")
        updates = data.pop("updates", [])
        speech = speeches[data.pop("speech")]
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
                ActionItemUpdate.objects.create(action_item=item, date=date, status=status, progress=progress, note=note)
                created[ActionItemUpdate._meta.verbose_name_plural] += 1
    return created

