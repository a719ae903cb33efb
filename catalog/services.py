"""Catalog use cases that write: setting typed spec values, touching devices."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from catalog import search, specs
from catalog.models import Article, Device, SpecDefinition, SpecValue


@transaction.atomic
def device_set_spec_values(*, device: Device, values: dict[str, Any]) -> list[SpecValue]:
    """Set the device's spec values by definition key; all are validated before any is saved.

    Values may be editor text ("60 W", "1-10", "755, 1064") or Python data (60, (1, 10),
    ["755", "1064"], True). An unknown key or a value that does not fit its definition
    raises ValidationError naming every problem, and nothing is written.
    """
    definitions = {d.key: d for d in SpecDefinition.objects.filter(family_id=device.family_id)}
    errors: dict[str, list[str]] = {}
    typed_by_key: dict[str, specs.TypedValue] = {}
    for key, value in values.items():
        definition = definitions.get(key)
        if definition is None:
            errors[key] = [f"“{key}” is not a spec of the {device.family} family."]
            continue
        try:
            typed = specs.from_data(definition, value)
        except specs.SpecValueError as exc:
            errors[key] = [str(exc)]
            continue
        problems = specs.validate_typed(definition, typed)
        if problems:
            errors[key] = problems
        else:
            typed_by_key[key] = typed
    if errors:
        raise ValidationError(errors)

    existing = {sv.definition_id: sv for sv in SpecValue.objects.filter(device=device)}
    saved = []
    for key, typed in typed_by_key.items():
        definition = definitions[key]
        spec_value = existing.get(definition.pk) or SpecValue(device=device, definition=definition)
        spec_value.set_typed(typed)
        spec_value.save()
        saved.append(spec_value)
    if saved:
        device_changed(device_id=device.pk)
    return saved


def device_changed(*, device_id: int) -> None:
    """After an edit to the device or anything it contains: move updated_at, refresh search."""
    device_touch(device_id=device_id)
    search.search_refresh_devices(device_ids=[device_id])


def article_changed(*, article_id: int) -> None:
    """After an edit to an article: refresh its search document."""
    search.search_refresh_articles(article_ids=[article_id])


def device_touch(*, device_id: int) -> None:
    """Move the device's `updated_at` forward after a change to something it contains."""
    Device.objects.filter(pk=device_id).update(updated_at=timezone.now())


def devices_set_status(*, device_ids: list[int], status: str) -> int:
    """Move devices to `status` (draft, published, discontinued); returns how many changed."""
    if status not in Device.Status.values:
        raise ValidationError({"status": f"“{status}” is not a device status."})
    return (
        Device.objects.filter(pk__in=device_ids).exclude(status=status).update(status=status, updated_at=timezone.now())
    )


WORDS_PER_MINUTE = 200


def article_prepare(*, article: Article) -> Article:
    """Fill what an editor does not type: reading time, and the first publication date."""
    words = len((article.body or "").split()) + len((article.takeaway or "").split())
    article.reading_minutes = max(1, round(words / WORDS_PER_MINUTE))
    if article.status == Article.Status.PUBLISHED and article.published_at is None:
        article.published_at = timezone.now()
    return article


def articles_set_status(*, article_ids: list[int], status: str) -> int:
    """Publish or unpublish articles; a first publication gets today's date. Returns how many changed."""
    if status not in Article.Status.values:
        raise ValidationError({"status": f"“{status}” is not an article status."})
    now = timezone.now()
    articles = Article.objects.filter(pk__in=article_ids).exclude(status=status)
    changed = list(articles.values_list("pk", flat=True))
    articles.update(status=status, updated_at=now)
    if status == Article.Status.PUBLISHED:
        Article.objects.filter(pk__in=changed, published_at__isnull=True).update(published_at=now)
    return len(changed)
