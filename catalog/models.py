"""Catalog data: families and their spec definitions, devices, options, treatments."""

import json
from decimal import Decimal

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator, RegexValidator
from django.db import connection, models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django_countries.fields import CountryField
from rest_framework_api_key.models import AbstractAPIKey, APIKeyManager

from catalog import specs
from catalog.money import format_money

FITZPATRICK_TYPES = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI"}
IMAGE_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "svg"]


def currency_choices():
    return [(code, code) for code in settings.CATALOG_CURRENCIES]


class Treatment(models.Model):
    """A clinical indication a device is used for, such as tattoo removal."""

    name = models.CharField(max_length=120, unique=True, help_text="For example: Tattoo removal")
    slug = models.SlugField(max_length=140, unique=True, help_text="URL part, for example: tattoo-removal")
    summary = models.CharField(max_length=300, blank=True, help_text="One sentence shown on cards.")
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=100)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug or slugify(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("catalog:treatment-detail", kwargs={"slug": self.slug})


class Family(models.Model):
    """A device category such as "Fractional CO2 laser"; it defines the specs its devices carry."""

    class Illustration(models.TextChoices):
        # Which drawing the generated device images use.
        LASER_CART = "laser_cart", "Laser cart with articulated arm"
        TOWER = "tower", "Tower with handpieces"
        TABLETOP = "tabletop", "Tabletop console"
        BODY = "body", "Body-contouring station"
        ANALYSER = "analyser", "Imaging analyser"
        HELMET = "helmet", "Helmet / cap"

    name = models.CharField(max_length=120, unique=True, help_text="For example: Fractional CO2 laser")
    slug = models.SlugField(max_length=140, unique=True, help_text="URL part, for example: fractional-co2-laser")
    pitch = models.CharField(max_length=240, blank=True, help_text="One line shown on the home page.")
    description = models.TextField(blank=True)
    illustration = models.CharField(max_length=20, choices=Illustration.choices, default=Illustration.TOWER)
    order = models.PositiveSmallIntegerField(default=100)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "families"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug or slugify(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("catalog:family-detail", kwargs={"slug": self.slug})


class SpecDefinition(models.Model):
    """One typed specification that devices of a family carry, such as "Laser power (W)"."""

    ValueType = specs.ValueType

    class Group(models.TextChoices):
        OPTICAL = "optical", "Optical"
        ENERGY = "energy", "Energy and output"
        TREATMENT = "treatment", "Treatment"
        COOLING = "cooling", "Cooling"
        ELECTRICAL = "electrical", "Electrical"
        PHYSICAL = "physical", "Physical"
        INTERFACE = "interface", "Interface"

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="spec_definitions")
    key = models.SlugField(max_length=60, help_text="Stable machine name, for example: power")
    label = models.CharField(max_length=120, help_text="For example: Laser power")
    unit = models.CharField(max_length=20, blank=True, help_text="For example: W, nm, mm, J/cm²")
    value_type = models.CharField(max_length=20, choices=specs.ValueType.choices)
    choices = models.JSONField(
        default=list, blank=True, help_text='Allowed values for choice types, for example: ["532", "755", "1064"]'
    )
    group = models.CharField(max_length=20, choices=Group.choices, default=Group.TREATMENT)
    filterable = models.BooleanField(default=False, help_text="Offered as a filter on the family page.")
    comparable = models.BooleanField(default=True, help_text="Shown in the comparison table.")
    highlight = models.BooleanField(default=False, help_text="Shown as a key spec on device cards.")
    order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["family", "order", "label"]
        constraints = [
            models.UniqueConstraint(fields=["family", "key"], name="specdefinition_unique_key_per_family"),
        ]

    def __str__(self):
        return f"{self.label} ({self.unit})" if self.unit else self.label

    def clean(self):
        has_choices = self.value_type in (specs.ValueType.CHOICE, specs.ValueType.MULTI_CHOICE)
        if has_choices and not self.choices:
            raise ValidationError({"choices": "A choice spec needs at least one allowed value."})
        if not has_choices and self.choices:
            raise ValidationError({"choices": "Only choice and multi-choice specs take a list of choices."})
        if has_choices:
            if not all(isinstance(c, str) and c.strip() for c in self.choices):
                raise ValidationError({"choices": "Choices are a list of non-empty strings."})
            # Editors type several choices separated by these characters.
            if any(sep in c for c in self.choices for sep in specs.CHOICE_SEPARATORS):
                raise ValidationError(
                    {
                        "choices": f"A choice cannot contain {' '.join(specs.CHOICE_SEPARATORS)}; "
                        "write “0.5 to 2” instead."
                    }
                )
            if len(set(self.choices)) != len(self.choices):
                raise ValidationError({"choices": "Choices must not repeat."})


class DeviceQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Device.Status.PUBLISHED)

    def listed(self):
        """Devices a buyer may open: published, and discontinued ones kept for reference."""
        return self.filter(status__in=[Device.Status.PUBLISHED, Device.Status.DISCONTINUED])


