import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from conferences.models import Conference
from conferences.synthetic import generate


class Command(BaseCommand):
    help = (
        "Add synthetic content, marked as such, for benchmarks and scale tests. Scale 1 is about 2,000 "
        "conferences, 20,000 speeches and 100,000 action items with their relations and updates; each run adds "
        "that much again. Never run it on a site with real content."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--scale", type=float, default=1.0, help="How much to add (fractions allowed).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed, for the same data every time.")
        parser.add_argument("--beside-real-content", action="store_true",
                            help="Run even though the database holds content that is not synthetic.")

    def handle(self, *args, scale: float, seed: int, beside_real_content: bool, **options) -> None:
        if scale <= 0:
            raise CommandError("--scale must be greater than 0.")
        if Conference.objects.exclude(slug__startswith="syn-").exists() and not beside_real_content:
            raise CommandError(
                "This database holds conferences that are not synthetic: synthetic content would be published "
                "beside them. Use an empty database, or add --beside-real-content if that is what you want."
            )
        started = time.monotonic()
        counts = generate(scale, seed=seed)
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # Outside the transaction: mark the new pages all-visible, so index-only scans work at once.
            with connection.cursor() as cursor:
                cursor.execute("VACUUM (ANALYZE)")
        summary = ", ".join(f"{count:,} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Added {summary} in {time.monotonic() - started:.0f} s."))
