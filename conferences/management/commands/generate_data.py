import time

from django.core.management.base import BaseCommand, CommandError

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

    def handle(self, *args, scale: float, seed: int, **options) -> None:
        if scale <= 0:
            raise CommandError("--scale must be greater than 0.")
        started = time.monotonic()
        counts = generate(scale, seed=seed)
        summary = ", ".join(f"{count:,} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Added {summary} in {time.monotonic() - started:.0f} s."))
