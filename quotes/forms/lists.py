"""The sales lists' filters: what the URL of the leads and quotes lists may say (search, filters, sorting).

The URL carries the whole state, so a list can be bookmarked, shared and exported as shown.
Values that do not parse are reported beside their field and ignored, never a server error.
"""

from datetime import timedelta

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from catalog.widgets import CountrySelect, country_choices
from quotes.leads import selectors as leads_selectors
from quotes.models import ConsultationRequest, Lead, Notification, Quote, QuoteRevision

UNASSIGNED = "none"
SEARCH_MAX = 200


def _owner_choices() -> list[tuple[str, str]]:
    staff = [(str(user.pk), user.get_full_name() or user.get_username()) for user in leads_selectors.sales_staff()]
    return [(UNASSIGNED, "Unassigned"), *staff]


def _words(value: str) -> list[str]:
    return value.split()[:8]


class LeadListFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_search",
        label="Search",
        max_length=SEARCH_MAX,
        help_text="Name, clinic, email, phone, reference or device.",
    )
    status = django_filters.MultipleChoiceFilter(
        choices=Lead.Status.choices, label="Status", widget=forms.CheckboxSelectMultiple
    )
    owner = django_filters.ChoiceFilter(
        choices=_owner_choices, method="filter_owner", label="Owner", empty_label="Anyone"
    )
    mine = django_filters.BooleanFilter(method="filter_mine", label="Mine only", widget=forms.CheckboxInput)
    country = django_filters.ChoiceFilter(
        choices=country_choices, label="Country", widget=CountrySelect(blank_label="Any country")
    )
    source = django_filters.ChoiceFilter(
        choices=ConsultationRequest.Source.choices, method="filter_source", label="Source", empty_label="Any source"
    )
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="Overdue only", widget=forms.CheckboxInput)
    due_today = django_filters.BooleanFilter(method="filter_due_today", label="Due today", widget=forms.CheckboxInput)
    created_from = django_filters.DateFilter(
        field_name="created_at",
        lookup_expr="date__gte",
        label="Created from",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    created_to = django_filters.DateFilter(
        field_name="created_at",
        lookup_expr="date__lte",
        label="Created until",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sort = django_filters.OrderingFilter(
        label="Sort by",
        empty_label="Latest activity",
        fields=[
            ("last_activity_at", "activity"),
            ("created_at", "created"),
            ("response_due_at", "due"),
            ("clinic__name", "clinic"),
        ],
        field_labels={
            "-activity": "Latest activity",
            "activity": "Oldest activity",
            "-created": "Newest",
            "created": "Oldest",
            "due": "Response due first",
            "clinic": "Clinic A–Z",
            "-clinic": "Clinic Z–A",
            "-due": "Response due last",
        },
    )

    class Meta:
        model = Lead
        fields = []

    def filter_search(self, queryset, name, value):
        for word in _words(value):
            request_matches = ConsultationRequest.objects.filter(lead=OuterRef("pk")).filter(
                Q(reference__icontains=word) | Q(phone__icontains=word)
            )
            device_matches = Lead.devices.through.objects.filter(lead=OuterRef("pk"), device__name__icontains=word)
            queryset = queryset.filter(
                Q(contact__name__icontains=word)
                | Q(contact__email__icontains=word)
                | Q(contact__phone__icontains=word.lstrip("+").replace(" ", ""))
                | Q(clinic__name__icontains=word)
                | Exists(request_matches)
                | Exists(device_matches)
            )
        return queryset

    def filter_owner(self, queryset, name, value):
        if value == UNASSIGNED:
            return queryset.filter(owner__isnull=True)
        return queryset.filter(owner_id=value)

    def filter_mine(self, queryset, name, value):
        return queryset.filter(owner=self.request.user) if value else queryset

    def filter_source(self, queryset, name, value):
        return queryset.filter(Exists(ConsultationRequest.objects.filter(lead=OuterRef("pk"), source=value)))

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value else queryset

    def filter_due_today(self, queryset, name, value):
        if not value:
            return queryset
        now = timezone.localtime()
        end = now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
        return queryset.filter(status=Lead.Status.NEW, response_due_at__gte=now, response_due_at__lt=end)


class QuoteListFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_search", label="Search", max_length=SEARCH_MAX, help_text="Number, clinic, contact or email."
    )
    stage = django_filters.MultipleChoiceFilter(
        field_name="stage_value", choices=Quote.Stage.choices, label="Status", widget=forms.CheckboxSelectMultiple
    )
    owner = django_filters.ChoiceFilter(
        choices=_owner_choices, method="filter_owner", label="Owner", empty_label="Anyone"
    )
    mine = django_filters.BooleanFilter(method="filter_mine", label="Mine only", widget=forms.CheckboxInput)
    currency = django_filters.CharFilter(field_name="currency", lookup_expr="iexact", label="Currency", max_length=3)
    expiring = django_filters.BooleanFilter(
        method="filter_expiring", label="Sent, expiring within 7 days", widget=forms.CheckboxInput
    )
    failed = django_filters.BooleanFilter(
        method="filter_failed", label="Failed email or PDF", widget=forms.CheckboxInput
    )
    sort = django_filters.OrderingFilter(
        label="Sort by",
        empty_label="Newest",
        fields=[
            ("created_at", "created"),
            ("valid_until", "valid"),
            ("last_viewed_at", "viewed"),
            ("number", "number"),
        ],
        field_labels={
            "-created": "Newest",
            "created": "Oldest",
            "valid": "Valid until, soonest",
            "-valid": "Valid until, latest",
            "-viewed": "Last buyer view",
            "viewed": "Least recently viewed",
            "-number": "Number, highest",
            "number": "Number, lowest",
        },
    )

    class Meta:
        model = Quote
        fields = []

    def filter_search(self, queryset, name, value):
        for word in _words(value):
            queryset = queryset.filter(
                Q(number__icontains=word)
                | Q(clinic__name__icontains=word)
                | Q(contact__name__icontains=word)
                | Q(contact__email__icontains=word)
            )
        return queryset

    def filter_owner(self, queryset, name, value):
        if value == UNASSIGNED:
            return queryset.filter(owner__isnull=True)
        return queryset.filter(owner_id=value)

    def filter_mine(self, queryset, name, value):
        return queryset.filter(owner=self.request.user) if value else queryset

    def filter_expiring(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(status=Quote.Status.SENT, valid_until__lte=timezone.localdate() + timedelta(days=7))

    def filter_failed(self, queryset, name, value):
        if not value:
            return queryset
        failed_email = Notification.objects.filter(quote=OuterRef("pk"), status=Notification.Status.FAILED)
        failed_pdf = QuoteRevision.objects.filter(quote=OuterRef("pk"), pdf_status=QuoteRevision.PdfStatus.FAILED)
        return queryset.filter(Exists(failed_email) | Exists(failed_pdf))


class LeadBulkForm(forms.Form):
    """Assign or move several leads at once, through the same rules as one lead's page."""

    ACTIONS = [("assign", "Assign to"), ("status", "Move to")]

    leads = forms.ModelMultipleChoiceField(
        queryset=Lead.objects.all(), error_messages={"required": "Tick the leads first."}
    )
    action = forms.ChoiceField(choices=ACTIONS)
    owner = forms.ModelChoiceField(queryset=None, required=False, label="Owner")
    status = forms.ChoiceField(choices=[("", "—"), *Lead.Status.choices], required=False, label="Status")
    reason = forms.CharField(required=False, max_length=2000, label="Reason (for lost)")
    next = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = leads_selectors.sales_staff()
        self.fields["owner"].empty_label = "Choose a salesperson"
        self.fields["owner"].label_from_instance = lambda user: user.get_full_name() or user.get_username()

    def clean(self):
        data = super().clean()
        if data.get("action") == "assign" and not data.get("owner"):
            self.add_error("owner", "Choose who gets the leads.")
        if data.get("action") == "status" and not data.get("status"):
            self.add_error("status", "Choose the status to move the leads to.")
        return data
