"""Catalog use cases that write: setting typed spec values, touching devices, sync bookkeeping, API keys.

Every change to what a partner or a buyer sees goes through `rows_changed`: it moves the
changed rows' sync position (`updated_at`) to now and rebuilds their stored documents
(`catalog.documents`) in the same transaction, so a document is never older than its row.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from catalog import documents, keys, search, specs
from catalog.models import (
    Article,
    ArticleFaq,
    Certification,
    Device,
    DeviceDocument,
    DeviceOption,
    Family,
    Partner,
    PartnerKey,
    PriceTier,
    SpecDefinition,
    SpecValue,
    SyncState,
    Tombstone,
    Treatment,
)

logger = logging.getLogger(__name__)


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


@dataclass
class DeviceContents:
    """What a device holds besides its own fields, as a spreadsheet row states it; None leaves a part alone.

    Items are unsaved rows already checked by their model's rules (`full_clean` without the device);
    they are matched to the stored ones by natural key: an option by slug, a tier by quantity, a
    certificate by authority and identifier. `spec_values` maps a spec key to its typed value, or
    to None to remove it.
    """

    spec_values: dict[str, specs.TypedValue | None] | None = None
    treatment_ids: list[int] | None = None
    options: list[DeviceOption] | None = None
    price_tiers: list[PriceTier] | None = None
    certifications: list[Certification] | None = None


@transaction.atomic
def device_contents_replace(*, device: Device, contents: DeviceContents, was_published: bool) -> Device:
    """Make a saved device hold exactly what `contents` lists, then sync its visibility and move it once."""
    if contents.spec_values is not None:
        definitions = {d.key: d for d in SpecDefinition.objects.filter(family_id=device.family_id)}
        unknown = sorted(set(contents.spec_values) - set(definitions))
        if unknown:
            raise ValidationError({key: f"“{key}” is not a spec of the {device.family} family." for key in unknown})
        existing = {sv.definition_id: sv for sv in SpecValue.objects.filter(device=device)}
        for key, typed in contents.spec_values.items():
            definition = definitions[key]
            stored = existing.get(definition.pk)
            if typed is None:
                if stored is not None:
                    stored.delete()
                continue
            spec_value = stored or SpecValue(device=device, definition=definition)
            spec_value.set_typed(typed)
            spec_value.save()
    if contents.treatment_ids is not None:
        device.treatments.set(contents.treatment_ids)
    if contents.options is not None:
        _replace_parts(
            device,
            DeviceOption,
            contents.options,
            key=lambda o: o.slug,
            fields=["kind", "name", "sku", "price_delta", "included"],
        )
    if contents.price_tiers is not None:
        _replace_parts(device, PriceTier, contents.price_tiers, key=lambda t: t.min_quantity, fields=["unit_price"])
    if contents.certifications is not None:
        _replace_parts(
            device,
            Certification,
            contents.certifications,
            key=lambda c: (c.authority, c.identifier),
            fields=["countries", "issued_on", "expires_on"],
        )
    devices_visibility_sync(device_ids=[device.pk], was_published={device.pk} if was_published else set())
    device_changed(device_id=device.pk)
    return device


def _replace_parts(device: Device, model, wanted: list, *, key, fields: list[str]) -> None:
    """Update the device's rows of `model` that `wanted` names (by `key`), create the new ones, delete the rest."""
    stored = {key(row): row for row in model.objects.filter(device=device)}
    for row in wanted:
        current = stored.pop(key(row), None)
        if current is None:
            row.device = device
            row.save()
        elif any(getattr(current, name) != getattr(row, name) for name in fields):
            for name in fields:
                setattr(current, name, getattr(row, name))
            current.save(update_fields=fields)
    if stored:
        model.objects.filter(pk__in=[row.pk for row in stored.values()]).delete()


def device_changed(*, device_id: int) -> None:
    """After an edit to the device or anything it contains: move updated_at, rebuild its document, refresh search."""
    device_touch(device_id=device_id)
    search.search_refresh_devices(device_ids=[device_id])


def article_changed(*, article_id: int, device_ids_before: Iterable[int] = ()) -> None:
    """After an edit to an article: rebuild its documents and search entry, and move what shows it.

    Devices list their linked articles, and FAQ entries of other articles link it: their
    payloads change with its title, slug or status, so their `updated_at` moves too.
    `device_ids_before` are the devices it was linked to before the edit.
    """
    search.search_refresh_articles(article_ids=[article_id])
    linked = set(Device.articles.through.objects.filter(article_id=article_id).values_list("device_id", flat=True))
    articles_touch(article_ids=[article_id, *_articles_linking(article_ids=[article_id])])
    devices_touch(device_ids=linked | set(device_ids_before))


