from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator

from conferences import following


class Command(BaseCommand):
    help = (
        "Mail each reader who follows something by email a digest of what changed about it, at most once a "
        "day: run it daily from a timer (docs/deploy.md)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--site", required=True,
                            help="The site's public address, e.g. https://jpoa.example.org: the mails' links "
                                 "start with it.")

    def handle(self, *args, site: str, **options) -> None:
        site = site.rstrip("/")
        try:
            URLValidator(schemes=["http", "https"])(site)
        except ValidationError:
            raise CommandError(f"--site must be the site's address, such as https://jpoa.example.org, "
                               f"not {site!r}.") from None
        sent = following.send_digests(site)
        self.stdout.write(f"{sent} digest{'s' if sent != 1 else ''} sent.")
