import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.template.defaultfilters import filesizeformat
from django.utils import translation

from conferences import open_data, site_address


class Command(BaseCommand):
    help = (
        "Build the complete download (/data/jpoa-open-data.zip) of the present content in every language, so "
        "that no reader waits for it: for a timer after imports, or once a night. The first request builds it "
        "otherwise."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--site", required=True, type=site_address.argument,
                            help="The site's public address, e.g. https://jpoa.example.org: the files' links "
                                 "start with it.")

    def handle(self, *args, site: str, **options) -> None:
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                started = time.perf_counter()
                archive = open_data.current(site)
                seconds = time.perf_counter() - started
                if archive is None:
                    self.stdout.write(f"{code}: another process is building it now.")
                else:
                    self.stdout.write(f"{code}: {filesizeformat(archive.size)}, ready in {seconds:.1f} s.")
