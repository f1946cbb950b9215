"""Build the synthetic national dataset (see ``thidua.core.national`` for what and how)."""

import time

from django.core.management.base import BaseCommand, CommandError

from thidua.core import national


class Command(BaseCommand):
    help = (
        "Generate a national dataset (34 provinces, 3,321 communes, ~30,000 other units, 3,400 "
        "clusters a year, 2,000,000 people, 10 years of scores, ratings and awards) for load "
        "tests and benchmarks. Bulk-loaded; use --scale for a smaller copy."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1.0: the national size")
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--last-year", type=int, default=2025)
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument(
            "--dry-run", action="store_true", help="print the sizes and write nothing"
        )

    def handle(self, *args, scale, years, last_year, seed, dry_run, verbosity, **options):
        if not 0 < scale <= 2:
            raise CommandError("--scale must be above 0 and at most 2.")
        if not 1 <= years <= 30:
            raise CommandError("--years must be between 1 and 30.")
        counts = national.counts_for(scale, years, last_year)

        def log(message: str) -> None:
            if verbosity >= 2:
                self.stdout.write(message)

        if dry_run:
            self.stdout.write(
                f"provinces {counts.provinces}, communes {counts.communes}, other units "
                f"{counts.others}, clusters ~{counts.clusters} a year, people {counts.people}, "
                f"years {counts.first_year}–{counts.last_year}"
            )
            return
        started = time.monotonic()
        rows = national.Generator(counts, seed, log).run()
        if verbosity >= 1:
            for table, n in sorted(rows.items()):
                self.stdout.write(f"{table}: {n:,}")
            self.stdout.write(f"done in {time.monotonic() - started:.0f} s")
