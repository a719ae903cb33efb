"""Lead reads: the dashboard, the lead page, sales staff and the consultation form's choices (fixed queries each)."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from catalog import roles
from catalog.models import Device, Treatment
from quotes.models import Activity, ConsultationRequest, Lead

User = get_user_model()

DASHBOARD_LIST_LIMIT = 50
LATEST_ACTIVITY_LIMIT = 15


def sales_staff() -> QuerySet:
    """Active users in the Sales group: who can own leads."""
    return User.objects.filter(is_active=True, groups__name=roles.SALES).distinct().order_by("first_name", "username")


def consultation_by_idempotency_key(*, key: str) -> ConsultationRequest | None:
    if not key:
        return None
    return ConsultationRequest.objects.filter(idempotency_key=key).first()


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


def _lead_rows(leads: QuerySet[Lead]) -> QuerySet[Lead]:
    """Leads ready for a table row: contact, clinic, owner, devices and whether a request is flagged (two queries)."""
    flagged = ConsultationRequest.objects.filter(lead=OuterRef("pk")).exclude(review_reason="")
    return (
        leads.select_related("contact", "clinic", "owner")
        .annotate(needs_review=Exists(flagged))
        .prefetch_related(Prefetch("devices", queryset=Device.objects.order_by("name").only("id", "name", "slug")))
    )


@dataclass
class Dashboard:
    my_open: list[Lead]
    unassigned: list[Lead]
    overdue: list[Lead]
    counts: list[tuple[str, str, int]]  # (status, label, count) in pipeline order
    latest: list[Activity]
    spam_held: int
    now: object


def sales_dashboard(*, user) -> Dashboard:
    """What a salesperson sees first: their open leads, the pipeline, what is late, what just happened."""
    now = timezone.now()
    open_leads = Lead.objects.open()
    my_open = list(
        _lead_rows(open_leads.filter(owner=user)).order_by("response_due_at", "-last_activity_at")[
            :DASHBOARD_LIST_LIMIT
        ]
    )
    unassigned = list(_lead_rows(open_leads.filter(owner__isnull=True)).order_by("created_at")[:DASHBOARD_LIST_LIMIT])
    overdue = list(_lead_rows(Lead.objects.overdue(now=now)).order_by("response_due_at")[:DASHBOARD_LIST_LIMIT])
    by_status = dict(Lead.objects.order_by().values_list("status").annotate(n=Count("id")))
    counts = [(value, label, by_status.get(value, 0)) for value, label in Lead.Status.choices]
    latest = list(
        Activity.objects.select_related("lead__clinic", "actor").order_by("-created_at", "-id")[:LATEST_ACTIVITY_LIMIT]
    )
    spam_held = ConsultationRequest.objects.filter(lead__isnull=True).exclude(spam_reason="").count()
    return Dashboard(
        my_open=my_open,
        unassigned=unassigned,
        overdue=overdue,
        counts=counts,
        latest=latest,
        spam_held=spam_held,
        now=now,
    )


def lead_get_for_page(*, pk: int) -> Lead:
    """One lead with its requests (devices, treatments) and its whole timeline."""
    leads = _lead_rows(Lead.objects.all()).prefetch_related(
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
