"""Public catalog pages. Thin: parse the request, call selectors, render."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.views.decorators.http import require_GET

from catalog import search as site_search
from catalog import selectors
from catalog.forms import SORTS, FamilyFilterForm
from catalog.models import FITZPATRICK_TYPES
from catalog.money import format_money

ARTICLES_PER_PAGE = 12


@require_GET
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def home(request):
    ctx = {
        "families": selectors.families_with_counts(),
        "featured": selectors.featured_devices(limit=6),
        "treatments": selectors.treatments_with_devices(),
    }
    return render(request, "catalog/home.html", ctx)


@require_GET
def family_list(request):
    devices = selectors.all_published_devices()
    groups: dict = {}
    for device in devices:
        groups.setdefault(device.family, []).append(device)
    ctx = {"groups": list(groups.items()), "device_count": len(devices)}
    return render(request, "catalog/family_list.html", ctx)


@require_GET
def family_detail(request, slug):
    family = selectors.family_get(slug=slug)
    definitions = selectors.family_definitions(family=family)
    form = FamilyFilterForm(
        request.GET or None, definitions=definitions, treatments=selectors.family_treatments(family=family)
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
    ctx = {
        "family": family,
        "guides": selectors.family_articles(family=family),
        "form": form,
        "devices": devices,
        "highlight_definitions": [d for d in definitions if d.highlight],
        "sorts": SORTS,
        "compare_max": settings.CATALOG_COMPARE_MAX,
    }
    return render(request, "catalog/family_detail.html", ctx)


@require_GET
def device_detail(request, slug):
    device = selectors.device_get_for_page(slug=slug, include_drafts=request.user.has_perm("catalog.view_device"))
    tiers = list(device.price_tiers.all())
    ctx = {
        "device": device,
        "tiers": [(t.min_quantity, format_money(t.unit_price, device.currency)) for t in tiers],
        "spec_groups": selectors.device_spec_groups(device=device),
        "option_groups": selectors.device_options_by_kind(device=device),
        "related": selectors.related_devices(device=device),
        "guides": selectors.device_articles(device=device),
        "images": list(device.images.all()),
        "skin_scale": list(FITZPATRICK_TYPES.items()),
    }
    return render(request, "catalog/device_detail.html", ctx)


@require_GET
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
    comparison = selectors.compare_devices(slugs=slugs)
    ctx = {
        "comparison": comparison,
        "too_many": too_many,
        "compare_max": limit,
        "candidates": selectors.compare_candidates(exclude=slugs) if len(comparison.devices) < limit else [],
        "slugs": [d.slug for d in comparison.devices],
    }
    return render(request, "catalog/compare.html", ctx)


@require_GET
def treatment_detail(request, slug):
    treatment = selectors.treatment_get(slug=slug)
    ctx = {
        "treatment": treatment,
        "devices": selectors.treatment_devices(treatment=treatment),
        "articles": selectors.treatment_articles(treatment=treatment),
    }
    return render(request, "catalog/treatment_detail.html", ctx)


@require_GET
def search(request):
    query = request.GET.get("q", "")
    ctx = {"results": site_search.site_search(query=query), "query": query[: site_search.MAX_QUERY_LENGTH]}
    return render(request, "catalog/search.html", ctx)


@require_GET
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
def article_detail(request, slug):
    article = selectors.article_get_for_page(slug=slug, include_drafts=request.user.has_perm("catalog.view_article"))
    rendered = selectors.article_rendered(article=article)
    ctx = {
        "article": article,
        "body_html": rendered.html,
        "toc": rendered.toc,
        "related_articles": selectors.article_related(article=article),
    }
    return render(request, "catalog/article_detail.html", ctx)


def page_not_found(request, exception):
    return render(request, "errors/404.html", {}, status=404)


def server_error(request):
    # No context processors that could fail again: a static, self-contained page.
    return HttpResponse(loader.get_template("errors/500.html").render({"SITE_NAME": settings.SITE_NAME}), status=500)
