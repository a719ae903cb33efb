"""What the catalog API returns, described for the OpenAPI schema: explicit fields, absolute URLs, prices.

The API writes stored documents out (`catalog.documents` builds them); these serializers
describe their shapes to drf-spectacular. They still serialise, over rows loaded by
`catalog.documents`, and a test proves they give exactly the stored documents, so the
schema cannot drift from what the API sends. The caller's `Access` comes in the context.
"""

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field, inline_serializer
from rest_framework import serializers

from catalog import selectors, specs
from catalog.documents import absolute_url, file_url
from catalog.models import FITZPATRICK_TYPES, Device, DeviceOption

DELETED_FALSE = {"type": "boolean", "enum": [False], "description": "Always false on a live item."}
SPEC_VALUE_SCHEMA = {
    "description": (
        'Typed by `type`: number → a decimal string ("60", "0.5"); range → {"min", "max"} decimal '
        "strings; text and choice → a string; multi_choice → a list of strings; boolean → true/false."
    ),
    "oneOf": [
        {"type": "string"},
        {
            "type": "object",
            "properties": {"min": {"type": "string"}, "max": {"type": "string"}},
            "required": ["min", "max"],
        },
        {"type": "array", "items": {"type": "string"}},
        {"type": "boolean"},
    ],
    "nullable": True,
}


class ErrorSerializer(serializers.Serializer):
    """The one error shape of the whole API (config.api)."""

    error = inline_serializer(
        "ErrorDetail",
        fields={
            "code": serializers.CharField(
                help_text="Stable, for programs: invalid, unauthenticated, forbidden, not_found, rate_limited, …"
            ),
            "message": serializers.CharField(help_text="For people."),
            "fields": serializers.DictField(
                child=serializers.ListField(child=serializers.CharField()),
                required=False,
                help_text="Only when given parameters or fields are at fault: messages by name.",
            ),
        },
    )


class TombstoneSerializer(serializers.Serializer):
    """An item that left the list since the consumer's last sync: remove it."""

    id = serializers.IntegerField()
    slug = serializers.CharField()
    deleted = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField(help_text="When it left: unpublished, deleted or filtered out.")

    @extend_schema_field({"type": "boolean", "enum": [True]})
    def get_deleted(self, entry) -> bool:
        return True

    def to_representation(self, entry):
        return {
            "id": entry.position.id,
            "slug": entry.slug,
            "deleted": True,
            "updated_at": serializers.DateTimeField().to_representation(entry.position.value),
        }


class RefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()


class SpecDefinitionSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Stable machine name, the key of `specs` on devices: power")
    label = serializers.CharField()
    unit = serializers.CharField(help_text="W, nm, mm, J/cm²; empty when the value has none.")
    type = serializers.ChoiceField(source="value_type", choices=specs.ValueType.choices)
    choices = serializers.ListField(child=serializers.CharField(), help_text="Allowed values of choice types.")
    group = serializers.CharField()
    filterable = serializers.BooleanField()
    comparable = serializers.BooleanField()
    highlight = serializers.BooleanField()
    order = serializers.IntegerField()


# What every synced item starts with: id, slug, `deleted: false`, and the `url` of its page.
# (A comment, not a docstring: drf-spectacular would copy a docstring into each schema.)
class CatalogItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    deleted = serializers.SerializerMethodField()

    @extend_schema_field(DELETED_FALSE)
    def get_deleted(self, obj) -> bool:
        return False

    def get_url(self, obj) -> str:
        return absolute_url(obj.get_absolute_url())