def device_touch(*, device_id: int) -> None:
    """Move the device's `updated_at` forward after a change to something it contains, and rebuild its document."""
    rows_changed(kind="device", object_ids=[device_id])


def devices_touch(*, device_ids: Iterable[int]) -> int:
    """Move these devices' `updated_at` forward (their payload changed elsewhere); returns how many."""
    return rows_changed(kind="device", object_ids=device_ids)


def articles_touch(*, article_ids: Iterable[int]) -> int:
    """Move these articles' `updated_at` forward (their payload changed elsewhere); returns how many."""
    return rows_changed(kind="article", object_ids=article_ids)


# --- Stored documents ------------------------------------------------------------------


@transaction.atomic
def rows_changed(*, kind: str, object_ids: Iterable[int], now: datetime | None = None) -> int:
    """The one moment every change goes through: these rows' payloads changed.

    Moves their sync position (`updated_at`) to now and rebuilds their documents, in the
    caller's transaction, so partners and pages see the change together with the row.
    Returns how many rows there were.
    """
    ids = set(object_ids)
    if not ids:
        return 0
    if kind == "device":
        # A discontinued model's card names its successor: a change to the successor is its change too.
        ids |= set(Device.objects.filter(successor_id__in=ids).values_list("pk", flat=True))
    now = now or timezone.now()
    moved = documents.KINDS[kind].model.objects.filter(pk__in=ids).update(updated_at=now)
    documents_store(kind=kind, object_ids=ids, now=now)
    return moved


def documents_store(*, kind: str, object_ids: Iterable[int] | None = None, now: datetime | None = None) -> int:
    """Build the documents of these rows (all when None) as the rows are now, and store them; returns how many."""
    spec = documents.KINDS[kind]
    batch, stored = [], 0
    for document in documents.build(kind=kind, object_ids=object_ids, now=now):
        batch.append(document)
        if len(batch) >= documents.CHUNK_SIZE:
            stored += _documents_upsert(spec, batch)
            batch = []
    return stored + _documents_upsert(spec, batch)


def _documents_upsert(spec: documents.Kind, batch: list) -> int:
    if batch:
        spec.document.objects.bulk_create(
            batch,
            update_conflicts=True,
            unique_fields=[spec.owner_field, "language"],
            update_fields=["position", *spec.variant_fields],
        )
        _count(kind=spec.name, counter="writes")
    return len(batch)


def _removed(*, kind: str) -> None:
    """Count a removal of a document or tombstone of this kind: it changes lists without leaving a position."""
    _count(kind=kind, counter="removals")


def _count(*, kind: str, counter: str) -> None:
    # The UPDATE holds the row until the caller's transaction commits: concurrent changes
    # of one kind take turns here, so the counter moves in commit order.
    bump = {counter: F(counter) + 1, "changed_at": timezone.now()}
    if not SyncState.objects.filter(kind=kind).update(**bump):
        state, _ = SyncState.objects.get_or_create(kind=kind)
        SyncState.objects.filter(pk=state.pk).update(**bump)


@dataclass
class DocumentDifference:
    kind: str
    object_id: int
    language: str
    fields: list[str]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.language}): {', '.join(self.fields)}"


@dataclass
class DocumentsReport:
    differences: list[DocumentDifference] = field(default_factory=list)
    built: int = 0


def _compared_fields(spec: documents.Kind) -> list[str]:
    return ["slug", "position", *(name for name in spec.variant_fields if name != "slug")]


def _stored_value(value):
    return bytes(value) if isinstance(value, memoryview) else value


def documents_check(*, kinds: Iterable[str] | None = None) -> DocumentsReport:
    """Every stored document compared with a fresh build: what is missing, stray or different."""
    report = DocumentsReport()
    now = timezone.now()
    wanted_languages = set(documents.languages())
    for kind in kinds or documents.KINDS:
        spec = documents.KINDS[kind]
        fields = _compared_fields(spec)
        owner = spec.owner_id
        stored = {
            (row[owner], row["language"]): row
            for row in spec.document.objects.values(owner, "language", *fields).iterator(chunk_size=2000)
        }
        for fresh in documents.build(kind=kind, now=now):
            report.built += 1
            key = (getattr(fresh, owner), fresh.language)
            current = stored.pop(key, None)
            if current is None:
                report.differences.append(DocumentDifference(kind, key[0], key[1], ["missing"]))
                continue
            differs = [name for name in fields if _stored_value(current[name]) != getattr(fresh, name)]
            if differs:
                report.differences.append(DocumentDifference(kind, key[0], key[1], differs))
        for object_id, language in stored:
            reason = "stray" if language in wanted_languages else "language no longer built"
            report.differences.append(DocumentDifference(kind, object_id, language, [reason]))
    return report


