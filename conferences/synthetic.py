"""Synthetic content for benchmarks and scale tests, marked as such everywhere it shows.

Scale 1 is about 2,000 conferences, 20,000 speeches with real-length bodies, 100,000
action items with their relations and about 150,000 progress updates; each conference has
an agenda of four sessions, one in four an outcome document with two language versions
(links), and the action items belong to one of two plans. Rows are written
straight to the tables (COPY on PostgreSQL, executemany elsewhere) in one transaction,
with every rule the models keep already applied: slugs, publication times, an action
item's conference taken from its speech, status and progress equal to the newest update.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from .countries import CENTRAL_ASIA, CITY_COUNTRIES, country_name
from .countries import CITIES as ALL_CITIES
from .models import (
    ActionItem,
    ActionItemUpdate,
    Conference,
    Country,
    Document,
    DocumentVersion,
    Language,
    Organization,
    OrganizationKind,
    Person,
    Session,
    Speech,
    Status,
    Theme,
)
from .models import Plan as JointPlan

MARK = "Synthetic"
MARK_RU = "Синтетические данные"
PER_SCALE = {"organizations": 150, "people": 3000, "conferences": 2000}
SPEECHES_PER_CONFERENCE = 10
ITEMS_PER_SPEECH = 5

# Where meetings are held and which countries are written: a fixed choice, in a fixed order,
# so that a seed makes the same content from one version of the site to the next and
# benchmark runs stay comparable. Countries and names: conferences.countries.
CITIES = [(name, CITY_COUNTRIES[name]) for name in (
    "Tashkent", "Samarkand", "Astana", "Almaty", "Bishkek", "Osh", "Dushanbe", "Khujand", "Ashgabat", "Turkmenbashi",
    "Vienna", "Geneva", "New York", "Brussels",
)]
COUNTRIES = [*CENTRAL_ASIA, "AFG", "AUT", "CHE", "USA", "BEL", "MNG", "PAK"]
THEMES = [
    ("Border security and management", "border-security"), ("Small arms and light weapons", "small-arms"),
    ("Rehabilitation and reintegration", "rehabilitation-reintegration"), ("Early warning", "early-warning"),
    ("Preventing violent extremism", "preventing-violent-extremism"),
    ("Protection of vulnerable targets", "vulnerable-targets"), ("Countering terrorist travel", "terrorist-travel"),
    ("Countering the financing of terrorism", "terrorist-financing"), ("Cybersecurity", "cybersecurity"),
    ("Human rights and the rule of law", "human-rights-rule-of-law"),
]
TOPICS = [
    "border management", "small arms control", "prison management", "rehabilitation of returnees",
    "early warning", "terrorist financing", "protection of soft targets", "travel document security",
    "community resilience", "youth engagement", "online radicalisation", "judicial cooperation",
    "information sharing", "crisis response", "victims of terrorism", "gender and prevention",
]
VERBS = ["Support", "Strengthen", "Develop", "Train officials in", "Expand cooperation on", "Assess needs in",
         "Draft guidance on", "Build national capacity for", "Coordinate regional work on", "Review progress in"]
MEETINGS = ["High-level conference", "Expert workshop", "Ministerial meeting", "Regional dialogue",
            "Technical consultation", "Round table"]
SPEECH_TITLES = ["Opening remarks", "Closing remarks", "Statement", "Keynote address", "Welcome address",
                 "Remarks at the high-level segment"]
GIVEN = ["Aziz", "Dilnoza", "Nurlan", "Aigerim", "Bakyt", "Zarina", "Rustam", "Gulnara", "Timur", "Madina",
         "Farrukh", "Saule", "Jamshid", "Malika", "Erlan", "Nigora", "Anna", "Pierre", "Maria", "John"]
FAMILY = ["Karimov", "Akhmetova", "Sadykov", "Rakhimova", "Nazarov", "Tokayeva", "Yusupov", "Ismoilova",
          "Abdulloev", "Berdiyeva", "Omarov", "Seitkali", "Schmidt", "Dubois", "Rossi", "Smith"]
ROLES = ["Minister of Foreign Affairs", "Deputy Minister of Interior", "Head of the Border Service",
         "Director, Counter-Terrorism Department", "Special Representative", "Programme Officer", "Ambassador",
         "Head of Delegation", "Senior Adviser", "Under-Secretary-General"]
KINDS = list(OrganizationKind.values)
SENTENCES = [
    "The region's States share long borders and the risks that cross them.",
    "Cooperation between services has grown steadily over the past decade.",
    "We will continue to help requesting States with {topic}.",
    "Our programme supports national authorities working on {topic}.",
    "Experience from the region shows that prevention works best when communities take part.",
    "Several States have adopted national action plans in recent years.",
    "We are exploring new ways to assist with {topic}.",
    "Training for front-line officers remains a priority for many delegations.",
    "Human rights and the rule of law must guide every measure taken.",
    "Partners have pledged to share information in a timely way.",
    "The situation in the wider region calls for vigilance and coordination.",
    "We thank the host country for its hospitality and careful preparation.",
    "Progress on {topic} will be reviewed at the next meeting.",
    "Civil society brings knowledge that governments cannot gather alone.",
]
# The Russian of the titles' parts: every synthetic title has its Russian too, made from the same
# choices (no other draw of the generator, so a seed makes the same English content as before).
RUSSIAN = {
    "border management": "управление границами", "small arms control": "контроль над стрелковым оружием",
    "prison management": "управление пенитенциарными учреждениями",
    "rehabilitation of returnees": "реабилитация вернувшихся лиц", "early warning": "раннее предупреждение",
    "terrorist financing": "финансирование терроризма", "protection of soft targets": "защита уязвимых объектов",
    "travel document security": "безопасность проездных документов",
    "community resilience": "устойчивость местных сообществ", "youth engagement": "вовлечение молодёжи",
    "online radicalisation": "радикализация в интернете", "judicial cooperation": "судебное сотрудничество",
    "information sharing": "обмен информацией", "crisis response": "реагирование на кризисы",
    "victims of terrorism": "жертвы терроризма", "gender and prevention": "гендерные аспекты профилактики",
    "Support": "Поддержка", "Strengthen": "Укрепление работы", "Develop": "Развитие работы",
    "Train officials in": "Обучение должностных лиц", "Expand cooperation on": "Расширение сотрудничества",
    "Assess needs in": "Оценка потребностей", "Draft guidance on": "Подготовка руководства",
    "Build national capacity for": "Укрепление национального потенциала",
    "Coordinate regional work on": "Координация региональной работы", "Review progress in": "Обзор хода работы",
    "High-level conference": "Конференция высокого уровня", "Expert workshop": "Семинар экспертов",
    "Ministerial meeting": "Совещание министров", "Regional dialogue": "Региональный диалог",
    "Technical consultation": "Техническая консультация", "Round table": "Круглый стол",
    "Opening remarks": "Вступительное слово", "Closing remarks": "Заключительное слово", "Statement": "Заявление",
    "Keynote address": "Основной доклад", "Welcome address": "Приветственное слово",
    "Remarks at the high-level segment": "Выступление на заседании высокого уровня",
    "Border security and management": "Безопасность и управление границами",
    "Small arms and light weapons": "Стрелковое оружие и лёгкие вооружения",
    "Rehabilitation and reintegration": "Реабилитация и реинтеграция", "Early warning": "Раннее предупреждение",
    "Preventing violent extremism": "Предотвращение насильственного экстремизма",
    "Protection of vulnerable targets": "Защита уязвимых объектов",
    "Countering terrorist travel": "Противодействие передвижению террористов",
    "Countering the financing of terrorism": "Противодействие финансированию терроризма",
    "Cybersecurity": "Кибербезопасность", "Human rights and the rule of law": "Права человека и верховенство права",
    **{city.name: city.other_names[0] for city in ALL_CITIES},
}
# The sentence that announces an action item, on the item and in its speech.
EXCERPT = "As a new step, our office commits to support for {topic}."
RARE = "The delegations also discussed the security of hydropower installations."
STATUS_PROGRESS = {
    Status.PROPOSED: (0, 0), Status.PLANNED: (0, 15), Status.IN_PROGRESS: (10, 90), Status.COMPLETED: (100, 100),
    Status.ON_HOLD: (5, 60), Status.CANCELLED: (0, 40),
}
STATUS_WEIGHTS = [10, 15, 40, 20, 10, 5]
LANGUAGES = [Language.EN] * 17 + [Language.RU] * 2 + [Language.UZ]
CONFERENCE_BATCH = 200  # conferences written at a time: about 10,000 action items, a few MB of text
LINKS = {
    "organizers": Conference.organizers,
    "attended": Conference.countries,
    "conference_themes": Conference.themes,
    "speech_themes": Speech.themes,
    "partners": ActionItem.partners,
    "item_countries": ActionItem.countries,
    "item_themes": ActionItem.themes,
    "document_countries": Document.countries,
    "document_themes": Document.themes,
}
BATCH_TABLES = ["conferences", "sessions", "documents", "document versions", "speeches", "action items",
                "progress updates", *LINKS]
# Every conference's agenda: (kind, English title, Russian title), two hours apart from 09:00 UTC.
AGENDA = [
    (Session.Kind.OPENING, "Opening session", "Открытие"),
    (Session.Kind.THEMATIC, "Thematic session I", "Тематическое заседание I"),
    (Session.Kind.THEMATIC, "Thematic session II", "Тематическое заседание II"),
    (Session.Kind.CLOSING, "Closing session", "Заключительное заседание"),
]
DOCUMENT_EVERY = 4  # one conference in four adopts an outcome document
DOCUMENT_KINDS = list(Document.Kind.values)
PLAN_YEARS = (2011, 2022)  # an item belongs to the newest plan adopted by its conference's year


def _batched(rows: Iterable, size: int) -> Iterator[list]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def insert(model: type[models.Model], fields: list[str], rows: Iterable[tuple]) -> int:
    """Write rows straight into the model's table; returns how many."""
    meta = model._meta
    columns = [meta.get_field(name).column for name in fields]
    adapters = [_adapter(meta.get_field(name)) for name in fields]
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {meta.db_table} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        else:
            sql = f"INSERT INTO {meta.db_table} ({quoted}) VALUES ({', '.join(['%s'] * len(columns))})"
            for batch in _batched(rows, 5000):
                cursor.executemany(sql, [[adapt(v) for adapt, v in zip(adapters, row, strict=True)] for row in batch])
                count += len(batch)
    return count