class Device(models.Model):
    """A device model the vendor sells, such as a 60 W fractional CO2 laser."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        DISCONTINUED = "discontinued", "Discontinued"

    # What a buyer can still ask about and staff can still quote: not drafts.
    PICKABLE_STATUSES = (Status.PUBLISHED, Status.DISCONTINUED)

    family = models.ForeignKey(Family, on_delete=models.PROTECT, related_name="devices")
    sku = models.CharField("model number / SKU", max_length=40, unique=True, help_text="For example: HC-CO2-60")
    name = models.CharField(max_length=160, help_text="For example: Fractional CO2 Laser 60 W")
    slug = models.SlugField(max_length=180, unique=True)
    summary = models.CharField(max_length=300, help_text="One or two sentences shown on cards and in search.")
    description = models.TextField(blank=True, help_text="Paragraphs separated by a blank line.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    featured = models.BooleanField(default=False, help_text="Shown on the home page.")
    list_price = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Unit price for one device, for example: 18500.00. Leave empty for price on request.",
    )
    currency = models.CharField(max_length=3, choices=currency_choices, default="USD")
    price_on_request = models.BooleanField(default=False)
    # Internal: never in a stored document, the API or a page a buyer sees; sales managers read
    # the margin of a discount against it.
    unit_cost = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="What one device costs us, in its currency, for example: 11200.00 (internal, for margins).",
    )
    treatment_price = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text="What a clinic typically charges per treatment, in the device's currency, for example: 250.00. "
        "The default of a quote's payback estimate; the salesperson can change it per quote line.",
    )
    warranty_months = models.PositiveSmallIntegerField(default=24, help_text="For example: 24")
    lead_time_days = models.PositiveSmallIntegerField(default=21, help_text="Working days from order to dispatch.")
    skin_type_min = models.PositiveSmallIntegerField(
        "lightest Fitzpatrick type", default=1, validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    skin_type_max = models.PositiveSmallIntegerField(
        "darkest Fitzpatrick type", default=6, validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    treatments = models.ManyToManyField(Treatment, related_name="devices", blank=True)
    successor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="predecessors",
        help_text="The model that replaces this one once it is discontinued, for example: Fractional CO2 Laser FX-40.",
    )
    brochure = models.FileField(upload_to="brochures/", blank=True, validators=[FileExtensionValidator(["pdf"])])
    # What search reads beyond the name and summary: spec values in the ways buyers type
    # them ("60 W", "60W", "10600 nm"), options, treatments. Kept current by catalog.search.
    search_text = models.TextField(blank=True, editable=False)
    # Full-text document, filled by catalog.search on PostgreSQL (GIN-indexed there); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = DeviceQuerySet.as_manager()

    class Meta:
        ordering = ["family__order", "name"]
        indexes = [
            # API sync pages: WHERE (updated_at, id) > cursor ORDER BY updated_at, id LIMIT n
            models.Index(fields=["updated_at", "id"], name="device_sync_position"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(price_on_request=True) | Q(list_price__isnull=False),
                name="device_has_price_or_on_request",
                violation_error_message="Give a list price or tick “price on request”.",
            ),
            models.CheckConstraint(
                condition=Q(skin_type_min__gte=1, skin_type_max__lte=6, skin_type_min__lte=models.F("skin_type_max")),
                name="device_skin_types_in_order",
                violation_error_message="Fitzpatrick types run from I to VI, lightest first.",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug or slugify(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("catalog:device-detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.price_on_request and self.list_price is not None:
            raise ValidationError({"list_price": "Leave the price empty when it is given on request."})
        if self.successor_id is not None:
            if self.successor_id == self.pk:
                raise ValidationError({"successor": "A device cannot succeed itself."})
            if self.successor.status != Device.Status.PUBLISHED:
                raise ValidationError({"successor": "Choose a published device as the successor."})

    @property
    def is_discontinued(self) -> bool:
        return self.status == Device.Status.DISCONTINUED

    @property
    def price_label(self) -> str:
        if self.price_on_request or self.list_price is None:
            return "Price on request"
        return format_money(self.list_price, self.currency)

    @property
    def skin_types_label(self) -> str:
        low, high = FITZPATRICK_TYPES[self.skin_type_min], FITZPATRICK_TYPES[self.skin_type_max]
        return low if low == high else f"{low}–{high}"

    @property
    def skin_types(self) -> list[int]:
        return list(range(self.skin_type_min, self.skin_type_max + 1))


class PriceTier(models.Model):
    """A lower unit price for orders of at least `min_quantity` devices."""

    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="price_tiers")
    min_quantity = models.PositiveSmallIntegerField(validators=[MinValueValidator(2)], help_text="For example: 3")
    unit_price = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))])

    class Meta:
        ordering = ["device", "min_quantity"]
        constraints = [
            models.UniqueConstraint(fields=["device", "min_quantity"], name="pricetier_unique_quantity"),
        ]

    def __str__(self):
        return f"{self.min_quantity}+ at {self.unit_price}"


class Certification(models.Model):
    """A regulatory clearance or quality certificate held for a device, possibly per market."""

    class Authority(models.TextChoices):
        FDA_510K = "fda_510k", "FDA 510(k)"
        CE_MDR = "ce_mdr", "CE (EU MDR)"
        UKCA = "ukca", "UKCA"
        TGA = "tga", "TGA (ARTG)"
        HEALTH_CANADA = "health_canada", "Health Canada MDL"
        ISO_13485 = "iso_13485", "ISO 13485"

    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="certifications")
    authority = models.CharField(max_length=20, choices=Authority.choices)
    identifier = models.CharField(max_length=80, help_text="For example: K203456 or CE 2797")
    countries = CountryField(multiple=True, blank=True, help_text="Markets this certificate covers.")
    issued_on = models.DateField(null=True, blank=True)
    expires_on = models.DateField(null=True, blank=True)
    evidence = models.FileField(upload_to="certificates/", blank=True, validators=[FileExtensionValidator(["pdf"])])

    class Meta:
        ordering = ["device", "authority"]
        constraints = [
            models.UniqueConstraint(fields=["device", "authority", "identifier"], name="certification_unique"),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(issued_on__isnull=True)
                | Q(expires_on__gt=models.F("issued_on")),
                name="certification_expires_after_issue",
                violation_error_message="A certificate expires after it is issued.",
            ),
        ]

    def __str__(self):
        return f"{self.get_authority_display()} {self.identifier}"


class DeviceImage(models.Model):
    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="images")
    image = models.FileField(upload_to="devices/", validators=[FileExtensionValidator(IMAGE_EXTENSIONS)])
    alt_text = models.CharField(max_length=200, help_text="What the picture shows, for screen readers.")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["device", "order", "id"]

    def __str__(self):
        return self.alt_text


class DeviceOption(models.Model):
    """A power variant, handpiece, cartridge, consumable or accessory with its price delta."""

    class Kind(models.TextChoices):
        POWER_VARIANT = "power_variant", "Power variant"
        HANDPIECE = "handpiece", "Handpiece"
        CARTRIDGE = "cartridge", "Cartridge"
        CONSUMABLE = "consumable", "Consumable"
        ACCESSORY = "accessory", "Accessory"

    # Headings over several options of a kind: written out, since English plurals are not one rule.
    KIND_PLURALS = {
        Kind.POWER_VARIANT: "Power variants",
        Kind.HANDPIECE: "Handpieces",
        Kind.CARTRIDGE: "Cartridges",
        Kind.CONSUMABLE: "Consumables",
        Kind.ACCESSORY: "Accessories",
    }

    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="options")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = models.CharField(max_length=160, help_text="For example: Gynecology handpiece")
    slug = models.SlugField(max_length=180)
    sku = models.CharField(max_length=40, blank=True)
    description = models.CharField(max_length=300, blank=True)
    price_delta = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        help_text="Added to the device price, in the device's currency; negative for a cheaper variant.",
    )
    included = models.BooleanField(default=False, help_text="Ships with the device at no extra cost.")
    # A consumable's usage, for the running costs a quote forecasts: one unit (cartridge, box of
    # tips, bottle of gel) delivers `uses_per_unit` shots or treatments; a treatment takes `uses_per_treatment`.
    uses_per_unit = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="For a consumable: shots or treatments one unit delivers, for example: 10000 (a HIFU cartridge).",
    )
    uses_per_treatment = models.PositiveIntegerField(
        default=1,
        validators=[MinValueValidator(1)],
        help_text="Shots (or units of use) one treatment takes, for example: 800; 1 for a single-use tip.",
    )
    order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["device", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["device", "slug"], name="deviceoption_unique_slug"),
            models.CheckConstraint(
                condition=Q(included=False) | Q(price_delta=0),
                name="deviceoption_included_is_free",
                violation_error_message="An included option has no price delta.",
            ),
            models.CheckConstraint(
                condition=Q(uses_per_unit__isnull=True) | Q(uses_per_unit__gte=1, uses_per_treatment__gte=1),
                name="deviceoption_usage_positive",
                violation_error_message="A consumable delivers at least one use, and a treatment takes at least one.",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.slug = self.slug or slugify(self.name)
        super().save(*args, **kwargs)


class SpecValueQuerySet(models.QuerySet):
    def with_choice(self, choice: str):
        """Values whose choice list includes `choice`.

        PostgreSQL answers JSON containment from the jsonb column. SQLite has no JSON
        containment, so there we match the quoted JSON string inside the stored text,
        which Django writes with non-ASCII escaped, exactly as json.dumps() spells it.
        """
        if connection.vendor == "postgresql":
            return self.filter(value_choices__contains=[choice])
        return self.filter(value_choices__icontains=json.dumps(choice))


class SpecValue(models.Model):
    """A device's value for one of its family's spec definitions, stored in typed columns."""

    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="spec_values")
    definition = models.ForeignKey(SpecDefinition, on_delete=models.CASCADE, related_name="values")
    value_number = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    value_min = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    value_max = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    value_text = models.CharField(max_length=300, blank=True)
    value_choices = models.JSONField(default=list, blank=True)
    value_bool = models.BooleanField(null=True, blank=True)

    objects = SpecValueQuerySet.as_manager()

    class Meta:
        ordering = ["definition__order"]
        constraints = [
            models.UniqueConstraint(fields=["device", "definition"], name="specvalue_one_per_definition"),
        ]

    def __str__(self):
        return f"{self.definition.label}: {self.display}"

    @property
    def typed(self) -> specs.TypedValue:
        return specs.TypedValue(
            number=self.value_number,
            minimum=self.value_min,
            maximum=self.value_max,
            text=self.value_text,
            choices=list(self.value_choices or []),
            boolean=self.value_bool,
        )

    def set_typed(self, typed: specs.TypedValue) -> None:
        self.value_number = typed.number
        self.value_min = typed.minimum
        self.value_max = typed.maximum
        self.value_text = typed.text
        self.value_choices = typed.choices
        self.value_bool = typed.boolean

    @property
    def display(self) -> str:
        return specs.format_value(self.definition, self.typed)

    @property
    def data(self):
        """The value as plain JSON-able data (numbers as strings keep their precision)."""
        return specs.as_data(self.definition, self.typed)

    def clean(self):
        if self.device_id and self.definition_id and self.device.family_id != self.definition.family_id:
            raise ValidationError(
                {"definition": f"“{self.definition.label}” belongs to another family than this device."}
            )
        if self.definition_id:
            errors = specs.validate_typed(self.definition, self.typed)
            if errors:
                raise ValidationError({"definition": errors})


# --- Knowledge base ------------------------------------------------------------

DOI_VALIDATOR = RegexValidator(r"^10\.\d{4,9}/\S+$", "A DOI looks like 10.1111/jocd.13798.")


class ArticleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())


class Article(models.Model):
    """A clinical guide: procedure steps, pre- and post-care, mechanism, comparisons."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200, help_text="For example: Fractional CO2 resurfacing, step by step")
    slug = models.SlugField(max_length=220, unique=True)
    takeaway = models.TextField(
        "key takeaway", max_length=800, help_text="Two or three sentences a busy clinician can act on."
    )
    body = models.TextField(help_text="Markdown: ## headings, lists, | tables |, [links](https://...).")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    author = models.CharField(max_length=120, default="Clinical applications team")
    published_at = models.DateTimeField(null=True, blank=True, help_text="Filled in on first publication.")
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)
    devices = models.ManyToManyField(Device, related_name="articles", blank=True)
    families = models.ManyToManyField(Family, related_name="articles", blank=True)
    treatments = models.ManyToManyField(Treatment, related_name="articles", blank=True)
    # Full-text document, filled by catalog.search on PostgreSQL (GIN-indexed there); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.slug = self.slug or slugify(self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("catalog:article-detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


