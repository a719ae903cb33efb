"""Catalog use cases that write: setting typed spec values, touching devices, sync bookkeeping, API keys."""

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from catalog import search, specs
from catalog.models import (
    Article,
    ArticleFaq,
    Device,
    Family,
    PartnerKey,
    SpecDefinition,
    SpecValue,
    Tombstone,
    Treatment,
)


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


def article_changed(*, article_id: int, device_ids_before: Iterable[int] = ()) -> None:
    """After an edit to an article: refresh its search document and move what shows it.

    Devices list their linked articles, and FAQ entries of other articles link it: their
    payloads change with its title, slug or status, so their `updated_at` moves too.
    `device_ids_before` are the devices it was linked to before the edit.
    """
    search.search_refresh_articles(article_ids=[article_id])
    linked = set(Device.articles.through.objects.filter(article_id=article_id).values_list("device_id", flat=True))
    devices_touch(device_ids=linked | set(device_ids_before))
    articles_touch(article_ids=_articles_linking(article_ids=[article_id]))


def device_touch(*, device_id: int) -> None:
    """Move the device's `updated_at` forward after a change to something it contains."""
    Device.objects.filter(pk=device_id).update(updated_at=timezone.now())


def devices_touch(*, device_ids: Iterable[int]) -> int:
    """Move these devices' `updated_at` forward (their payload changed elsewhere); returns how many."""
    ids = list(device_ids)
    return Device.objects.filter(pk__in=ids).update(updated_at=timezone.now()) if ids else 0


def articles_touch(*, article_ids: Iterable[int]) -> int:
    """Move these articles' `updated_at` forward (their payload changed elsewhere); returns how many."""
    ids = list(article_ids)
    return Article.objects.filter(pk__in=ids).update(updated_at=timezone.now()) if ids else 0


def _articles_linking(*, article_ids: list[int]) -> set[int]:
    """Articles whose FAQ entries link one of these articles."""
    return set(
        ArticleFaq.objects.filter(link_article_id__in=article_ids)
        .exclude(article_id__in=article_ids)
        .values_list("article_id", flat=True)
    )


def family_changed(*, family_id: int) -> None:
    """After an edit to a family or its spec definitions: its devices show both, so they move too."""
    device_ids = list(Device.objects.filter(family_id=family_id).values_list("pk", flat=True))
    devices_touch(device_ids=device_ids)
    linked_articles = Article.families.through.objects.filter(family_id=family_id)
    articles_touch(article_ids=linked_articles.values_list("article_id", flat=True))
    search.search_refresh_devices(device_ids=device_ids)


def treatment_changed(*, treatment_id: int) -> None:
    """After an edit to a treatment: devices and articles that name it move too."""
    device_ids = list(
        Device.treatments.through.objects.filter(treatment_id=treatment_id).values_list("device_id", flat=True)
    )
    devices_touch(device_ids=device_ids)
    articles_touch(
        article_ids=Article.treatments.through.objects.filter(treatment_id=treatment_id).values_list(
            "article_id", flat=True
        )
    )
    search.search_refresh_devices(device_ids=device_ids)


# --- Tombstones: what partners that sync learn about removals ------------------


def tombstone_record(*, kind: str, object_id: int, slug: str, reason: str) -> Tombstone:
    """Record (or move forward) the tombstone of an object that left the public catalog."""
    tombstone, _ = Tombstone.objects.update_or_create(
        kind=kind, object_id=object_id, defaults={"slug": slug, "reason": reason, "removed_at": timezone.now()}
    )
    return tombstone


def tombstones_clear(*, kind: str, object_ids: Iterable[int]) -> int:
    """Forget the tombstones of objects that are public again; returns how many."""
    ids = list(object_ids)
    return Tombstone.objects.filter(kind=kind, object_id__in=ids).delete()[0] if ids else 0


def devices_visibility_sync(*, device_ids: Iterable[int], was_published: set[int]) -> None:
    """After a status change: a published device loses its tombstone, one that stopped being published gets one.

    A draft that was never published gets none, so its slug never reaches partners.
    """
    for device_id, slug, status in Device.objects.filter(pk__in=list(device_ids)).values_list("pk", "slug", "status"):
        if status == Device.Status.PUBLISHED:
            tombstones_clear(kind=Tombstone.Kind.DEVICE, object_ids=[device_id])
        elif device_id in was_published:
            tombstone_record(
                kind=Tombstone.Kind.DEVICE, object_id=device_id, slug=slug, reason=Tombstone.Reason.UNPUBLISHED
            )


def articles_visibility_sync(*, article_ids: Iterable[int], was_public: set[int]) -> None:
    """After a status change: a public article loses its tombstone, one that stopped being public gets one."""
    ids = list(article_ids)
    public = set(Article.objects.published().filter(pk__in=ids).values_list("pk", flat=True))
    tombstones_clear(kind=Tombstone.Kind.ARTICLE, object_ids=public)
    for article_id, slug in Article.objects.filter(pk__in=ids).exclude(pk__in=public).values_list("pk", "slug"):
        if article_id in was_public:
            tombstone_record(
                kind=Tombstone.Kind.ARTICLE, object_id=article_id, slug=slug, reason=Tombstone.Reason.UNPUBLISHED
            )


def _known_to_partners(*, kind: str, object_id: int, public: bool) -> bool:
    return public or Tombstone.objects.filter(kind=kind, object_id=object_id).exists()


