"""Test data. Every factory takes keyword overrides; defaults make a valid, published row."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from catalog import services
from catalog.models import (
    Article,
    Certification,
    Device,
    DeviceImage,
    DeviceOption,
    Family,
    PriceTier,
    SpecDefinition,
    Treatment,
)
from catalog.specs import ValueType


class CatalogFactory(factory.django.DjangoModelFactory):
    """A catalog row made as an editor makes it in the admin: the same service call follows the save.

    So every row a test creates has its stored document (catalog.documents), built the way
    the admin's save builds it.
    """

    class Meta:
        abstract = True

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        super()._after_postgeneration(instance, create, results)
        if create:
            cls._changed(instance)

    @classmethod
    def _changed(cls, instance):
        raise NotImplementedError


class TreatmentFactory(CatalogFactory):
    class Meta:
        model = Treatment
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Treatment {n}")
    slug = factory.Sequence(lambda n: f"treatment-{n}")
    summary = "What the treatment does."

    @classmethod
    def _changed(cls, instance):
        services.treatment_changed(treatment_id=instance.pk)


class FamilyFactory(CatalogFactory):
    class Meta:
        model = Family

    name = factory.Sequence(lambda n: f"Family {n}")
    slug = factory.Sequence(lambda n: f"family-{n}")
    pitch = "Devices of this family."

    @classmethod
    def _changed(cls, instance):
        services.family_changed(family_id=instance.pk)


class SpecDefinitionFactory(CatalogFactory):
    class Meta:
        model = SpecDefinition

    family = factory.SubFactory(FamilyFactory)
    key = factory.Sequence(lambda n: f"spec-{n}")
    label = factory.Sequence(lambda n: f"Spec {n}")
    unit = ""
    value_type = ValueType.NUMBER
    choices = factory.LazyAttribute(lambda o: [])

    @classmethod
    def _changed(cls, instance):
        services.family_changed(family_id=instance.family_id)


class DeviceFactory(CatalogFactory):
    class Meta:
        model = Device
        skip_postgeneration_save = True

    family = factory.SubFactory(FamilyFactory)
    sku = factory.Sequence(lambda n: f"SKU-{n:04d}")
    name = factory.Sequence(lambda n: f"Device {n}")
    slug = factory.Sequence(lambda n: f"device-{n}")
    summary = "A device for clinics."
    description = "First paragraph.\n\nSecond paragraph."
    status = Device.Status.PUBLISHED
    list_price = Decimal("10000.00")
    currency = "USD"

    @factory.post_generation
    def specs(obj, create, extracted, **kwargs):
        if create and extracted:
            services.device_set_spec_values(device=obj, values=extracted)

    @factory.post_generation
    def treatments(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.treatments.set(extracted)

    @classmethod
    def _changed(cls, instance):
        services.device_changed(device_id=instance.pk)


class DevicePartFactory(CatalogFactory):
    """Options, tiers, certificates and images: saving one changes its device's payload."""

    class Meta:
        abstract = True

    @classmethod
    def _changed(cls, instance):
        services.device_changed(device_id=instance.device_id)


class DeviceOptionFactory(DevicePartFactory):
    class Meta:
        model = DeviceOption

    device = factory.SubFactory(DeviceFactory)
    kind = DeviceOption.Kind.HANDPIECE
    name = factory.Sequence(lambda n: f"Option {n}")
    slug = factory.Sequence(lambda n: f"option-{n}")
    price_delta = Decimal("500.00")


class PriceTierFactory(DevicePartFactory):
    class Meta:
        model = PriceTier

    device = factory.SubFactory(DeviceFactory)
    min_quantity = 3
    unit_price = Decimal("9000.00")


class CertificationFactory(DevicePartFactory):
    class Meta:
        model = Certification

    device = factory.SubFactory(DeviceFactory)
    authority = Certification.Authority.CE_MDR
    identifier = factory.Sequence(lambda n: f"CE-{n:05d}")
    countries = ["DE", "FR"]


class DeviceImageFactory(DevicePartFactory):
    class Meta:
        model = DeviceImage

    device = factory.SubFactory(DeviceFactory)
    image = factory.django.FileField(filename="device.svg", data=b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    alt_text = "Picture of the device"


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "catalog.Partner"
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Partner {n} GmbH")
    contact_name = "Jonas Weber"
    contact_email = factory.Sequence(lambda n: f"it{n}@partner.example")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    password = factory.django.Password("correct horse battery")


class ArticleFactory(CatalogFactory):
    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Clinical guide {n}")
    slug = factory.Sequence(lambda n: f"clinical-guide-{n}")
    takeaway = "What a clinician should remember."
    body = "## Overview\n\nSome text.\n\n| Stage | Time |\n|---|---|\n| Prep | 60 min |\n"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    @factory.post_generation
    def devices(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.devices.set(extracted)

    @factory.post_generation
    def treatments(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.treatments.set(extracted)

    @factory.post_generation
    def families(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.families.set(extracted)

    @classmethod
    def _changed(cls, instance):
        services.article_changed(article_id=instance.pk)


# --- Sales and leads (quotes) ----------------------------------------------------


def _hours_from_now(hours: float):
    from datetime import timedelta

    from django.utils import timezone

    return timezone.now() + timedelta(hours=hours)


class SalesUserFactory(UserFactory):
    """Staff in the Sales group: can own and work leads."""

    class Meta:
        skip_postgeneration_save = True

    is_staff = True
    first_name = factory.Sequence(lambda n: f"Sam{n}")
    last_name = "Seller"

    @factory.post_generation
    def sales_group(obj, create, extracted, **kwargs):
        if create:
            from django.contrib.auth.models import Group

            from catalog.roles import SALES

            obj.groups.add(Group.objects.get_or_create(name=SALES)[0])


class ClinicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "quotes.Clinic"

    name = factory.Sequence(lambda n: f"Clinic {n}")
    country = "ES"


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "quotes.Contact"

    clinic = factory.SubFactory(ClinicFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact{n}@clinic.example")
    country = "ES"


class LeadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "quotes.Lead"

    contact = factory.SubFactory(ContactFactory)
    clinic = factory.LazyAttribute(lambda o: o.contact.clinic)
    country = "ES"
    status = "new"
    response_due_at = factory.LazyFunction(lambda: _hours_from_now(4))


class ConsultationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "quotes.ConsultationRequest"

    name = "Ana García"
    clinic_name = "Clínica Sol"
    email = factory.Sequence(lambda n: f"buyer{n}@clinic.example")
    country = "ES"
    consent = True
    message = "Is training included?"


class TerritoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "quotes.Territory"

    name = factory.Sequence(lambda n: f"Territory {n}")
    owner = factory.SubFactory(SalesUserFactory)
    countries = ["ES", "PT"]