@transaction.atomic
def documents_rebuild(*, kinds: Iterable[str] | None = None) -> DocumentsReport:
    """Bring every stored document in line with a fresh build; returns what differed.

    A missing document is stored at its row's current position (a first build, say after
    the migration that adds them). A document whose content differs (stale after a raw
    write, or built by older code) moves its row to now, so partners that sync fetch it again.
    Documents of languages no longer built are removed.
    """
    report = documents_check(kinds=kinds)
    by_kind: dict[str, dict[str, set[int]]] = {}
    for difference in report.differences:
        bucket = by_kind.setdefault(difference.kind, {"missing": set(), "changed": set(), "stray": set()})
        if difference.fields == ["missing"]:
            bucket["missing"].add(difference.object_id)
        elif difference.fields[0] in ("stray", "language no longer built"):
            bucket["stray"].add(difference.object_id)
        else:
            bucket["changed"].add(difference.object_id)
    for kind, bucket in by_kind.items():
        spec = documents.KINDS[kind]
        if bucket["stray"]:
            spec.document.objects.filter(**{f"{spec.owner_id}__in": bucket["stray"]}).exclude(
                language__in=documents.languages()
            ).delete()
            _removed(kind=kind)
        documents_store(kind=kind, object_ids=bucket["missing"] - bucket["changed"])
        rows_changed(kind=kind, object_ids=bucket["changed"])
    return report


def documents_store_missing() -> int:
    """Build the documents that do not exist yet (after migrating); returns how many were built."""
    built = 0
    for kind, spec in documents.KINDS.items():
        for language in documents.languages():
            have = spec.document.objects.filter(language=language).values(spec.owner_id)
            missing = list(spec.model.objects.exclude(pk__in=have).values_list("pk", flat=True))
            if missing:
                built += documents_store(kind=kind, object_ids=missing)
    return built


def documents_store_missing_from_signal(sender, **kwargs) -> None:
    documents_store_missing()


@transaction.atomic
def documents_refresh_expired(*, now: datetime | None = None) -> int:
    """Rebuild documents whose content changed with time (a linked guide went live); returns how many rows moved.

    Run periodically (catalog.tasks): until then such a document leaves the guide out,
    never the other way round.
    """
    now = now or timezone.now()
    device_ids = set(DeviceDocument.objects.filter(expires_at__lte=now).values_list("device_id", flat=True))
    article_ids = set(
        documents.KINDS["article"].document.objects.filter(expires_at__lte=now).values_list("article_id", flat=True)
    )
    moved = rows_changed(kind="device", object_ids=device_ids, now=now) + rows_changed(
        kind="article", object_ids=article_ids, now=now
    )
    if moved:
        logger.info(
            "documents refreshed for guides gone live: %s devices, %s articles", len(device_ids), len(article_ids)
        )
    return moved


def _articles_linking(*, article_ids: list[int]) -> set[int]:
    """Articles whose FAQ entries link one of these articles."""
    return set(
        ArticleFaq.objects.filter(link_article_id__in=article_ids)
        .exclude(article_id__in=article_ids)
        .values_list("article_id", flat=True)
    )


def family_changed(*, family_id: int) -> None:
    """After an edit to a family or its spec definitions: it moves, and its devices show both, so they move too."""
    rows_changed(kind="family", object_ids=[family_id])
    device_ids = list(Device.objects.filter(family_id=family_id).values_list("pk", flat=True))
    devices_touch(device_ids=device_ids)
    linked_articles = Article.families.through.objects.filter(family_id=family_id)
    articles_touch(article_ids=linked_articles.values_list("article_id", flat=True))
    search.search_refresh_devices(device_ids=device_ids)


def treatment_changed(*, treatment_id: int) -> None:
    """After an edit to a treatment: it moves, and devices and articles that name it move too.

    So do devices whose guides name it: their pages show those guides' cards, and a device
    page is cached by the device's sync position.
    """
    rows_changed(kind="treatment", object_ids=[treatment_id])
    article_ids = set(
        Article.treatments.through.objects.filter(treatment_id=treatment_id).values_list("article_id", flat=True)
    )
    device_ids = set(
        Device.treatments.through.objects.filter(treatment_id=treatment_id).values_list("device_id", flat=True)
    )
    showing_guides = Device.articles.through.objects.filter(article_id__in=article_ids).values_list(
        "device_id", flat=True
    )
    devices_touch(device_ids=device_ids | set(showing_guides))
    articles_touch(article_ids=article_ids)
    search.search_refresh_devices(device_ids=list(device_ids))


# --- Tombstones: what partners that sync learn about removals ------------------