@transaction.atomic
def device_delete(*, device: Device) -> None:
    """Delete a device; partners that knew it find a tombstone."""
    if _known_to_partners(
        kind=Tombstone.Kind.DEVICE, object_id=device.pk, public=device.status == Device.Status.PUBLISHED
    ):
        tombstone_record(
            kind=Tombstone.Kind.DEVICE, object_id=device.pk, slug=device.slug, reason=Tombstone.Reason.DELETED
        )
    device.delete()


@transaction.atomic
def article_delete(*, article: Article) -> None:
    """Delete an article; partners that knew it find a tombstone, devices and articles that linked it move."""
    device_ids = list(article.devices.values_list("pk", flat=True))
    linking = _articles_linking(article_ids=[article.pk])
    if _known_to_partners(kind=Tombstone.Kind.ARTICLE, object_id=article.pk, public=article.is_public):
        tombstone_record(
            kind=Tombstone.Kind.ARTICLE, object_id=article.pk, slug=article.slug, reason=Tombstone.Reason.DELETED
        )
    article.delete()
    devices_touch(device_ids=device_ids)
    articles_touch(article_ids=linking)


@transaction.atomic
def family_delete(*, family: Family) -> None:
    """Delete a family without devices (the database refuses otherwise); partners find a tombstone."""
    article_ids = list(family.articles.values_list("pk", flat=True))
    tombstone_record(kind=Tombstone.Kind.FAMILY, object_id=family.pk, slug=family.slug, reason=Tombstone.Reason.DELETED)
    family.delete()
    articles_touch(article_ids=article_ids)


@transaction.atomic
def treatment_delete(*, treatment: Treatment) -> None:
    """Delete a treatment; partners find a tombstone, devices and articles that named it move."""
    device_ids = list(treatment.devices.values_list("pk", flat=True))
    article_ids = list(treatment.articles.values_list("pk", flat=True))
    tombstone_record(
        kind=Tombstone.Kind.TREATMENT, object_id=treatment.pk, slug=treatment.slug, reason=Tombstone.Reason.DELETED
    )
    treatment.delete()
    devices_touch(device_ids=device_ids)
    articles_touch(article_ids=article_ids)
    search.search_refresh_devices(device_ids=device_ids)


def devices_set_status(*, device_ids: list[int], status: str) -> int:
    """Move devices to `status` (draft, published, discontinued); returns how many changed."""
    if status not in Device.Status.values:
        raise ValidationError({"status": f"“{status}” is not a device status."})
    with transaction.atomic():
        devices = Device.objects.filter(pk__in=device_ids).exclude(status=status)
        changed = list(devices.values_list("pk", flat=True))
        was_published = set(devices.filter(status=Device.Status.PUBLISHED).values_list("pk", flat=True))
        Device.objects.filter(pk__in=changed).update(status=status, updated_at=timezone.now())
        devices_visibility_sync(device_ids=changed, was_published=was_published)
        # Devices list their published articles; an article does not list its devices.
    return len(changed)


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
    with transaction.atomic():
        articles = Article.objects.filter(pk__in=article_ids).exclude(status=status)
        changed = list(articles.values_list("pk", flat=True))
        was_public = set(Article.objects.published().filter(pk__in=changed).values_list("pk", flat=True))
        Article.objects.filter(pk__in=changed).update(status=status, updated_at=now)
        if status == Article.Status.PUBLISHED:
            Article.objects.filter(pk__in=changed, published_at__isnull=True).update(published_at=now)
        articles_visibility_sync(article_ids=changed, was_public=was_public)
        # Devices list their published articles, and FAQ entries link them: both move.
        linked = Device.articles.through.objects.filter(article_id__in=changed)
        devices_touch(device_ids=linked.values_list("device_id", flat=True))
        articles_touch(article_ids=_articles_linking(article_ids=changed))
    return len(changed)


# --- Partner API keys ------------------------------------------------------------

# Recording every use would write on every API call; once a minute tells staff enough.
KEY_USE_RESOLUTION = timedelta(minutes=1)


def partner_key_issue(*, key: PartnerKey, created_by=None) -> str:
    """Give an unsaved key its secret and save it; returns the plain key, which is never stored or shown again."""
    if key.pk and PartnerKey.objects.filter(pk=key.pk).exists():
        raise ValidationError("This key was issued already; create a new one instead.")
    plain = PartnerKey.objects.assign_key(key)
    key.created_by = created_by
    key.full_clean()
    key.save()
    return plain


def partner_key_create(
    *, name: str, partner: str, scopes: list[str], created_by=None, rate_per_minute: int | None = None
) -> tuple[PartnerKey, str]:
    """Create a key with these scopes; returns it with the plain key, shown this once only."""
    key = PartnerKey(name=name, partner=partner, scopes=list(scopes), rate_per_minute=rate_per_minute)
    return key, partner_key_issue(key=key, created_by=created_by)


def partner_keys_revoke(*, key_ids: Iterable[str]) -> int:
    """Revoke keys for good; returns how many were still active."""
    return PartnerKey.objects.filter(pk__in=list(key_ids), revoked=False).update(revoked=True)


def partner_key_used(*, key: PartnerKey, now: datetime | None = None) -> None:
    """Record that the key was used, at most once a minute (a conditional UPDATE, so racing requests write once)."""
    now = now or timezone.now()
    if key.last_used_at is not None and key.last_used_at > now - KEY_USE_RESOLUTION:
        return
    PartnerKey.objects.filter(Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - KEY_USE_RESOLUTION)).filter(
        pk=key.pk
    ).update(last_used_at=now)
    key.last_used_at = now
