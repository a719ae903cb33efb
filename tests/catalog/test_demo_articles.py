"""The demo knowledge base: its data, and the loader that puts it in the database."""

import copy
import re
from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from catalog import markdown
from catalog.demo import articles as demo_articles
from catalog.demo import loader as demo
from catalog.models import Article, ArticleFaq, ArticleReference

DOI = re.compile(r"^10\.\d{4,9}/\S+$")
KNOWLEDGE_LINK = re.compile(r"\]\(/knowledge/([a-z0-9-]+)/\)")


@pytest.fixture
def loaded(db):
    """The demo catalog and knowledge base, loaded once for the test."""
    demo.demo_catalog_load()
    return demo.demo_articles_load()


@pytest.fixture
def articles_data(monkeypatch):
    """A private copy of the article data that a test may change without touching the module."""
    articles = copy.deepcopy(demo_articles.ARTICLES)
    monkeypatch.setattr(demo_articles, "ARTICLES", articles)
    return articles


def _published():
    return Article.objects.published().prefetch_related("faqs", "references", "devices")


def _row_counts():
    return {
        "articles": Article.objects.count(),
        "faqs": ArticleFaq.objects.count(),
        "references": ArticleReference.objects.count(),
        "devices": Article.devices.through.objects.count(),
        "families": Article.families.through.objects.count(),
        "treatments": Article.treatments.through.objects.count(),
    }


def test_there_are_at_least_12_published_articles_and_the_counts_match_the_rows(loaded):
    assert _published().count() >= 12
    assert loaded["articles"] == Article.objects.count() == len(demo_articles.ARTICLES)
    assert loaded["faqs"] == ArticleFaq.objects.count()
    assert loaded["references"] == ArticleReference.objects.count()


def test_loading_twice_keeps_the_counts_and_does_not_move_updated_at(loaded):
    counts = _row_counts()
    stamps = dict(Article.objects.values_list("slug", "updated_at"))

    second = demo.demo_articles_load()

    assert second["changed"] == 0
    assert {k: v for k, v in second.items() if k != "changed"} == {k: v for k, v in loaded.items() if k != "changed"}
    assert _row_counts() == counts
    assert dict(Article.objects.values_list("slug", "updated_at")) == stamps


def test_every_published_article_has_a_takeaway_headings_and_a_summary_table_but_no_h1(loaded):
    for article in _published():
        lines = article.body.splitlines()
        assert article.takeaway.strip(), article.slug
        assert any(line.startswith("## ") for line in lines), article.slug
        assert not any(line.startswith("# ") for line in lines), article.slug
        assert any(line.startswith("|") for line in lines), article.slug
        assert any(line.startswith("|---") for line in lines), article.slug


def test_every_published_article_is_600_to_1200_words_of_markdown_without_raw_html(loaded):
    for article in _published():
        assert 600 <= len(article.body.split()) <= 1200, article.slug
        assert not re.search(r"</?[a-zA-Z][^>]*>", article.body), article.slug
        html = markdown.render(article.body).html
        assert "<table>" in html, article.slug
        assert "<h2" in html, article.slug


def test_every_published_article_has_faqs_a_reference_and_linked_devices(loaded):
    for article in _published():
        assert len(article.faqs.all()) >= 3, article.slug
        references = list(article.references.all())
        assert references, article.slug
        assert all(reference.doi or reference.url for reference in references), article.slug
        assert 2 <= len(article.devices.all()) <= 5, article.slug
        assert article.families.exists(), article.slug
        assert article.treatments.exists(), article.slug


def test_every_faq_entry_answers_or_links_another_article(loaded):
    for faq in ArticleFaq.objects.select_related("article", "link_article"):
        assert faq.answer or faq.link_article_id, faq.question
        assert faq.link_article_id != faq.article_id, faq.question
    assert ArticleFaq.objects.filter(link_article__isnull=False).count() >= len(demo_articles.ARTICLES)


def test_every_faq_link_and_every_knowledge_link_in_a_body_points_to_an_existing_article(loaded):
    slugs = set(Article.objects.values_list("slug", flat=True))
    for data in demo_articles.ARTICLES:
        for faq in data["faqs"]:
            if faq.get("link"):
                assert faq["link"] in slugs, (data["slug"], faq["link"])
    for article in Article.objects.all():
        links = KNOWLEDGE_LINK.findall(article.body)
        assert set(links) <= slugs, article.slug
        assert "/knowledge/" not in KNOWLEDGE_LINK.sub("", article.body), article.slug


