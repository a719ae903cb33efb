from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalog import search, services
from catalog.demo import loader as demo


class Command(BaseCommand):
    help = (
        "Create or update the demo catalog (treatments, families, specs, devices, illustrations) "
        "and the demo knowledge base (articles, FAQ entries, references). Idempotent."
    )

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                counts = demo.demo_catalog_load()
                article_counts = demo.demo_articles_load()
                # Search documents are derived data: rebuild them all, cheap at demo size.
                search.search_refresh_all()
                # So are stored documents: the loader writes rows directly, so bring every
                # document in line; only rows whose document changed move (an unchanged
                # catalog moves nothing, keeping the loader idempotent for partners).
                services.documents_rebuild()
        except ValidationError as exc:
            raise CommandError(f"The demo data does not validate, nothing was loaded: {exc}") from exc
        summary = {**counts, **article_counts, "changed": counts["changed"] + article_counts["changed"]}
        self.stdout.write(
            "Demo catalog: {treatments} treatments, {families} families, {spec_definitions} spec definitions, "
            "{devices} devices, {spec_values} spec values, {options} options, {price_tiers} price tiers, "
            "{certifications} certifications, {images} images, {articles} articles, {faqs} FAQ entries, "
            "{references} references; {changed} rows created or changed.".format(**summary)
        )