class FamilySerializer(CatalogItemSerializer):
    name = serializers.CharField()
    pitch = serializers.CharField()
    description = serializers.CharField()
    order = serializers.IntegerField(help_text="The vendor's display order, lowest first.")
    url = serializers.SerializerMethodField(help_text="The family's page on the public site.")
    spec_definitions = SpecDefinitionSerializer(many=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class TreatmentSerializer(CatalogItemSerializer):
    name = serializers.CharField()
    summary = serializers.CharField()
    description = serializers.CharField()
    order = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


class SpecSerializer(serializers.Serializer):
    label = serializers.CharField(source="definition.label")
    unit = serializers.CharField(source="definition.unit")
    type = serializers.ChoiceField(source="definition.value_type", choices=specs.ValueType.choices)
    group = serializers.CharField(source="definition.group")
    value = serializers.SerializerMethodField()
    display = serializers.CharField(help_text="As the site shows it: “60 W”, “1–10 mm”, “755 / 1064 nm”.")

    @extend_schema_field(SPEC_VALUE_SCHEMA)
    def get_value(self, spec_value):
        return spec_value.data


class PriceTierSerializer(serializers.Serializer):
    min_quantity = serializers.IntegerField()
    unit_price = serializers.DecimalField(max_digits=12, decimal_places=2)


class PriceSerializer(serializers.Serializer):
    list_price = serializers.DecimalField(
        max_digits=12, decimal_places=2, allow_null=True, help_text="Null when the price is given on request."
    )
    currency = serializers.CharField(help_text="ISO 4217, also of option price deltas and tiers.")
    on_request = serializers.BooleanField(source="price_on_request")
    tiers = PriceTierSerializer(many=True, source="price_tiers.all", help_text="Lower unit prices by quantity.")


class OptionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    kind = serializers.ChoiceField(choices=DeviceOption.Kind.choices)
    name = serializers.CharField()
    sku = serializers.CharField()
    description = serializers.CharField()
    included = serializers.BooleanField(help_text="Ships with the device at no extra cost.")
    price_delta = serializers.SerializerMethodField(
        help_text="Added to the device price, in its currency (negative: cheaper). Null without prices:read."
    )

    @extend_schema_field({"type": "string", "format": "decimal", "nullable": True, "example": "1500.00"})
    def get_price_delta(self, option) -> str | None:
        return f"{option.price_delta:.2f}" if self.context["access"].prices else None


class CertificationSerializer(serializers.Serializer):
    authority = serializers.CharField(help_text="fda_510k, ce_mdr, ukca, tga, health_canada, iso_13485")
    authority_label = serializers.CharField(source="get_authority_display")
    identifier = serializers.CharField()
    countries = serializers.SerializerMethodField(help_text="ISO 3166 codes of the markets covered; empty: any.")
    issued_on = serializers.DateField(allow_null=True)
    expires_on = serializers.DateField(allow_null=True)
    evidence_url = serializers.SerializerMethodField()

    def get_countries(self, certification) -> list[str]:
        return [country.code for country in certification.countries]

    def get_evidence_url(self, certification) -> str | None:
        return file_url(certification.evidence)


class ImageSerializer(serializers.Serializer):
    url = serializers.SerializerMethodField()
    alt_text = serializers.CharField()

    def get_url(self, image) -> str:
        return file_url(image.image)


class ArticleRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    published_at = serializers.DateTimeField(help_text="Show the link from this time on (it may be scheduled).")

    def get_url(self, article) -> str:
        return absolute_url(article.get_absolute_url())


class DeviceSerializer(CatalogItemSerializer):
    sku = serializers.CharField(help_text="Model number.")
    name = serializers.CharField()
    status = serializers.ChoiceField(
        choices=Device.Status.choices, help_text="Always published, unless the key has catalog:drafts."
    )
    summary = serializers.CharField()
    description = serializers.CharField()
    featured = serializers.BooleanField()
    family = RefSerializer()
    url = serializers.SerializerMethodField(help_text="The canonical page on the public site.")
    price = serializers.SerializerMethodField(help_text="Null unless the key has the prices:read scope.")
    warranty_months = serializers.IntegerField()
    lead_time_days = serializers.IntegerField(help_text="Working days from order to dispatch.")
    skin_types = serializers.SerializerMethodField(help_text="Suitable Fitzpatrick skin types, 1 (I) to 6 (VI).")
    specs = serializers.SerializerMethodField(help_text="Typed spec values by spec key, in the family's order.")
    options = OptionSerializer(many=True, source="options.all")
    certifications = CertificationSerializer(many=True, source="certifications.all")
    treatments = RefSerializer(many=True, source="treatments.all")
    images = ImageSerializer(many=True, source="images.all")
    brochure_url = serializers.SerializerMethodField()
    articles = ArticleRefSerializer(many=True, source="listed_articles", help_text="Linked clinical guides.")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField(help_text="When anything in this payload last changed.")

    @extend_schema_field(PriceSerializer(allow_null=True))
    def get_price(self, device):
        return PriceSerializer(device).data if self.context["access"].prices else None

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "min": {"type": "integer", "minimum": 1, "maximum": 6},
                "max": {"type": "integer", "minimum": 1, "maximum": 6},
                "labels": {"type": "array", "items": {"type": "string"}, "example": ["II", "III", "IV"]},
            },
            "required": ["min", "max", "labels"],
        }
    )
    def get_skin_types(self, device):
        return {
            "min": device.skin_type_min,
            "max": device.skin_type_max,
            "labels": [FITZPATRICK_TYPES[t] for t in device.skin_types],
        }

    @extend_schema_field(serializers.DictField(child=SpecSerializer()))
    def get_specs(self, device):
        return {sv.definition.key: SpecSerializer(sv).data for sv in device.spec_values.all()}

    def get_brochure_url(self, device) -> str | None:
        return file_url(device.brochure)