def _adapter(field) -> Callable:
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return connection.ops.adapt_datefield_value
    return lambda value: value


def _next_id(model: type[models.Model]) -> int:
    return (model.objects.aggregate(top=models.Max("pk"))["top"] or 0) + 1


@dataclass
class Plan:
    organizations: int
    people: int
    conferences: int

    @classmethod
    def for_scale(cls, scale: float) -> Plan:
        return cls(*(max(1, round(PER_SCALE[name] * scale)) for name in ("organizations", "people", "conferences")))


def generate(scale: float, seed: int = 1) -> dict[str, int]:
    """Add synthetic content of the given scale; returns how many rows of each kind were written."""
    plan = Plan.for_scale(scale)
    rng = random.Random(seed)
    now = timezone.now()
    with transaction.atomic():
        return _Generator(plan, rng, now, random.Random(f"{seed}:documents")).run()


class _Generator:
    def __init__(self, plan: Plan, rng: random.Random, now: dt.datetime, extra_rng: random.Random):
        self.plan, self.rng, self.now = plan, rng, now
        # Documents draw from a generator of their own, so that a seed makes the same conferences,
        # speeches and items as before they existed, and benchmark runs compare.
        self.extra_rng = extra_rng
        self.counts: dict[str, int] = {}
        # A pool of paragraphs, so that bodies have a real length without the cost of writing each one.
        self.paragraphs = [self._paragraph() for _ in range(400)]

    def run(self) -> dict[str, int]:
        countries = self._countries()
        themes = self._themes()
        organizations = self._organizations()
        people = self._people(organizations)
        self.joint_plans = self._joint_plans(themes)
        self._conferences(countries, themes, organizations, people)
        if connection.vendor == "postgresql":
            written = [Organization, Person, Conference, Speech, ActionItem, ActionItemUpdate, Country, Theme,
                       Session, Document, DocumentVersion, JointPlan]
            with connection.cursor() as cursor:
                for sql in connection.ops.sequence_reset_sql(no_style(), written):
                    cursor.execute(sql)
                # Fresh statistics, or the planner guesses badly about the rows just written.
                cursor.execute("ANALYZE")
        return self.counts

    def _count(self, name: str, number: int) -> None:
        self.counts[name] = self.counts.get(name, 0) + number

    def _paragraph(self) -> str:
        return " ".join(self.rng.choice(SENTENCES).format(topic=self.rng.choice(TOPICS)) for _ in range(5))

    def _publication(self, when: dt.datetime, draft_share: float = 0.03, scheduled_share: float = 0.02):
        """(is_published, published_at): mostly live, some drafts, some scheduled for the future."""
        roll = self.rng.random()
        if roll < draft_share:
            return False, None
        if roll < draft_share + scheduled_share:
            return True, self.now + dt.timedelta(days=self.rng.randint(1, 365))
        return True, min(when, self.now - dt.timedelta(days=1))

    def _countries(self) -> dict[str, int]:
        for iso3 in COUNTRIES:
            Country.objects.get_or_create(iso3=iso3, defaults={"name_en": country_name(iso3),
                                                               "name_ru": country_name(iso3, "ru")})
        return dict(Country.objects.values_list("iso3", "pk"))

    def _themes(self) -> list[int]:
        for name, slug in THEMES:
            Theme.objects.get_or_create(slug=slug, defaults={"name_en": name, "name_ru": RUSSIAN[name]})
        return list(Theme.objects.values_list("pk", flat=True))

    def _organizations(self) -> list[int]:
        start, now = _next_id(Organization), self.now
        ids = list(range(start, start + self.plan.organizations))
        rows = (
            (pk, now, now, f"syn-organization-{pk}", f"{MARK} agency {pk} for {self.rng.choice(TOPICS)}",
             f"SYN{pk}", self.rng.choice(KINDS), "")
            for pk in ids
        )
        self._count("organizations", insert(
            Organization, ["id", "created_at", "updated_at", "slug", "name_en", "acronym_en", "kind", "website"], rows))
        return ids

    def _people(self, organizations: list[int]) -> list[tuple[int, str, int]]:
        start, now, rng = _next_id(Person), self.now, self.rng
        people = [(pk, rng.choice(ROLES), rng.choice(organizations)) for pk in range(start, start + self.plan.people)]
        rows = (
            (pk, now, now, f"syn-person-{pk}", f"{rng.choice(GIVEN)} {rng.choice(FAMILY)} ({MARK.lower()} {pk})",
             "", role, org)
            for pk, role, org in people
        )
        self._count("people", insert(
            Person, ["id", "created_at", "updated_at", "slug", "name_en", "honorific_en", "title_en", "organization"],
            rows))
        return people

    def _joint_plans(self, themes: list[int]) -> dict[int, int]:
        """Two plans, a year each, whose pillars are the first four themes: {year: key}."""
        plans = {}
        for year in PLAN_YEARS:
            plan, created = JointPlan.objects.get_or_create(
                slug=f"syn-plan-{year}", defaults={"name_en": f"{MARK} plan {year}",
                                                   "name_ru": f"{MARK_RU}: план {year}",
                                                   "adopted_on": dt.date(year, 3, 3)})
            if created:
                plan.pillars.set(themes[:4])
                self._count("plans", 1)
            plans[year] = plan.pk
        return plans

    def _plan_for(self, year: int) -> int | None:
        adopted = [y for y in PLAN_YEARS if y <= year]
        return self.joint_plans[max(adopted)] if adopted else None

    def _conferences(self, countries, themes, organizations, people) -> None:
        """Conferences with their speeches, action items and updates, written a batch at a time."""
        first = _next_id(Conference)
        self.speech_id, self.item_id, self.update_id = (_next_id(Speech), _next_id(ActionItem),
                                                        _next_id(ActionItemUpdate))
        self.session_id, self.document_id = _next_id(Session), _next_id(Document)
        self.version_id = _next_id(DocumentVersion)
        ids = range(first, first + self.plan.conferences)
        for batch in _batched(ids, CONFERENCE_BATCH):
            rows = {name: [] for name in BATCH_TABLES}
            for conference_id in batch:
                self._conference(conference_id, countries, themes, organizations, people, rows)
            self._write(rows)

    def _conference(self, conference_id, countries, themes, organizations, people, rows) -> None:
        rng, now = self.rng, self.now
        city, iso3 = rng.choice(CITIES)
        start = dt.date(rng.randint(2008, 2026), rng.randint(1, 12), rng.randint(1, 28))
        end = start + dt.timedelta(days=rng.randint(0, 2))
        topic = rng.choice(TOPICS)
        published, published_at = self._publication(dt.datetime.combine(end, dt.time(12), dt.UTC), 0.02, 0.02)
        meeting, city_ru, topic_ru = rng.choice(MEETINGS), RUSSIAN[city], RUSSIAN[topic]
        rows["conferences"].append((
            conference_id, now, now, f"syn-conference-{conference_id}", published, published_at,
            f"{MARK}: {meeting} on {topic}, {city} {start.year}", f"{MARK} {city} {start.year}",
            start, end, city, countries[iso3], f"{MARK} record: a meeting on {topic}.", "",
            f"{MARK_RU}: {RUSSIAN[meeting]} — {topic_ru}, {city_ru}, {start.year}",
            f"{MARK_RU}: {city_ru}, {start.year}",
            city_ru, f"{MARK_RU}: встреча по теме «{topic_ru}».",
        ))
        country_ids = list(countries.values())
        rows["organizers"] += [(conference_id, o) for o in rng.sample(organizations, min(len(organizations), 2))]
        rows["attended"] += [(conference_id, c) for c in rng.sample(country_ids, 4)]
        rows["conference_themes"] += [(conference_id, t) for t in rng.sample(themes, 2)]
        sessions = self._agenda(conference_id, start, rows)
        document_id = self._document(conference_id, end, published, published_at, country_ids, themes, rows)
        for number in range(SPEECHES_PER_CONFERENCE):
            speech_id = self.speech_id
            self.speech_id += 1
            person_id, role, org = rng.choice(people)
            paragraphs = [f"[{MARK} text generated for testing.]", "Excellencies,"]
            paragraphs += rng.sample(self.paragraphs, rng.randint(6, 12))
            # Each action item is announced in the speech, as in a real one: its excerpt is in the text.
            topics = [rng.choice(TOPICS) for _ in range(ITEMS_PER_SPEECH)]
            for topic in topics:
                where = rng.randrange(2, len(paragraphs))
                paragraphs[where] += " " + EXCERPT.format(topic=topic)
            if rng.random() < 0.0005:  # a word that only about one speech in 2,000 holds, for searches
                paragraphs.append(RARE)
            published, published_at = self._publication(dt.datetime.combine(start, dt.time(18), dt.UTC))
            title = rng.choice(SPEECH_TITLES)
            rows["speeches"].append((
                speech_id, now, now, f"syn-speech-{speech_id}", published, published_at, conference_id,
                title, person_id, role, org, start, rng.choice(LANGUAGES), "\n\n".join(paragraphs),
                "", RUSSIAN[title], sessions[number % len(sessions)],
            ))
            rows["speech_themes"] += [(speech_id, t) for t in rng.sample(themes, 2)]
            for topic in topics:
                self._item(speech_id, conference_id, start, topic, organizations, country_ids, themes, rows,
                           document_id)

    def _agenda(self, conference_id, start: dt.date, rows) -> list[int]:
        """The conference's sessions; returns their keys in order."""
        now, keys = self.now, []
        for position, (kind, title, title_ru) in enumerate(AGENDA, 1):
            begins = dt.datetime.combine(start, dt.time(7 + 2 * position), dt.UTC)
            rows["sessions"].append((self.session_id, now, now, conference_id, position, kind, title, begins,
                                     begins + dt.timedelta(hours=1, minutes=30), "", title_ru))
            keys.append(self.session_id)
            self.session_id += 1
        return keys

    def _document(self, conference_id, day: dt.date, published, published_at, country_ids, themes, rows):
        """One conference in four adopts an outcome document, public with it, read through two links."""
        if conference_id % DOCUMENT_EVERY:
            return None
        rng, now, document_id = self.extra_rng, self.now, self.document_id
        self.document_id += 1
        kind = DOCUMENT_KINDS[document_id % len(DOCUMENT_KINDS)]
        symbol = f"A/SYN/{document_id}" if document_id % 2 else ""
        rows["documents"].append((
            document_id, now, now, f"syn-document-{document_id}", published, published_at, kind,
            f"{MARK} {Document.Kind(kind).label.lower()} {document_id} on {rng.choice(TOPICS)}", symbol, day,
            conference_id, f"{MARK} record: an outcome document.", f"{MARK_RU}: итоговый документ {document_id}",
            f"{MARK_RU}: запись для тестирования.",
        ))
        for language in ("en", "ru"):
            rows["document versions"].append((self.version_id, now, now, document_id, language, "", "", None,
                                               f"https://example.org/synthetic/{document_id}/{language}",
                                               language == "en", "", ""))
            self.version_id += 1
        rows["document_countries"] += [(document_id, c) for c in rng.sample(country_ids, 3)]
        rows["document_themes"] += [(document_id, t) for t in rng.sample(themes, 2)]
        return document_id

    def _write(self, rows: dict[str, list]) -> None:
        publishable = ["id", "created_at", "updated_at", "slug", "is_published", "published_at"]
        tables = [
            ("conferences", Conference, [*publishable, "title_en", "short_title_en", "start_date", "end_date",
                                         "city_en", "country", "summary_en", "website",
                                         "title_ru", "short_title_ru", "city_ru", "summary_ru"]),
            ("sessions", Session, ["id", "created_at", "updated_at", "conference", "position", "kind", "title_en",
                                   "starts_at", "ends_at", "room_en", "title_ru"]),
            ("documents", Document, [*publishable, "kind", "title_en", "symbol", "adopted_on", "conference",
                                     "summary_en", "title_ru", "summary_ru"]),
            ("document versions", DocumentVersion, ["id", "created_at", "updated_at", "document", "language", "file",
                                                    "file_kind", "file_size", "url", "is_original", "note_en",
                                                    "note_ru"]),
            ("speeches", Speech, [*publishable, "conference", "title_en", "speaker", "speaker_role_en",
                                  "speaker_organization", "delivered_on", "language", "body", "source_url",
                                  "title_ru", "session"]),
            ("action items", ActionItem, [*publishable, "title_en", "description_en", "speech", "conference", "excerpt",
                                          "status", "progress", "due_date", "lead_organization",
                                          "title_ru", "description_ru", "plan", "document"]),
            ("progress updates", ActionItemUpdate, ["id", "created_at", "updated_at", "action_item", "date", "status",
                                                    "progress", "note_en"]),
        ]
        for name, model, fields in tables:
            self._count(name, insert(model, fields, rows[name]))
        for name, relation in LINKS.items():
            field = relation.field
            through = field.remote_field.through
            self._count("links", insert(through, [field.m2m_field_name(), field.m2m_reverse_field_name()], rows[name]))

    def _item(self, speech_id, conference_id, start, topic, organizations, country_ids, themes, rows,
              document_id) -> None:
        rng, now = self.rng, self.now
        item_id = self.item_id
        self.item_id += 1
        status = rng.choices(Status.values, STATUS_WEIGHTS)[0]
        low, high = STATUS_PROGRESS[status]
        progress = rng.randint(low, high)
        verb = rng.choice(VERBS)
        title, title_ru = f"{MARK}: {verb} {topic}", f"{MARK_RU}: {RUSSIAN[verb]} — {RUSSIAN[topic]}"
        published, published_at = self._publication(dt.datetime.combine(start, dt.time(20), dt.UTC))
        due = start + dt.timedelta(days=rng.randint(180, 1500)) if rng.random() < 0.8 else None
        rows["action items"].append((
            item_id, now, now, f"syn-action-item-{item_id}", published, published_at, title,
            f"{MARK} record generated for testing.", speech_id, conference_id,
            EXCERPT.format(topic=topic), status, progress, due,
            rng.choice(organizations), title_ru, f"{MARK_RU}: запись для тестирования.", self._plan_for(start.year),
            document_id,
        ))
        # Updates lead up to the item's present status and progress, the newest last.
        step_count = rng.choice([0, 1, 1, 2, 2, 3]) if status != Status.PROPOSED else 0
        day = start
        for step in range(step_count):
            day = min(day + dt.timedelta(days=rng.randint(30, 200)), now.date())
            last = step == step_count - 1
            step_status = status if last else Status.IN_PROGRESS
            step_progress = progress if last else rng.randint(0, progress)
            rows["progress updates"].append(
                (self.update_id, now, now, item_id, day, step_status, step_progress, f"{MARK} update {step + 1}.")
            )
            self.update_id += 1
        rows["partners"] += [(item_id, o)
                             for o in rng.sample(organizations, min(len(organizations), rng.randint(0, 2)))]
        rows["item_countries"] += [(item_id, c) for c in rng.sample(country_ids, rng.randint(1, 3))]
        rows["item_themes"] += [(item_id, t) for t in rng.sample(themes, rng.randint(1, 2))]
