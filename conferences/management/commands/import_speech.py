from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from conferences.imports import import_speech


class Command(BaseCommand):
    help = (
        "Import speeches from Word, PDF or text files, in the layouts UN offices, governments and news agencies "
        "publish them in: conference title, date and city, speaker, paragraphs. The conference, speaker and "
        "organisation are matched with those on the site, or created. Everything is saved as drafts, with one "
        "proposed action item per commitment found. A file already imported changes nothing; a bad file is "
        "reported and skipped."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", nargs="+", type=Path,
                            help="Word (.docx), PDF, or text in UTF-8, UTF-16 or Windows-1251.")
        parser.add_argument("--dry-run", action="store_true", help="Show what would be created; save nothing.")

    def handle(self, *args, files: list[Path], dry_run: bool, **options) -> None:
        failed = 0
        for path in files:
            try:
                data = path.read_bytes()
            except OSError as error:
                self.stderr.write(f"{path}: cannot be read ({error.strerror}).")
                failed += 1
                continue
            result = import_speech(data, name=str(path), dry_run=dry_run)
            if not result.ok:
                self.stderr.write(self.style.ERROR(result.error))
                failed += 1
            elif result.already_imported:
                self.stdout.write(f"{path}: already imported as “{result.speech}”; nothing changed.")
            else:
                verb = "would create" if dry_run else "created"
                used = ("; uses " + "; ".join(result.found)) if result.found else ""
                self.stdout.write(self.style.SUCCESS(f"{path}: {verb} " + "; ".join(result.created) + used + "."))
                for field, warning in result.parsed.warnings:
                    self.stdout.write(self.style.WARNING(f"{path}: {field}: {warning}"))
        if failed:
            raise CommandError(f"{failed} of {len(files)} files could not be imported; the others were.")