def test_published_articles_link_only_to_published_articles(loaded):
    public = set(_published().values_list("slug", flat=True))
    for article in _published():
        assert set(KNOWLEDGE_LINK.findall(article.body)) <= public, article.slug
        for faq in article.faqs.all():
            assert faq.link_article is None or faq.link_article.slug in public, (article.slug, faq.question)


def test_every_doi_looks_like_a_doi(loaded):
    dois = list(ArticleReference.objects.exclude(doi="").values_list("doi", flat=True))
    assert dois
    for doi in dois:
        assert DOI.match(doi), doi


def test_the_draft_is_not_published(loaded):
    drafts = Article.objects.filter(status=Article.Status.DRAFT)

    assert drafts.count() == 1
    draft = drafts.get()
    assert draft.published_at is None
    assert not draft.is_public
    assert not Article.objects.published().filter(pk=draft.pk).exists()


def test_published_at_is_the_data_date_at_nine_utc_and_reading_time_follows_the_words(loaded):
    for data in demo_articles.ARTICLES:
        article = Article.objects.get(slug=data["slug"])
        words = len(article.body.split()) + len(article.takeaway.split())
        assert article.reading_minutes == max(1, round(words / 200)), article.slug
        if article.status == Article.Status.PUBLISHED:
            day = datetime.fromisoformat(data["published"]).date()
            assert article.published_at == datetime(day.year, day.month, day.day, 9, tzinfo=UTC), article.slug
            assert datetime(2026, 1, 1, tzinfo=UTC) <= article.published_at < datetime(2026, 11, 20, tzinfo=UTC)


def test_publication_dates_are_varied(loaded):
    dates = list(_published().values_list("published_at", flat=True))

    assert len(set(dates)) == len(dates)


def test_a_faq_entry_removed_from_the_data_is_removed_on_reload_and_moves_updated_at(loaded, articles_data):
    article = Article.objects.get(slug="hifu-cartridges-and-depths")
    before = article.updated_at
    data = next(a for a in articles_data if a["slug"] == article.slug)
    question = data["faqs"][-1]["question"]
    assert article.faqs.filter(question=question).exists()

    data["faqs"].pop()
    counts = demo.demo_articles_load()

    article.refresh_from_db()
    assert not article.faqs.filter(question=question).exists()
    assert article.updated_at > before
    assert counts["changed"] == 1


def test_a_changed_title_and_device_list_update_the_existing_article(loaded, articles_data):
    pk = Article.objects.get(slug="picosecond-vs-q-switched-nd-yag").pk
    data = next(a for a in articles_data if a["slug"] == "picosecond-vs-q-switched-nd-yag")

    data["title"] = "Picosecond or nanosecond?"
    data["devices"] = ["HAS-PICO-3P", "q-switched-nd-yag-laser-qy-1"]  # an SKU and a slug
    demo.demo_articles_load()

    article = Article.objects.get(slug="picosecond-vs-q-switched-nd-yag")
    assert article.pk == pk
    assert article.title == "Picosecond or nanosecond?"
    assert sorted(article.devices.values_list("sku", flat=True)) == ["HAS-PICO-3P", "HAS-QY-1"]


def test_an_unknown_device_or_faq_link_loads_no_article(db, articles_data):
    demo.demo_catalog_load()
    articles_data[-1]["devices"] = ["HAS-NOPE-1"]

    with pytest.raises(ValidationError, match="HAS-NOPE-1"):
        demo.demo_articles_load()
    assert Article.objects.count() == 0

    articles_data[-1]["devices"] = ["HAS-EMS-2"]
    articles_data[0]["faqs"][0]["link"] = "no-such-article"
    with pytest.raises(ValidationError, match="no-such-article"):
        demo.demo_articles_load()
    assert Article.objects.count() == 0


def test_the_command_loads_the_articles_and_counts_them_in_its_summary(db, capsys):
    call_command("load_demo_catalog")
    call_command("load_demo_catalog")

    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 2
    assert f"{Article.objects.count()} articles" in out[-1]
    assert f"{ArticleFaq.objects.count()} FAQ entries" in out[-1]
    assert "0 rows created or changed" in out[-1]


@pytest.mark.django_db
def test_the_loaded_demo_is_searchable_by_what_buyers_type():
    from django.core.management import call_command

    from catalog import search

    call_command("load_demo_catalog", verbosity=0)

    assert any("CO2" in hit.title and "60" in hit.title for hit in search.site_search(query="60W").devices)
    assert {hit.obj.family.slug for hit in search.site_search(query="10600").devices} == {"fractional-co2-laser"}
    assert any("Pico" in hit.title for hit in search.site_search(query="pico").devices)
    assert search.site_search(query="pico").articles
    assert any(hit.title == "Tattoo removal" for hit in search.site_search(query="tatoo").treatments)
