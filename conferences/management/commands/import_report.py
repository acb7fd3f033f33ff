from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from conferences.corpus import FIELDS, evaluate
from conferences.speech_files import parse_speech_bytes
from conferences.speech_parser import SpeechParseError


class Command(BaseCommand):
    help = (
        "How well the speech import reads the labelled corpus (corpus/ at the project's root): the fields "
        "read wrongly, and the precision and recall of the proposed commitments. Given files, shows instead "
        "what the import reads in each, saving nothing."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="*", type=Path, help="Speech files to read instead of the corpus.")

    def handle(self, *args, files: list[Path], **options) -> None:
        if files:
            for path in files:
                self.show(path)
            return
        report = evaluate()
        for sample in report.samples:
            if sample.error:
                self.stdout.write(self.style.ERROR(f"{sample.name}: {sample.error}"))
            for name, (expected, read) in sample.wrong_fields.items():
                self.stdout.write(self.style.WARNING(f"{sample.name}: {name}: expected {expected!r}, read {read!r}"))
            missed = len(sample.expected) - sample.matched
            wrong = len(sample.proposed) - sample.right
            if missed or wrong:
                self.stdout.write(f"{sample.name}: {missed} commitments missed, {wrong} proposed wrongly; "
                                  f"proposed: {sample.proposed}")
        speeches = [sample for sample in report.samples if not sample.name.startswith("sentence ")]
        right_fields = sum(len(FIELDS) - len(set(s.wrong_fields) & set(FIELDS)) for s in speeches if not s.error)
        self.stdout.write(
            f"\nSpeech samples: {len(speeches)}, read without error: {sum(not s.error for s in speeches)}; "
            f"fields read as expected: {right_fields} of {len(FIELDS) * len(speeches)}.\n"
            f"Sentences: {len(report.samples) - len(speeches)}.\n"
            f"Commitments expected: {sum(len(s.expected) for s in report.samples)}, "
            f"proposed: {sum(len(s.proposed) for s in report.samples)}.\n"
            f"Precision: {report.precision:.2f}   Recall: {report.recall:.2f}"
        )

    def show(self, path: Path) -> None:
        try:
            parsed = parse_speech_bytes(path.read_bytes())
        except OSError as error:
            raise CommandError(f"{path}: cannot be read ({error.strerror}).") from None
        except SpeechParseError as error:
            raise CommandError(f"{path}: {error}") from None
        self.stdout.write(f"{path}:")
        for name, attribute in FIELDS.items():
            self.stdout.write(f"  {name}: {getattr(parsed, attribute)}")
        self.stdout.write(f"  paragraphs: {len(parsed.paragraphs)}")
        for field, warning in parsed.warnings:
            self.stdout.write(self.style.WARNING(f"  {field}: {warning}"))
        self.stdout.write(f"  {len(parsed.action_items)} proposed action items:")
        for item in parsed.action_items:
            self.stdout.write(f"  - {item.title}  (paragraph {item.paragraph})")