def tombstone_record(
    *, kind: str, object_id: int, slug: str, reason: str, audience: str = Tombstone.Audience.PUBLIC
) -> Tombstone:
    """Record (or move forward) the tombstone of an object that left the catalog, for those who could have seen it."""
    tombstone, _ = Tombstone.objects.update_or_create(
        kind=kind,
        object_id=object_id,
        defaults={"slug": slug, "reason": reason, "audience": audience, "removed_at": timezone.now()},
    )
    return tombstone


def tombstones_clear(*, kind: str, object_ids: Iterable[int]) -> int:
    """Forget the tombstones of objects that are public again; returns how many."""
    ids = list(object_ids)
    cleared = Tombstone.objects.filter(kind=kind, object_id__in=ids).delete()[0] if ids else 0
    if cleared:
        _removed(kind=kind)
    return cleared


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
    """Delete a device; every caller that could have seen it finds a tombstone.

    One that was public once tells everyone. A draft that never was tells only callers with
    catalog:drafts, who listed it: their mirrors drop it, and its slug never reaches anyone else.
    """
    known = _known_to_partners(
        kind=Tombstone.Kind.DEVICE, object_id=device.pk, public=device.status == Device.Status.PUBLISHED
    )
    tombstone_record(
        kind=Tombstone.Kind.DEVICE,
        object_id=device.pk,
        slug=device.slug,
        reason=Tombstone.Reason.DELETED,
        audience=Tombstone.Audience.PUBLIC if known else Tombstone.Audience.DRAFTS,
    )
    predecessors = list(device.predecessors.values_list("pk", flat=True))
    device.delete()  # its documents go with it (cascade); predecessors lose their successor (SET_NULL)
    _removed(kind=Tombstone.Kind.DEVICE)
    devices_touch(device_ids=predecessors)


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
    _removed(kind=Tombstone.Kind.ARTICLE)
    devices_touch(device_ids=device_ids)
    articles_touch(article_ids=linking)


@transaction.atomic
def family_delete(*, family: Family) -> None:
    """Delete a family without devices (the database refuses otherwise); partners find a tombstone."""
    article_ids = list(family.articles.values_list("pk", flat=True))
    tombstone_record(kind=Tombstone.Kind.FAMILY, object_id=family.pk, slug=family.slug, reason=Tombstone.Reason.DELETED)
    family.delete()
    _removed(kind=Tombstone.Kind.FAMILY)
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
    _removed(kind=Tombstone.Kind.TREATMENT)
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
        Device.objects.filter(pk__in=changed).update(status=status)
        devices_visibility_sync(device_ids=changed, was_published=was_published)
        devices_touch(device_ids=changed)
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
        Article.objects.filter(pk__in=changed).update(status=status)
        if status == Article.Status.PUBLISHED:
            Article.objects.filter(pk__in=changed, published_at__isnull=True).update(published_at=now)
        articles_visibility_sync(article_ids=changed, was_public=was_public)
        # Devices list their published articles, and FAQ entries link them: both move.
        linked = Device.articles.through.objects.filter(article_id__in=changed)
        articles_touch(article_ids=[*changed, *_articles_linking(article_ids=changed)])
        devices_touch(device_ids=linked.values_list("device_id", flat=True))
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


def partner_create(*, name: str, contact_name: str = "", contact_email: str = "") -> Partner:
    """A new active partner organisation, ready to be given keys."""
    partner = Partner(name=name, contact_name=contact_name, contact_email=contact_email)
    partner.full_clean()
    partner.save()
    return partner


def partner_key_create(
    *, name: str, partner: Partner, scopes: list[str], created_by=None, rate_per_minute: int | None = None
) -> tuple[PartnerKey, str]:
    """Create a key with these scopes; returns it with the plain key, shown this once only."""
    key = PartnerKey(name=name, partner=partner, scopes=list(scopes), rate_per_minute=rate_per_minute)
    return key, partner_key_issue(key=key, created_by=created_by)


def partner_keys_revoke(*, key_ids: Iterable[str]) -> int:
    """Revoke keys for good; returns how many were still active (refused here at once, elsewhere within
    API_KEY_CACHE_SECONDS)."""
    revoked = PartnerKey.objects.filter(pk__in=list(key_ids), revoked=False).update(revoked=True)
    keys.verified_keys.forget()
    return revoked


def partner_key_used(*, key: PartnerKey, now: datetime | None = None) -> None:
    """Record that the key was used, at most once a minute (a conditional UPDATE, so racing requests write once)."""
    now = now or timezone.now()
    if key.last_used_at is not None and key.last_used_at > now - KEY_USE_RESOLUTION:
        return
    PartnerKey.objects.filter(Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - KEY_USE_RESOLUTION)).filter(
        pk=key.pk
    ).update(last_used_at=now)
    key.last_used_at = now