class ArticleFaq(models.Model):
    """A "people also ask" entry: a question with a short answer and/or a link to another article."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(max_length=300, help_text="For example: How long does redness last?")
    answer = models.TextField(blank=True, max_length=1200)
    link_article = models.ForeignKey(
        Article,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Another article that answers the question in depth.",
    )
    order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["article", "order", "id"]
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ entries"

    def __str__(self):
        return self.question

    def clean(self):
        if not self.answer and not self.link_article_id:
            raise ValidationError("Give a short answer, a linked article, or both.")
        if self.link_article_id and self.link_article_id == self.article_id:
            raise ValidationError({"link_article": "Link another article, not this one."})


class ArticleReference(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="references")
    citation = models.TextField(max_length=600, help_text="Authors. Title. Journal year;volume:pages.")
    doi = models.CharField(
        "DOI", max_length=120, blank=True, validators=[DOI_VALIDATOR], help_text="10.1111/jocd.13798"
    )
    url = models.URLField(blank=True, max_length=500)
    order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["article", "order", "id"]

    def __str__(self):
        return self.citation[:80]

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    def clean(self):
        if not self.doi and not self.url:
            raise ValidationError("Give a DOI, a URL, or both.")


# --- The vendor's legal pages -------------------------------------------------------


class LegalPage(models.Model):
    """One of the vendor's legal pages, edited in the admin and linked wherever a buyer gives data."""

    class Kind(models.TextChoices):
        PRIVACY = "privacy", "Privacy policy"
        TERMS = "terms", "Terms of sale"
        IMPRINT = "imprint", "Imprint"

    kind = models.CharField(max_length=20, choices=Kind.choices, unique=True)
    title = models.CharField(max_length=160, help_text="For example: Privacy policy")
    summary = models.CharField(
        max_length=300, blank=True, help_text="One sentence for search engines, for example: How we use your details."
    )
    body = models.TextField(help_text="Markdown: ## headings, lists, [links](https://...).")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("catalog:legal-page", kwargs={"kind": self.kind})


