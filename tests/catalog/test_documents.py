"""Stored documents: equal to a fresh build after every kind of change, equal to what the schema describes."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import orjson
import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from catalog import documents, services
from catalog.api.access import ANONYMOUS_SCOPES, STAFF_SCOPES, Access
from catalog.api.serializers import ArticleSerializer, DeviceSerializer, FamilySerializer, TreatmentSerializer
from catalog.models import (
    Article,
    ArticleDocument,
    ArticleFaq,
    ArticleReference,
    Certification,
    Device,
    DeviceDocument,
    DeviceOption,
    FamilyDocument,
    PriceTier,
    SpecDefinition,
    Treatment,
    TreatmentDocument,
)
from catalog.tasks import documents_refresh_expired_task
from tests.catalog.test_admin import device_form
from tests.factories import (
    ArticleFactory,
    CertificationFactory,
    DeviceFactory,
    DeviceImageFactory,
    DeviceOptionFactory,
    PriceTierFactory,
    TreatmentFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_device(laser_family):
    """A device with a row of everything its document shows, and a guide with FAQ and references."""
    treatment = TreatmentFactory(name="Acne scars", slug="acne-scars")
    device = DeviceFactory(
        family=laser_family,
        slug="co2-60",
        treatments=[treatment],
        specs={
            "power": "60 W",
            "pulse-energy": "1-150",
            "wavelength": ["10600"],
            "scan-mode": "Random",
            "cooling": True,
        },
    )
    DeviceOptionFactory(device=device, price_delta=Decimal("1500.00"))
    PriceTierFactory(device=device)
    CertificationFactory(device=device, authority=Certification.Authority.FDA_510K)
    DeviceImageFactory(device=device)
    other = ArticleFactory(slug="aftercare")
    guide = ArticleFactory(devices=[device], treatments=[treatment], families=[laser_family], slug="resurfacing")
    ArticleFaq.objects.create(article=guide, question="Then?", answer="Rest.", link_article=other)
    ArticleReference.objects.create(article=guide, citation="A study. 2020.", doi="10.1111/jocd.13798")
    services.article_changed(article_id=guide.pk)
    return device


def assert_documents_equal_a_fresh_build():
    assert [str(d) for d in services.documents_check().differences] == []


def test_every_row_has_its_document_in_every_language(full_device):
    for model, spec in [(s.model, s) for s in documents.KINDS.values()]:
        for row in model.objects.all():
            assert (
                spec.document.objects.filter(**{spec.owner_field: row}, language__in=documents.languages()).count() == 1
            )
    assert_documents_equal_a_fresh_build()


def rename_option(device):
    option = device.options.get()
    DeviceOption.objects.filter(pk=option.pk).update(name="Renamed handpiece", price_delta=Decimal("99.00"))
    services.device_changed(device_id=device.pk)


def link_treatment(device):
    device.treatments.add(TreatmentFactory(name="Tattoo removal"))
    services.device_changed(device_id=device.pk)


def rename_treatment(device):
    treatment = device.treatments.get(slug="acne-scars")
    Treatment.objects.filter(pk=treatment.pk).update(name="Atrophic acne scars")
    services.treatment_changed(treatment_id=treatment.pk)


def relabel_spec(device):
    definition = SpecDefinition.objects.get(family=device.family, key="power")
    SpecDefinition.objects.filter(pk=definition.pk).update(label="Output power")
    services.family_changed(family_id=device.family_id)


def retitle_linked_guide(device):
    Article.objects.filter(slug="aftercare").update(title="Aftercare, day by day")
    services.article_changed(article_id=Article.objects.get(slug="aftercare").pk)


def unpublish_guide(device):
    services.articles_set_status(article_ids=[device.articles.get().pk], status="draft")


def delete_guide(device):
    services.article_delete(article=device.articles.get())


def delete_treatment(device):
    services.treatment_delete(treatment=device.treatments.get())


def change_tier(device):
    PriceTier.objects.filter(device=device).update(unit_price=Decimal("8000.00"))
    services.device_changed(device_id=device.pk)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: services.device_set_spec_values(device=d, values={"power": "45 W"}),
        rename_option,
        change_tier,
        lambda d: CertificationFactory(device=d, authority=Certification.Authority.UKCA),
        lambda d: DeviceImageFactory(device=d, alt_text="Another view"),
        link_treatment,
        rename_treatment,
        relabel_spec,
        retitle_linked_guide,
        unpublish_guide,
        delete_guide,
        delete_treatment,
        lambda d: services.devices_set_status(device_ids=[d.pk], status="discontinued"),
        lambda d: services.device_delete(device=d),
    ],
    ids=[
        "spec value",
        "option",
        "price tier",
        "certification",
        "image",
        "treatment linked",
        "treatment renamed",
        "spec label",
        "guide linked by an FAQ retitled",
        "guide unpublished",
        "guide deleted",
        "treatment deleted",
        "status",
        "device deleted",
    ],
)
def test_after_every_kind_of_change_the_stored_documents_equal_a_fresh_build(full_device, change):
    change(full_device)

    assert_documents_equal_a_fresh_build()


def test_an_admin_edit_that_deletes_an_option_rebuilds_the_document(admin_client, full_device):
    power = full_device.spec_values.get(definition__key="power")
    option = full_device.options.get()
    data = device_form(full_device, [(power.definition_id, "50 W", power.pk)]) | {
        "options-TOTAL_FORMS": "1",
        "options-INITIAL_FORMS": "1",
        "options-0-id": str(option.pk),
        "options-0-device": str(full_device.pk),
        "options-0-kind": option.kind,
        "options-0-name": option.name,
        "options-0-slug": option.slug,
        "options-0-price_delta": "1500.00",
        "options-0-order": "100",
        "options-0-DELETE": "on",
    }

    response = admin_client.post(f"/admin/catalog/device/{full_device.pk}/change/", data)

    assert response.status_code == 302
    stored = orjson.loads(DeviceDocument.objects.get(device=full_device).public)
    assert stored["options"] == []
    assert stored["specs"]["power"]["value"] == "50"
    assert_documents_equal_a_fresh_build()


def test_the_schema_serializers_give_exactly_the_stored_documents(full_device):
    """drf-spectacular describes the API with these serializers: they must agree with the builder."""
    device = documents.devices_loaded(Device.objects.filter(pk=full_device.pk)).get()
    device.listed_articles = device.published_articles
    stored = DeviceDocument.objects.get(device=device)
    for scopes, variant in [(ANONYMOUS_SCOPES, stored.public), (STAFF_SCOPES, stored.priced)]:
        serialized = DeviceSerializer(device, context={"access": Access(scopes=scopes)}).data
        assert orjson.loads(orjson.dumps(serialized)) == orjson.loads(variant)

    family = documents.families_loaded(type(device.family).objects.filter(pk=device.family_id)).get()
    assert FamilySerializer(family).data == orjson.loads(FamilyDocument.objects.get(family=family).public)
    for treatment in Treatment.objects.all():
        assert TreatmentSerializer(treatment).data == orjson.loads(
            TreatmentDocument.objects.get(treatment=treatment).public
        )
    for article in documents.articles_loaded(Article.objects.all()):
        article.sync_at = documents.article_position(article)
        assert ArticleSerializer(article, context={}).data == orjson.loads(
            ArticleDocument.objects.get(article=article).public
        )


def test_check_documents_lists_a_stale_document_and_rebuild_documents_moves_its_row(full_device):
    call_command("check_documents", stdout=StringIO())
    DeviceOption.objects.filter(device=full_device).update(name="Changed behind the services' back")
    before = Device.objects.get(pk=full_device.pk).updated_at

    out = StringIO()
    with pytest.raises(CommandError, match="1 of"):
        call_command("check_documents", stdout=out)
    assert f"device {full_device.pk} (en): public, priced" in out.getvalue()

    call_command("rebuild_documents", stdout=StringIO())

    assert Device.objects.get(pk=full_device.pk).updated_at > before
    assert orjson.loads(DeviceDocument.objects.get(device=full_device).public)["options"][0]["name"] == (
        "Changed behind the services' back"
    )
    call_command("check_documents", stdout=StringIO())


def test_rebuilding_an_unchanged_catalog_moves_nothing(full_device):
    positions = dict(DeviceDocument.objects.values_list("device_id", "position"))

    report = services.documents_rebuild()

    assert report.differences == []
    assert dict(DeviceDocument.objects.values_list("device_id", "position")) == positions


def test_missing_documents_are_built_at_their_rows_position(full_device):
    DeviceDocument.objects.all().delete()

    assert services.documents_store_missing() == 1

    assert DeviceDocument.objects.get(device=full_device).position == Device.objects.get(pk=full_device.pk).updated_at
    assert_documents_equal_a_fresh_build()


def test_a_scheduled_guide_stays_out_of_documents_until_the_periodic_rebuild_after_it_goes_live(full_device):
    goes_live = timezone.now() + timedelta(hours=1)
    scheduled = ArticleFactory(devices=[full_device], published_at=goes_live, title="Coming soon")
    linking = ArticleFactory()
    ArticleFaq.objects.create(article=linking, question="Next?", link_article=scheduled)
    services.article_changed(article_id=linking.pk)

    stored = DeviceDocument.objects.get(device=full_device)
    assert "Coming soon" not in stored.public.decode() and "Coming soon" not in stored.priced.decode()
    assert stored.expires_at == goes_live
    assert orjson.loads(ArticleDocument.objects.get(article=linking).public)["faqs"][0]["link"] is None
    assert services.documents_refresh_expired(now=goes_live - timedelta(seconds=1)) == 0

    moved = services.documents_refresh_expired(now=goes_live)

    assert moved == 2
    stored = DeviceDocument.objects.get(device=full_device)
    assert orjson.loads(stored.public)["articles"][0]["title"] == "Coming soon"
    assert stored.expires_at is None
    assert (
        orjson.loads(ArticleDocument.objects.get(article=linking).public)["faqs"][0]["link"]["slug"] == scheduled.slug
    )


def test_the_periodic_task_refreshes_expired_documents(full_device):
    assert documents_refresh_expired_task() == 0
