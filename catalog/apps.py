from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class CatalogConfig(AppConfig):
    name = "catalog"
    verbose_name = "Catalog"

    def ready(self):
        from catalog import keys, roles, services
        from catalog.models import Partner, PartnerKey

        post_migrate.connect(roles.roles_ensure_from_signal, sender=self)
        # A database migrated to stored documents (or restored without them) gets them built
        # with the code that reads them; later changes build their own (catalog.services).
        post_migrate.connect(services.documents_store_missing_from_signal, sender=self)
        # A key or partner saved (revoked, rescoped, suspended) or deleted here: keys are verified afresh
        # at once in this process.
        post_save.connect(keys.verified_keys.forget, sender=PartnerKey, dispatch_uid="catalog-keys-saved")
        post_delete.connect(keys.verified_keys.forget, sender=PartnerKey, dispatch_uid="catalog-keys-deleted")
        post_save.connect(keys.verified_keys.forget, sender=Partner, dispatch_uid="catalog-partners-saved")
        post_delete.connect(keys.verified_keys.forget, sender=Partner, dispatch_uid="catalog-partners-deleted")
