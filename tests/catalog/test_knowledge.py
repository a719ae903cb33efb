import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from catalog import services
from catalog.models import Article, ArticleFaq, ArticleReference
from tests.factories import (
    ArticleFactory,
    DeviceFactory,
    DeviceImageFactory,
    FamilyFactory,
    TreatmentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

BODY = """## Before the session

Avoid the sun for four weeks.

### Antiviral cover

Start it two days before.

| Stage | Timing |
|---|---|
| Anaesthetic | 60 min |
| Laser | 30-60 min |

<script>alert(1)</script>
"""


@pytest.fixture
def guide():
    family = FamilyFactory(name="Fractional CO2 laser", slug="co2")
    treatment = TreatmentFactory(name="Skin resurfacing", slug="skin-resurfacing")
    device = DeviceFactory(family=family, name="Fractional CO2 Laser FX-60", treatments=[treatment])
    DeviceImageFactory(device=device)
    hidden = DeviceFactory(family=family, name="Unreleased prototype", status="draft")
    article = ArticleFactory(
        title="CO2 resurfacing step by step",
        slug="co2-steps",
        body=BODY,
        takeaway="Prepare well, heal well.",
        devices=[device, hidden],
        treatments=[treatment],
        families=[family],
    )
    other = ArticleFactory(title="Aftercare after CO2", slug="aftercare", treatments=[treatment])
    ArticleFaq.objects.create(article=article, question="How long is the redness?", answer="About a week.", order=1)
    ArticleFaq.objects.create(article=article, question="What about aftercare?", link_article=other, order=2)
    ArticleReference.objects.create(
        article=article,
        citation="Manstein D et al. Fractional photothermolysis. Lasers Surg Med. 2004.",
        doi="10.1002/lsm.20048",
    )
    return article


def test_the_article_page_has_toc_takeaway_table_faq_references_and_devices(client, guide):
    response = client.get(guide.get_absolute_url())

    body = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#before-the-session">Before the session</a>' in body
    assert "Key takeaway" in body and "Prepare well, heal well." in body
    assert "<table>" in body and "<td>Anaesthetic</td>" in body
    assert "<script>alert(1)</script>" not in body
    assert "How long is the redness?" in body and "About a week." in body
    assert 'href="/knowledge/aftercare/"' in body
    assert 'href="https://doi.org/10.1002/lsm.20048"' in body
    assert "Fractional CO2 Laser FX-60" in body
    assert "Unreleased prototype" not in body
    assert "Aftercare after CO2" in body  # related guide
    assert 'action="/consultation/"' in body  # every guide ends with an invitation to talk


def test_draft_articles_are_invisible_to_the_public(client, guide):
    draft = ArticleFactory(status=Article.Status.DRAFT, title="Unfinished guide", slug="unfinished")
    future = ArticleFactory(title="Embargoed guide", slug="embargoed")
    Article.objects.filter(pk=future.pk).update(published_at="2099-01-01T00:00:00Z")

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(future.get_absolute_url()).status_code == 404
    index = client.get(reverse("catalog:article-list")).content.decode()
    assert "Unfinished guide" not in index and "Embargoed guide" not in index


def test_staff_can_preview_a_draft(client, guide):
    draft = ArticleFactory(status=Article.Status.DRAFT, slug="unfinished", published_at=None)
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Catalog editors"))
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "Draft preview" in response.content.decode()


def test_the_index_filters_by_treatment_and_family_newest_first(client, guide):
    ArticleFactory(title="Unrelated guide", slug="unrelated")
    Article.objects.filter(slug="aftercare").update(published_at="2026-01-10T09:00:00Z")
    Article.objects.filter(slug="co2-steps").update(published_at="2026-03-10T09:00:00Z")
    response = client.get(reverse("catalog:article-list"), {"treatment": "skin-resurfacing"})
    assert [a.slug for a in response.context["page"].object_list] == ["co2-steps", "aftercare"]
    response = client.get(reverse("catalog:article-list"), {"family": "co2"})
    assert [a.slug for a in response.context["page"].object_list] == ["co2-steps"]


@pytest.mark.parametrize("extra", [0, 10])
def test_knowledge_pages_have_a_constant_query_count(client, guide, extra, django_assert_max_num_queries):
    for _ in range(extra):
        ArticleFactory(treatments=list(guide.treatments.all()), devices=list(guide.devices.all()))
    with django_assert_max_num_queries(6):
        assert client.get(reverse("catalog:article-list")).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(guide.get_absolute_url()).status_code == 200


def test_device_family_and_treatment_pages_link_their_guides(client, guide):
    device = guide.devices.get(name="Fractional CO2 Laser FX-60")
    assert "CO2 resurfacing step by step" in client.get(device.get_absolute_url()).content.decode()
    assert "CO2 resurfacing step by step" in client.get("/families/co2/").content.decode()
    treatment_page = client.get(reverse("catalog:treatment-detail", args=["skin-resurfacing"])).content.decode()
    assert "CO2 resurfacing step by step" in treatment_page and "Fractional CO2 Laser FX-60" in treatment_page


def test_rendering_is_cached_and_a_save_shows_the_new_body(client, guide):
    from catalog import selectors

    first = selectors.article_rendered(article=guide)
    guide.body = "## Completely new"
    guide.save()
    guide.refresh_from_db()
    assert selectors.article_rendered(article=guide).html != first.html
    assert "Completely new" in client.get(guide.get_absolute_url()).content.decode()


def test_publishing_sets_the_date_and_reading_time():
    article = ArticleFactory.build(status=Article.Status.PUBLISHED, published_at=None, body="word " * 1000)
    services.article_prepare(article=article)
    assert article.published_at is not None
    assert article.reading_minutes == 5


def test_a_faq_entry_needs_an_answer_or_a_link(guide):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="short answer"):
        ArticleFaq(article=guide, question="Why?").full_clean()


def test_a_malformed_doi_is_refused(guide):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="A DOI looks like"):
        ArticleReference(article=guide, citation="x", doi="doi:abc").full_clean()


def test_the_admin_shows_a_sanitised_preview(client, guide):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Catalog editors"))
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    body = client.get(reverse("admin:catalog_article_change", args=[guide.pk])).content.decode()
    assert '<h2 id="before-the-session">Before the session</h2>' in body
    assert "<script>alert(1)</script>" not in body


def test_sales_staff_cannot_edit_articles(client, guide):
    seller = UserFactory(is_staff=True)
    seller.groups.add(Group.objects.get(name="Sales"))
    client.force_login(seller, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get(reverse("admin:catalog_article_add")).status_code == 403