class HeadingSerializer(serializers.Serializer):
    level = serializers.IntegerField()
    text = serializers.CharField()
    anchor = serializers.CharField(help_text="The id of the heading in `body_html`.")


class FaqSerializer(serializers.Serializer):
    question = serializers.CharField()
    answer = serializers.CharField()
    link = serializers.SerializerMethodField(help_text="Another guide that answers it in depth, when published.")

    @extend_schema_field(ArticleRefSerializer(allow_null=True))
    def get_link(self, faq):
        target = faq.link_article
        if target is None or not target.is_public:
            return None
        return ArticleRefSerializer(target).data


class ReferenceSerializer(serializers.Serializer):
    citation = serializers.CharField()
    doi = serializers.CharField()
    doi_url = serializers.CharField()
    url = serializers.CharField()


class ArticleSerializer(CatalogItemSerializer):
    title = serializers.CharField()
    takeaway = serializers.CharField(help_text="Two or three sentences a busy clinician can act on.")
    author = serializers.CharField()
    published_at = serializers.DateTimeField()
    reading_minutes = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    body_markdown = serializers.CharField(source="body", help_text="The source, CommonMark with tables.")
    body_html = serializers.SerializerMethodField(help_text="Rendered and sanitised; headings carry ids.")
    toc = serializers.SerializerMethodField(help_text="Level 2 and 3 headings, for a table of contents.")
    faqs = FaqSerializer(many=True, source="faqs.all")
    references = ReferenceSerializer(many=True, source="references.all")
    treatments = RefSerializer(many=True, source="treatments.all")
    families = RefSerializer(many=True, source="families.all")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField(
        source="sync_at", help_text="When anything in this payload last changed, or its publication if later."
    )

    def _rendered(self, article):
        # One render (or cache read) per article for both fields.
        rendered = self.context.setdefault("rendered", {})
        if article.pk not in rendered:
            rendered[article.pk] = selectors.article_rendered(article=article)
        return rendered[article.pk]

    def get_body_html(self, article) -> str:
        return self._rendered(article).html

    @extend_schema_field(HeadingSerializer(many=True))
    def get_toc(self, article):
        return [{"level": h.level, "text": h.text, "anchor": h.anchor} for h in self._rendered(article).toc]


def page_of(name: str, item: type[serializers.Serializer]):
    """The schema of a list page of `item`s (live items and tombstones)."""
    return inline_serializer(
        name,
        fields={
            "results": PolymorphicProxySerializer(
                component_name=f"{name}Item",
                serializers=[item, TombstoneSerializer],
                resource_type_field_name=None,
                many=True,
            ),
            "next": serializers.URLField(
                allow_null=True, help_text="The next page; null on the last one. Follow it exactly as given."
            ),
            "next_sync": serializers.URLField(
                allow_null=True,
                help_text=(
                    "On the last page of a list in sync order: keep it and GET it later for what changed since, "
                    "tombstones included. Null otherwise."
                ),
            ),
        },
    )
