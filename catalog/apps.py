from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = "Catalog"

    def ready(self):
        from catalog import roles, services

        post_migrate.connect(roles.roles_ensure_from_signal, sender=self)
        # A database migrated to stored documents (or restored without them) gets them built
        # with the code that reads them; later changes build their own (catalog.services).
        post_migrate.connect(services.documents_store_missing_from_signal, sender=self)
