"""Lead reads: the leads list, the lead page, sales staff and the consultation form's choices (fixed queries each)."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, Min, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from catalog import roles
from catalog.models import Device, Partner, Treatment
from quotes.models import Activity, ConsultationRequest, Lead, Notification

User = get_user_model()


def sales_staff() -> QuerySet:
    """Active users in the Sales group: who can own leads."""
    return User.objects.filter(is_active=True, groups__name=roles.SALES).distinct().order_by("first_name", "username")


def consultation_by_idempotency_key(*, key: str, partner: Partner | None = None) -> ConsultationRequest | None:
    """The request sent earlier under this Idempotency-Key by the same partner (or anonymously, for None)."""
    if not key:
        return None
    return ConsultationRequest.objects.filter(idempotency_key=key, partner=partner).select_related("lead").first()


def consultation_get_by_reference(*, reference: str) -> ConsultationRequest:
    try:
        return ConsultationRequest.objects.prefetch_related("devices").get(reference=reference)
    except ConsultationRequest.DoesNotExist as exc:
        raise Http404("No such request") from exc


def consultation_device(*, slug: str) -> Device | None:
    """The listed device a "Request a quote" link names, if any."""
    if not slug:
        return None
    return Device.objects.listed().select_related("family").filter(slug=slug).first()


def consultation_device_choices(*, selected: list[str] = ()) -> list[tuple[str, list[tuple[str, str]]]]:
    """Devices a buyer may ask about, grouped by family; families of `selected` slugs come first."""
    groups: dict[str, list[tuple[str, str]]] = {}
    devices = Device.objects.listed().select_related("family").order_by("family__order", "family__name", "name")
    for device in devices:
        groups.setdefault(device.family.name, []).append((device.slug, device.name))
    ordered = list(groups.items())
    # A stable sort: the chosen device stays in view at the top of its scrolling list.
    ordered.sort(key=lambda item: not any(slug in selected for slug, _name in item[1]))
    return ordered


def consultation_treatment_choices() -> list[tuple[str, str]]:
    return [(t.slug, t.name) for t in Treatment.objects.order_by("order", "name")]


def lead_rows(leads: QuerySet[Lead]) -> QuerySet[Lead]:
    """Leads ready for a table row: contact, clinic, owner, devices and whether a request is flagged (two queries)."""
    flagged = ConsultationRequest.objects.filter(lead=OuterRef("pk")).exclude(review_reason="")
    return (
        leads.select_related("contact", "clinic", "owner")
        .annotate(needs_review=Exists(flagged))
        .prefetch_related(Prefetch("devices", queryset=Device.objects.order_by("name").only("id", "name", "slug")))
    )


def lead_status_counts(*, owner=None) -> list[tuple[str, str, int]]:
    """(status, label, count) in pipeline order, of everyone's leads or one owner's (one query)."""
    leads = Lead.objects.all() if owner is None else Lead.objects.filter(owner=owner)
    by_status = dict(leads.order_by().values_list("status").annotate(n=Count("id")))
    return [(value, label, by_status.get(value, 0)) for value, label in Lead.Status.choices]


def spam_held_count() -> int:
    """Requests kept as spam without a lead, for staff who review them in the admin."""
    return ConsultationRequest.objects.filter(lead__isnull=True).exclude(spam_reason="").count()


def leads_for_list() -> QuerySet[Lead]:
    """Every lead ready for a list row, latest activity first (the leads list's filters narrow it)."""
    return lead_rows(Lead.objects.all()).order_by("-last_activity_at", "-id")


def lead_get_for_page(*, pk: int) -> Lead:
    """One lead with its requests (devices, treatments) and its whole timeline."""
    leads = lead_rows(Lead.objects.all()).prefetch_related(
        Prefetch(
            "requests",
            queryset=ConsultationRequest.objects.order_by("-created_at").prefetch_related(
                Prefetch("devices", queryset=Device.objects.order_by("name").only("id", "name", "slug")),
                Prefetch("treatments", queryset=Treatment.objects.order_by("name").only("id", "name")),
            ),
        ),
        Prefetch("activities", queryset=Activity.objects.select_related("actor").order_by("-created_at", "-id")),
    )
    try:
        return leads.get(pk=pk)
    except Lead.DoesNotExist as exc:
        raise Http404("No such lead") from exc


@dataclass(frozen=True)
class OutboxState:
    counts: dict[str, int]
    oldest_unsent_age_seconds: float


def outbox_state(*, now=None) -> OutboxState:
    """Outbox rows by status and the age of the oldest one not yet sent or failed (one query)."""
    now = now or timezone.now()
    rows = list(Notification.objects.values("status").annotate(n=Count("id"), oldest=Min("created_at")).order_by())
    counts = {status: 0 for status in Notification.Status.values}
    oldest = None
    for row in rows:
        counts[row["status"]] = row["n"]
        if row["status"] in (Notification.Status.PENDING, Notification.Status.QUEUED, Notification.Status.SENDING):
            oldest = min(oldest or row["oldest"], row["oldest"])
    return OutboxState(counts=counts, oldest_unsent_age_seconds=(now - oldest).total_seconds() if oldest else 0.0)
