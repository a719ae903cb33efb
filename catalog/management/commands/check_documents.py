from django.core.management.base import BaseCommand, CommandError

from catalog import documents, services


class Command(BaseCommand):
    help = (
        "Compare every stored document (what the API and the catalog pages serve) with a fresh build; "
        "list the differences and exit non-zero when there is any. Changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--kind", action="append", choices=list(documents.KINDS), help="Only these kinds.")

    def handle(self, *args, **options):
        report = services.documents_check(kinds=options["kind"])
        for difference in report.differences:
            self.stdout.write(f"differs: {difference}")
        if report.differences:
            raise CommandError(
                f"{len(report.differences)} of {report.built} documents differ from a fresh build; "
                "`manage.py rebuild_documents` rebuilds them."
            )
        self.stdout.write(f"All {report.built} documents equal a fresh build.")
