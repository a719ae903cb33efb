from django.core.management.base import BaseCommand

from catalog import documents, services


class Command(BaseCommand):
    help = (
        "Bring every stored document in line with a fresh build. Missing ones are built at their row's "
        "position; ones whose content differs move their row to now, so partners that sync fetch them again. "
        "Run after changing SITE_URL, MEDIA_URL or the storage, or after a deploy that changes what documents hold."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kind", action="append", choices=list(documents.KINDS), help="Only these kinds.")

    def handle(self, *args, **options):
        report = services.documents_rebuild(kinds=options["kind"])
        for difference in report.differences:
            self.stdout.write(f"rebuilt: {difference}")
        self.stdout.write(f"{len(report.differences)} of {report.built} documents rebuilt.")
