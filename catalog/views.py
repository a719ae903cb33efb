"""Public catalog pages. Thin: parse the request, call selectors, render."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from catalog import markdown, money, selectors
from catalog import search as site_search
from catalog.forms import SORTS, DeviceFilterForm, FamilyFilterForm
from catalog.models import FITZPATRICK_TYPES, LegalPage
from catalog.money import format_money
from catalog.pagecache import shared_page
from config import vendor

ARTICLES_PER_PAGE = 12
SEARCH_DEVICES_PER_PAGE = 20
# The best matches a search pages through; past these, a narrower query serves the buyer better.
SEARCH_DEVICE_LIMIT = 200


@require_GET
@shared_page
def home(request):
    ctx = {
        "families": selectors.families_with_counts(),
        "featured": selectors.featured_devices(limit=6),
        "treatments": selectors.treatments_with_devices(),
    }
    return render(request, "catalog/home.html", ctx)


@require_GET
@shared_page
def family_list(request):
    families = selectors.families_with_counts()
    currency = settings.CATALOG_CURRENCIES[0]
    prices = money.prices_shown(user=request.user)
    sorts = SORTS if prices else {k: v for k, v in SORTS.items() if "price" not in k}
    form = DeviceFilterForm(
        request.GET or None,
        families=families,
        treatments=selectors.treatments_with_devices(),
        currency=currency,
        sorts=sorts,
        prices=prices,
    )
    if form.is_bound:
        form.is_valid()  # errors are shown beside their fields; valid filters still apply
    devices = selectors.all_devices_filtered(
        families=form.cleaned_or_empty("family", []),
        treatments=form.cleaned_or_empty("treatment", []),
        certs=form.cleaned_or_empty("cert", []),
        skin_types=form.cleaned_or_empty("skin_type", []),
        price_min=form.cleaned_or_empty("price_min"),
        price_max=form.cleaned_or_empty("price_max"),
        currency=currency,
        sort=form.cleaned_or_empty("sort", "name"),
    )
    cards = selectors.device_card_page(devices, number=request.GET.get("page"))
    ctx = {
        "families": families,
        "form": form,
        "devices": cards.cards,
        "device_count": cards.count,
        "page": cards.page,
        "page_range": cards.page_range,
        "sorts": sorts,
        "currency": currency,
        "compare_max": settings.CATALOG_COMPARE_MAX,
    }
    return render(request, "catalog/family_list.html", ctx)


@require_GET
@shared_page
def family_detail(request, slug):
    family = selectors.family_get(slug=slug)
    definitions = selectors.family_definitions(family=family)
    # Sorting by a price the visitor cannot see would still tell it.
    sorts = SORTS if money.prices_shown(user=request.user) else {k: v for k, v in SORTS.items() if "price" not in k}
    form = FamilyFilterForm(
        request.GET or None, definitions=definitions, treatments=selectors.family_treatments(family=family), sorts=sorts
    )
    if form.is_bound:
        form.is_valid()  # errors are shown beside their fields; valid filters still apply
    devices = selectors.family_devices(
        family=family,
        spec_filters=form.spec_filters(),
        treatments=form.cleaned_or_empty("treatment", []),
        certs=form.cleaned_or_empty("cert", []),
        sort=form.cleaned_or_empty("sort", "name"),
        query=form.cleaned_or_empty("q", ""),
    )
    cards = selectors.device_card_page(devices, number=request.GET.get("page"))
    ctx = {
        "family": family,
        "guides": selectors.family_articles(family=family),
        "form": form,
        "devices": cards.cards,
        "device_count": cards.count,
        "page": cards.page,
        "page_range": cards.page_range,
        "highlight_definitions": [d for d in definitions if d.highlight],
        "sorts": sorts,
        "compare_max": settings.CATALOG_COMPARE_MAX,
    }
    return render(request, "catalog/family_detail.html", ctx)


@require_GET
@shared_page
def device_detail(request, slug):
    include_drafts = request.user.has_perm("catalog.view_device")
    show_prices = money.prices_shown(user=request.user)
    key = selectors.device_page_key(slug=slug, include_drafts=include_drafts)

    def render_main() -> str:
        # The device's own content, cached by its sync position: anything it shows moving
        # (a spec, an option, a guide, the family's labels) moves the position.
        device = selectors.device_get_for_page(slug=slug, include_drafts=include_drafts)
        main = {
            "device": device,
            "tiers": [(t.min_quantity, format_money(t.unit_price, device.currency)) for t in device.price_tiers.all()],
            "spec_groups": selectors.device_spec_groups(device=device),
            "option_groups": selectors.device_options_by_kind(device=device),
            "guides": selectors.device_articles(device=device),
            "images": list(device.images.all()),
            "skin_scale": list(FITZPATRICK_TYPES.items()),
            "response_promise": vendor.first_response_label(),
            "show_prices": show_prices,
        }
        return loader.render_to_string("catalog/device_detail_main.html", main, request=None)

    main_key = key.cache_key("main-priced" if show_prices else "main")
    ctx = {
        "device": key.card,
        "main_html": mark_safe(selectors.cached_fragment(main_key, render_main)),  # noqa: S308 - our own template's output
        "related": selectors.related_devices(device_id=key.device_id),
        # The form offers the page's device, and a discontinued model's successor: not the related devices.
        "also": [key.card.successor] if key.card.successor else [],
    }
    return render(request, "catalog/device_detail.html", ctx)


@require_GET
@shared_page
def compare(request):
    slugs = []
    for raw in request.GET.getlist("d"):
        for slug in raw.split(","):
            slug = slug.strip()
            if slug and slug not in slugs:
                slugs.append(slug)
    limit = settings.CATALOG_COMPARE_MAX
    too_many = len(slugs) > limit
    slugs = slugs[:limit]
    remove = request.GET.get("remove")
    if remove:
        # Removing rebuilds a clean, shareable URL without the removed device.
        kept = [s for s in slugs if s != remove]
        return redirect(f"{reverse('catalog:compare')}?" + "&".join(f"d={s}" for s in kept))
    comparison = selectors.compare_devices(slugs=slugs, prices=money.prices_shown(user=request.user))
    ctx = {
        "comparison": comparison,
        "too_many": too_many,
        "compare_max": limit,
        "candidates": selectors.compare_candidates(exclude=slugs) if len(comparison.devices) < limit else [],
        "slugs": [d.slug for d in comparison.devices],
    }
    return render(request, "catalog/compare.html", ctx)


@require_GET
@shared_page
def treatment_detail(request, slug):
    treatment = selectors.treatment_get(slug=slug)
    cards = selectors.device_card_page(selectors.treatment_devices(treatment=treatment), number=request.GET.get("page"))
    ctx = {
        "treatment": treatment,
        "devices": cards.cards,
        "device_count": cards.count,
        "page": cards.page,
        "page_range": cards.page_range,
        "articles": selectors.treatment_articles(treatment=treatment),
    }
    return render(request, "catalog/treatment_detail.html", ctx)


@require_GET
@shared_page
def search(request):
    query = request.GET.get("q", "")
    results = site_search.site_search(query=query, device_limit=SEARCH_DEVICE_LIMIT)
    device_page = Paginator(results.devices, SEARCH_DEVICES_PER_PAGE).get_page(request.GET.get("page"))
    # A device hit shows its card's picture, key specs and price: the page's cards in one query.
    cards = {card.id: card for card in selectors.device_cards(device_ids=[hit.obj.pk for hit in device_page])}
    ctx = {
        "results": results,
        "device_hits": [(hit, cards.get(hit.obj.pk)) for hit in device_page],
        "query": query[: site_search.MAX_QUERY_LENGTH],
        "device_page": device_page,
        "page": device_page,
        "page_range": list(device_page.paginator.get_elided_page_range(device_page.number, on_each_side=2, on_ends=1)),
        # Guides and treatments are few: they show with the first page of devices.
        "first_page": device_page.number == 1,
    }
    return render(request, "catalog/search.html", ctx)


@require_GET
@shared_page
def article_list(request):
    treatment = request.GET.get("treatment", "")
    family = request.GET.get("family", "")
    query = request.GET.get("q", "")[: site_search.MAX_QUERY_LENGTH]
    articles = selectors.articles_for_index(treatment=treatment, family=family, query=query)
    treatments, families = selectors.article_filter_choices()
    page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("page"))
    ctx = {
        "page": page,
        "treatments": treatments,
        "families": families,
        "selected_treatment": treatment,
        "selected_family": family,
        "query": query,
        "filtered": bool(treatment or family or query),
    }
    return render(request, "catalog/article_list.html", ctx)


@require_GET
@shared_page
def article_detail(request, slug):
    article = selectors.article_get_for_page(slug=slug, include_drafts=request.user.has_perm("catalog.view_article"))
    rendered = selectors.article_rendered(article=article)
    ctx = {
        "article": article,
        "devices": selectors.device_cards(device_ids=[d.pk for d in article.published_devices]),
        "body_html": mark_safe(markdown.tables_scrollable(rendered.html)),  # noqa: S308 - sanitised by catalog.markdown
        "toc": rendered.toc,
        "related_articles": selectors.article_related(article=article),
    }
    return render(request, "catalog/article_detail.html", ctx)


@require_GET
def legal_page(request, kind):
    # Not in the page cache: an editor's change must show at once, and the page is one query.
    page = selectors.legal_page_get(kind=kind)
    ctx = {
        "page": page,
        "body_html": markdown.render(page.body).html,
        "vendor": vendor.contact(),
        "legal_pages": LegalPage.Kind.choices,
    }
    return render(request, "catalog/legal_page.html", ctx)


def page_not_found(request, exception):
    return render(request, "errors/404.html", {}, status=404)


def server_error(request):
    # No context processors that could fail again: a static, self-contained page.
    return HttpResponse(loader.get_template("errors/500.html").render({"SITE_NAME": settings.SITE_NAME}), status=500)
