"""How well the speech import reads the project's labelled corpus (corpus/ at the project's root).

Each sample says what a careful editor finds in it; `evaluate()` imports none of it, only
parses, and compares: the fields of each speech, and the commitments proposed against those
expected, as precision (how many proposals are right) and recall (how many expected are found).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from .commitments import commitment_titles, language_of
from .speech_files import parse_speech_bytes
from .speech_parser import SpeechParseError

FIELDS = {
    "conference": "conference_title", "date": "date", "city": "city", "title": "speech_title",
    "honorific": "honorific", "speaker": "speaker_name", "role": "role", "organization": "organization",
    "language": "language",
}  # fmt: skip


def corpus_dir() -> Path:
    return Path(settings.BASE_DIR) / "corpus"


@dataclass
class SampleResult:
    name: str
    expected: list[str]
    proposed: list[str]
    matched: int = 0  # expected commitments found
    right: int = 0  # proposals that are an expected commitment
    wrong_fields: dict[str, tuple[object, object]] = field(default_factory=dict)  # field: (expected, read)
    error: str = ""


@dataclass
class Report:
    samples: list[SampleResult]

    def _total(self, name: str) -> int:
        return sum(getattr(sample, name) for sample in self.samples)

    @property
    def precision(self) -> float:
        proposed = sum(len(sample.proposed) for sample in self.samples)
        return self._total("right") / proposed if proposed else 1.0

    @property
    def recall(self) -> float:
        expected = sum(len(sample.expected) for sample in self.samples)
        return self._total("matched") / expected if expected else 1.0


def score(name: str, expected: list[str], proposed: list[str]) -> SampleResult:
    """Each proposal counts once, for the first expected phrase its title contains."""
    result = SampleResult(name, expected, proposed)
    left = [phrase.casefold() for phrase in expected]
    for title in proposed:
        hit = next((phrase for phrase in left if phrase in title.casefold()), None)
        if hit is not None:
            left.remove(hit)
            result.right += 1
    result.matched = len(expected) - len(left)
    return result


def samples_of(directory: Path, kind: str) -> list[dict]:
    """The labelled samples of one kind: "speeches" (files, and what each holds) or "sentences"."""
    with open(directory / f"{kind}.toml", "rb") as file:
        return tomllib.load(file)[{"speeches": "speech", "sentences": "sentence"}[kind]]


def evaluate(directory: Path | None = None) -> Report:
    directory = directory or corpus_dir()
    samples = []
    for sample in samples_of(directory, "speeches"):
        try:
            parsed = parse_speech_bytes((directory / "speeches" / sample["file"]).read_bytes())
        except SpeechParseError as error:
            result = score(sample["file"], sample["commitments"], [])
            result.error = str(error)
            samples.append(result)
            continue
        result = score(sample["file"], sample["commitments"], [item.title for item in parsed.action_items])
        for key, attribute in FIELDS.items():
            if getattr(parsed, attribute) != sample[key]:
                result.wrong_fields[key] = (sample[key], getattr(parsed, attribute))
        if "paragraphs" in sample and len(parsed.paragraphs) != sample["paragraphs"]:
            result.wrong_fields["paragraphs"] = (sample["paragraphs"], len(parsed.paragraphs))
        warned = {name for name, _message in parsed.warnings}
        if warned != set(sample.get("warnings", [])):
            result.wrong_fields["warnings"] = (sorted(sample.get("warnings", [])), sorted(warned))
        samples.append(result)
    for number, sample in enumerate(samples_of(directory, "sentences"), 1):
        titles = commitment_titles(sample["text"], language_of(sample["text"]))
        samples.append(score(f"sentence {number}", sample["commitments"], titles))
    return Report(samples)
