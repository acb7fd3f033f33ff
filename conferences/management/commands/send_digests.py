from django.core.management.base import BaseCommand

from conferences import following, site_address


class Command(BaseCommand):
    help = (
        "Mail each reader who follows something by email a digest of what changed about it, at most once a "
        "day: run it daily from a timer (docs/deploy.md)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--site", required=True, type=site_address.argument,
                            help="The site's public address, e.g. https://jpoa.example.org: the mails' links "
                                 "start with it.")

    def handle(self, *args, site: str, **options) -> None:
        sent = following.send_digests(site)
        self.stdout.write(f"{sent} digest{'s' if sent != 1 else ''} sent.")