# --- Partner API ---------------------------------------------------------------


def default_key_scopes() -> list[str]:
    return [PartnerKey.Scope.CATALOG_READ]


class PartnerQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Partner.Status.ACTIVE)


class Partner(models.Model):
    """An organisation that calls the API (distributor, marketplace, partner site): it holds keys and owns the
    leads and quotes it pushes, and sees only those.

    Lives in catalog beside its keys; the quotes app points its leads and quotes at it.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        SUSPENDED = "suspended", "Suspended (its keys are refused)"

    name = models.CharField(max_length=160, unique=True, help_text="For example: MedEquip GmbH (distributor, Germany)")
    contact_name = models.CharField(max_length=120, blank=True, help_text="For example: Jonas Weber")
    contact_email = models.EmailField(blank=True, help_text="For example: it@medequip.example")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == self.Status.ACTIVE


class PartnerKeyManager(APIKeyManager):
    def get_usable_keys(self):
        # A suspended partner's keys are refused like revoked ones; its partner comes in the same query.
        return super().get_usable_keys().filter(partner__status=Partner.Status.ACTIVE).select_related("partner")


class PartnerKey(AbstractAPIKey):
    """A partner's API key: only its hash is stored; the prefix before the dot identifies it.

    The library's fields: `id` (prefix.hash), `prefix`, `hashed_key`, `created`, `name`,
    `revoked` (cannot be undone), `expiry_date`.
    """

    class Scope(models.TextChoices):
        CATALOG_READ = "catalog:read", "Read the published catalog"
        PRICES = "prices:read", "See prices, price tiers and option price deltas"
        DRAFTS = "catalog:drafts", "See draft and discontinued devices, filter by status"
        LEADS_WRITE = "leads:write", "Push consultation requests and leads"
        QUOTES_READ = "quotes:read", "Read quote status and PDFs"
        QUOTES_WRITE = "quotes:write", "Create quotes and ask for their PDFs"

    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="keys", help_text="The organisation that holds the key."
    )
    scopes = models.JSONField(
        default=default_key_scopes, blank=True, help_text='What the key may do, for example: ["catalog:read"]'
    )
    rate_per_minute = models.PositiveIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="Requests per minute, for example: 600. Leave empty for the site default (API_KEY_RATE).",
    )
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    objects = PartnerKeyManager()

    class Meta(AbstractAPIKey.Meta):
        verbose_name = "partner API key"
        verbose_name_plural = "partner API keys"

    def __str__(self):
        return f"{self.name} ({self.prefix})"

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])

    def clean(self):
        super().clean()
        unknown = [s for s in self.scopes or [] if s not in self.Scope.values]
        if not isinstance(self.scopes, list) or unknown:
            raise ValidationError({"scopes": f"Unknown scopes: {', '.join(map(str, unknown)) or self.scopes!r}."})


class Tombstone(models.Model):
    """What is left of a device, article, family or treatment that left the public catalog.

    Partners that sync see it as `{"id", "slug", "deleted": true, "updated_at"}` and remove
    their copy. A device or article that is published again loses its tombstone.
    """

    class Kind(models.TextChoices):
        DEVICE = "device", "Device"
        ARTICLE = "article", "Article"
        FAMILY = "family", "Family"
        TREATMENT = "treatment", "Treatment"

    class Reason(models.TextChoices):
        UNPUBLISHED = "unpublished", "Unpublished"
        DELETED = "deleted", "Deleted"

    class Audience(models.TextChoices):
        # Who could have seen the row, so who must learn it is gone; nobody else hears of it.
        PUBLIC = "public", "Everyone (it was public)"
        DRAFTS = "drafts", "Callers with catalog:drafts (it was never published)"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    slug = models.SlugField(max_length=220)
    reason = models.CharField(max_length=20, choices=Reason.choices)
    audience = models.CharField(max_length=10, choices=Audience.choices, default=Audience.PUBLIC)
    removed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["kind", "removed_at", "object_id"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="tombstone_one_per_object"),
        ]
        indexes = [
            # API sync pages: WHERE kind = ? AND (removed_at, object_id) > cursor ORDER BY removed_at, object_id
            models.Index(fields=["kind", "removed_at", "object_id"], name="tombstone_sync_position"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} ({self.slug}) {self.reason}"


# --- Stored documents ----------------------------------------------------------
#
# What the API, the sync walk and the catalog pages read instead of serialising rows on
# every request: each row's public representation, built by `catalog.documents` in the
# same transaction as any change to what it contains (`catalog.services`), stored as
# ready-to-send JSON bytes with the sync position it was built at. One table per kind,
# each row tied to its object by a cascading foreign key, so a deleted object can never
# leave a document behind. Languages are rows: a document per (object, language).


class CatalogDocument(models.Model):
    language = models.CharField(max_length=12, help_text="For example: en")
    slug = models.SlugField(max_length=220)
    # The object's sync position when the document was built: its `updated_at` (for an
    # article, the later of that and its publication). Lists in sync order walk this.
    position = models.DateTimeField()
    # The API item as JSON bytes, for callers without prices:read.
    public = models.BinaryField()

    class Meta:
        abstract = True


class DeviceDocument(CatalogDocument):
    device = models.ForeignKey(Device, on_delete=models.CASCADE, related_name="documents")
    # Copied from the device, so the unfiltered list never joins the device table.
    status = models.CharField(max_length=20, choices=Device.Status.choices)
    # The API item with prices, tiers and option price deltas (prices:read).
    priced = models.BinaryField()
    # What a device card on the catalog pages shows, as JSON bytes (catalog.documents.DeviceCard).
    card = models.BinaryField()
    # When the content changes without a write (a linked guide that is scheduled goes live):
    # the periodic rebuild (catalog.tasks) picks up documents whose moment has come.
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["device", "language"], name="devicedocument_one_per_language"),
        ]
        indexes = [
            # API sync pages: WHERE language = ? AND (position, device_id) > cursor ORDER BY position, device_id LIMIT n
            models.Index(fields=["language", "position", "device"], name="devicedocument_sync"),
            # API items: WHERE language = ? AND slug = ?
            models.Index(fields=["language", "slug"], name="devicedocument_slug"),
            # The periodic rebuild: WHERE expires_at <= now
            models.Index(fields=["expires_at"], name="devicedocument_expiry", condition=Q(expires_at__isnull=False)),
        ]

    def __str__(self):
        return f"{self.slug} ({self.language})"


class FamilyDocument(CatalogDocument):
    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="documents")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["family", "language"], name="familydocument_one_per_language"),
        ]
        indexes = [
            models.Index(fields=["language", "position", "family"], name="familydocument_sync"),
            models.Index(fields=["language", "slug"], name="familydocument_slug"),
        ]

    def __str__(self):
        return f"{self.slug} ({self.language})"


class TreatmentDocument(CatalogDocument):
    treatment = models.ForeignKey(Treatment, on_delete=models.CASCADE, related_name="documents")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["treatment", "language"], name="treatmentdocument_one_per_language"),
        ]
        indexes = [
            models.Index(fields=["language", "position", "treatment"], name="treatmentdocument_sync"),
            models.Index(fields=["language", "slug"], name="treatmentdocument_slug"),
        ]

    def __str__(self):
        return f"{self.slug} ({self.language})"


class ArticleDocument(CatalogDocument):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="documents")
    status = models.CharField(max_length=20, choices=Article.Status.choices)
    # Public from this moment when published (a scheduled article is stored ahead of time).
    live_from = models.DateTimeField(null=True, blank=True)
    # When an FAQ entry's linked guide goes live (see DeviceDocument.expires_at).
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "language"], name="articledocument_one_per_language"),
        ]
        indexes = [
            models.Index(fields=["language", "position", "article"], name="articledocument_sync"),
            models.Index(fields=["language", "slug"], name="articledocument_slug"),
            models.Index(fields=["expires_at"], name="articledocument_expiry", condition=Q(expires_at__isnull=False)),
        ]

    def __str__(self):
        return f"{self.slug} ({self.language})"


class SyncState(models.Model):
    """Per kind, how many times stored documents were written and removed.

    `removals` is part of every list's ETag: an insert or an edit leaves a position behind
    that the ETag sees, a removal leaves none (a never-published draft deleted, a tombstone
    cleared), so each removal counts here, in the transaction that removes.

    `writes` counts every batch of documents stored, in the transaction that stores them.
    With `removals` and `changed_at` it makes the catalog's version (`selectors.catalog_version`),
    the key of the cached public pages: unlike positions, which come from clocks and commit out
    of order, a counter bumped under the row's lock moves exactly when a change commits; the
    time of the last bump tells apart two databases that reached the same count (a restored
    backup, a test database).
    """

    kind = models.CharField(max_length=20, choices=Tombstone.Kind.choices, unique=True)
    removals = models.PositiveBigIntegerField(default=0)
    writes = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.kind}: {self.removals} removals"
