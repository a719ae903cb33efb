"""Admin for catalog editors: devices with their specs, options, prices, certificates and media."""

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV, XLSX
from rest_framework_api_key.admin import APIKeyModelAdmin
from rest_framework_api_key.models import APIKey

from catalog import selectors, services
from catalog.forms import SpecValueAdminForm
from catalog.models import (
    Article,
    ArticleFaq,
    ArticleReference,
    Certification,
    Device,
    DeviceImage,
    DeviceOption,
    Family,
    LegalPage,
    Partner,
    PartnerKey,
    PriceTier,
    SpecDefinition,
    SpecValue,
    Treatment,
)
from catalog.spreadsheet import DeviceResource


class SpecDefinitionInline(admin.TabularInline):
    model = SpecDefinition
    extra = 0
    fields = [
        "order",
        "key",
        "label",
        "unit",
        "value_type",
        "choices",
        "group",
        "filterable",
        "comparable",
        "highlight",
    ]
    prepopulated_fields = {"key": ["label"]}


@admin.register(Family)
class FamilyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "device_count", "order", "updated_at"]
    list_editable = ["order"]
    search_fields = ["name", "pitch"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SpecDefinitionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(device_count=Count("devices"))

    @admin.display(ordering="device_count", description="devices")
    def device_count(self, obj):
        return obj.device_count

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Devices show their family and its spec definitions: partners that sync must see them move.
        services.family_changed(family_id=form.instance.pk)

    def delete_model(self, request, obj):
        services.family_delete(family=obj)

    def delete_queryset(self, request, queryset):
        for family in queryset:
            services.family_delete(family=family)


@admin.register(Treatment)
class TreatmentAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "updated_at"]
    list_editable = ["order"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.treatment_changed(treatment_id=form.instance.pk)

    def delete_model(self, request, obj):
        services.treatment_delete(treatment=obj)

    def delete_queryset(self, request, queryset):
        for treatment in queryset:
            services.treatment_delete(treatment=treatment)


class SpecValueInline(admin.TabularInline):
    model = SpecValue
    form = SpecValueAdminForm
    extra = 0
    verbose_name = "specification"
    verbose_name_plural = "specifications (validated against the family's definitions)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("definition").order_by("definition__order")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # Offer only the definitions of the device's own family.
        definitions = SpecDefinition.objects.select_related("family")
        if obj is not None:
            definitions = definitions.filter(family_id=obj.family_id)
        formset.form.base_fields["definition"].queryset = definitions
        return formset

    def get_extra(self, request, obj=None, **kwargs):
        # A device missing some of its family's specs gets a blank row for each.
        if obj is None:
            return 0
        missing = SpecDefinition.objects.filter(family_id=obj.family_id).exclude(values__device=obj).count()
        return missing


class DeviceOptionInline(admin.TabularInline):
    model = DeviceOption
    extra = 0
    fields = [
        "order",
        "kind",
        "name",
        "slug",
        "sku",
        "description",
        "price_delta",
        "included",
        "uses_per_unit",
        "uses_per_treatment",
    ]
    prepopulated_fields = {"slug": ["name"]}


class PriceTierInline(admin.TabularInline):
    model = PriceTier
    extra = 0


class CertificationInline(admin.StackedInline):
    model = Certification
    extra = 0
    fields = [("authority", "identifier"), "countries", ("issued_on", "expires_on"), "evidence"]


class DeviceImageInline(admin.TabularInline):
    model = DeviceImage
    extra = 0
    fields = ["preview", "image", "alt_text", "order"]
    readonly_fields = ["preview"]

    @admin.display(description="preview")
    def preview(self, obj):
        if not obj.pk or not obj.image:
            return "—"
        return format_html('<img src="{}" alt="" height="60">', obj.image.url)


@admin.register(Device)
class DeviceAdmin(ImportExportMixin, admin.ModelAdmin):
    # Spreadsheet round trip (catalog/spreadsheet.py): export what the list shows, as filtered;
    # import with a dry run first, confirmed only when no row is refused.
    resource_classes = [DeviceResource]
    formats = [CSV, XLSX]
    import_error_display = ("message", "row")
    # The library's page, with the refusals listed in words (its table shows them only on hover)
    # and the counts of new, changed and unchanged rows.
    import_template_name = "admin/catalog/device/import.html"
    list_display = ["name", "sku", "family", "status", "featured", "price", "updated_at"]
    list_filter = ["status", "family", "featured", "price_on_request", "treatments", "certifications__authority"]
    list_select_related = ["family"]
    search_fields = ["name", "sku", "summary", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["treatments"]
    autocomplete_fields = ["successor"]
    readonly_fields = ["created_at", "updated_at"]
    date_hierarchy = "updated_at"
    actions = ["publish", "discontinue", "unpublish"]
    save_on_top = True
    inlines = [SpecValueInline, DeviceOptionInline, PriceTierInline, CertificationInline, DeviceImageInline]
    fieldsets = [
        (None, {"fields": ["family", ("name", "slug"), ("sku", "status", "featured"), "summary", "description"]}),
        (
            "Price and terms",
            {
                "fields": [
                    ("list_price", "currency", "price_on_request"),
                    "unit_cost",
                    ("warranty_months", "lead_time_days"),
                    "treatment_price",
                ]
            },
        ),
        ("Indications", {"fields": [("skin_type_min", "skin_type_max"), "treatments"]}),
        (
            "Discontinued",
            {"fields": ["successor"], "description": "Where the page of a discontinued model sends buyers."},
        ),
        ("Files", {"fields": ["brochure"]}),
        ("History", {"fields": [("created_at", "updated_at")], "classes": ["collapse"]}),
    ]

    @admin.display(description="price", ordering="list_price")
    def price(self, obj):
        return obj.price_label

    def save_model(self, request, obj, form, change):
        was_published = change and Device.objects.filter(pk=obj.pk, status=Device.Status.PUBLISHED).exists()
        super().save_model(request, obj, form, change)
        services.devices_visibility_sync(device_ids=[obj.pk], was_published={obj.pk} if was_published else set())

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # An edit to a spec, option or image (added, changed or deleted) changes what the device
        # shows: move its updated_at so caches and partners that sync see the change, and re-index it.
        services.device_changed(device_id=form.instance.pk)

    def has_import_permission(self, request):
        # An import creates devices as well as changing them.
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_import_data_kwargs(self, **kwargs):
        # The confirmed run reads the file again: a row refused now (the catalog changed since the
        # dry run) undoes the whole file instead of saving the others.
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            self.message_user(
                request,
                "Nothing was imported: the catalog changed since the dry run and a row is now refused. "
                "Import the file again to see why.",
                messages.ERROR,
            )
            return HttpResponseRedirect(reverse("admin:catalog_device_import"))
        return super().process_result(result, request)

    def delete_model(self, request, obj):
        services.device_delete(device=obj)

    def delete_queryset(self, request, queryset):
        for device in queryset:
            services.device_delete(device=device)

    def _set_status(self, request, queryset, status, verb):
        updated = services.devices_set_status(device_ids=list(queryset.values_list("pk", flat=True)), status=status)
        self.message_user(request, f"{updated} device{'s' if updated != 1 else ''} {verb}.", messages.SUCCESS)

    @admin.action(description="Publish selected devices", permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Device.Status.PUBLISHED, "published")

    @admin.action(description="Mark selected devices discontinued", permissions=["change"])
    def discontinue(self, request, queryset):
        self._set_status(request, queryset, Device.Status.DISCONTINUED, "marked discontinued")

    @admin.action(description="Move selected devices back to draft", permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Device.Status.DRAFT, "moved to draft")


class ArticleFaqInline(admin.StackedInline):
    model = ArticleFaq
    fk_name = "article"
    extra = 0
    fields = [("question", "order"), "answer", "link_article"]
    autocomplete_fields = ["link_article"]


class ArticleReferenceInline(admin.TabularInline):
    model = ArticleReference
    extra = 0
    # A URL typed without a scheme is https (Django 6's default, chosen now).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fields = ["order", "citation", "doi", "url"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "published_at", "author", "reading_minutes", "updated_at"]
    list_filter = ["status", "treatments", "families", "author"]
    search_fields = ["title", "takeaway", "body"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["devices", "families", "treatments"]
    readonly_fields = ["reading_minutes", "rendered_preview", "created_at", "updated_at"]
    date_hierarchy = "published_at"
    actions = ["publish", "unpublish"]
    save_on_top = True
    inlines = [ArticleFaqInline, ArticleReferenceInline]
    fieldsets = [
        (None, {"fields": [("title", "slug"), ("status", "published_at"), "author", "takeaway", "body"]}),
        ("Preview", {"fields": ["rendered_preview"], "description": "How the saved body renders (sanitised)."}),
        ("Links", {"fields": ["devices", "families", "treatments"]}),
        ("History", {"fields": [("reading_minutes", "created_at", "updated_at")], "classes": ["collapse"]}),
    ]

    @admin.display(description="rendered body")
    def rendered_preview(self, obj):
        if not obj.pk:
            return "Save the article to see its preview."
        rendered = selectors.article_rendered(article=obj)
        # The HTML comes out of catalog.markdown's sanitiser, the same as on the public page.
        return format_html('<div class="article-preview">{}</div>', mark_safe(rendered.html))  # noqa: S308

    def save_model(self, request, obj, form, change):
        services.article_prepare(article=obj)
        was_public = change and Article.objects.published().filter(pk=obj.pk).exists()
        super().save_model(request, obj, form, change)
        services.articles_visibility_sync(article_ids=[obj.pk], was_public={obj.pk} if was_public else set())

    def save_related(self, request, form, formsets, change):
        # The links before the edit: a device the article no longer links must move too.
        before = list(form.instance.devices.values_list("pk", flat=True)) if change else []
        super().save_related(request, form, formsets, change)
        services.article_changed(article_id=form.instance.pk, device_ids_before=before)

    def delete_model(self, request, obj):
        services.article_delete(article=obj)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            services.article_delete(article=article)

    @admin.action(description="Publish selected articles", permissions=["change"])
    def publish(self, request, queryset):
        count = services.articles_set_status(
            article_ids=list(queryset.values_list("pk", flat=True)), status="published"
        )
        self.message_user(request, f"{count} article{'s' if count != 1 else ''} published.", messages.SUCCESS)

    @admin.action(description="Move selected articles back to draft", permissions=["change"])
    def unpublish(self, request, queryset):
        count = services.articles_set_status(article_ids=list(queryset.values_list("pk", flat=True)), status="draft")
        self.message_user(request, f"{count} article{'s' if count != 1 else ''} moved to draft.", messages.SUCCESS)


# --- Partner API keys --------------------------------------------------------------

# The library registers its own key model; partners use PartnerKey, so hide the unused one.
if admin.site.is_registered(APIKey):
    admin.site.unregister(APIKey)


class PartnerKeyInline(admin.TabularInline):
    model = PartnerKey
    fields = ["prefix", "name", "scopes", "last_used_at", "expiry_date", "revoked"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False  # keys are issued from their own page, where the secret is shown once


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "contact_name", "contact_email", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "contact_name", "contact_email"]
    fields = ["name", "status", "contact_name", "contact_email"]
    inlines = [PartnerKeyInline]


class PartnerKeyForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        choices=PartnerKey.Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[PartnerKey.Scope.CATALOG_READ],
        help_text="Anonymous callers read the published catalog without prices; a key adds what is ticked.",
    )

    class Meta:
        model = PartnerKey
        fields = ["name", "partner", "scopes", "rate_per_minute", "expiry_date", "revoked"]


@admin.register(PartnerKey)
class PartnerKeyAdmin(APIKeyModelAdmin):
    form = PartnerKeyForm
    list_display = ["prefix", "name", "partner", "scope_list", "last_used_at", "expiry_date", "revoked", "created"]
    list_filter = ["revoked", "partner", "created", "last_used_at"]
    search_fields = ["name", "partner__name", "prefix"]
    list_select_related = ["partner"]
    autocomplete_fields = ["partner"]
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        readonly = ["prefix", "created", "created_by", "last_used_at"]
        if obj is not None and obj.revoked:
            readonly += ["name", "partner", "scopes", "rate_per_minute", "expiry_date", "revoked"]
        return readonly

    def get_fields(self, request, obj=None):
        fields = ["name", "partner", "scopes", "rate_per_minute", "expiry_date", "revoked"]
        return fields if obj is None else ["prefix", *fields, "created", "created_by", "last_used_at"]

    @admin.display(description="scopes")
    def scope_list(self, obj):
        return ", ".join(obj.scopes or []) or "—"

    def save_model(self, request, obj, form, change):
        if change:
            obj.save()
            return
        plain = services.partner_key_issue(key=obj, created_by=request.user)
        self.message_user(
            request,
            f"The API key for {obj.partner} is {plain} — copy it now and send it to the partner safely. "
            "It is shown only this once: the site keeps only its hash.",
            messages.WARNING,
        )

    @admin.action(description="Revoke selected keys (cannot be undone)", permissions=["change"])
    def revoke(self, request, queryset):
        count = services.partner_keys_revoke(key_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(request, f"{count} key{'s' if count != 1 else ''} revoked.", messages.SUCCESS)


@admin.register(LegalPage)
class LegalPageAdmin(admin.ModelAdmin):
    """The three legal pages exist from the first migration on: editors change them, never add or remove."""

    list_display = ["title", "kind", "updated_at"]
    readonly_fields = ["kind", "updated_at"]
    fields = ["kind", "title", "summary", "body", "updated_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
