"""The catalog as a spreadsheet (CSV or XLSX): one row per device, read back with a dry run first.

django-import-export does the files, the admin pages, the dry run in a rolled-back transaction
and the per-row report (new, changed field by field, unchanged, refused with the reasons).
What it cannot express by itself, and this module adds:

- Typed specs. The columns depend on the data: one per spec key and unit of the families being
  exported (`spec:power [W]`), so they are made per export and per import (`before_export`,
  `before_import`) instead of declared. A cell is read by the same rules as the admin's spec
  box (catalog.specs: unit, type, choices), against the definition of the device's own family;
  a header whose unit differs from that definition's refuses the cell.
- What a device holds: treatments, options, quantity prices and certificates are one cell
  each, one item a line, fields separated by " | ". Each item is checked by its model's own
  validators and constraints before anything is written.
- Writes through the catalog's services: after the device row is saved,
  `services.device_contents_replace` writes its specs and parts, syncs its visibility and moves
  its sync position and document once (`device_changed`), as the admin does.

Strictness over convenience: an unknown family or treatment, a yes/no cell that says "maybe",
an unparsable date all refuse the row with the reason, never pass as empty. A refused row
stops the whole file (nothing is saved).
"""

import html
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from import_export import fields, resources, widgets

from catalog import services, specs
from catalog.models import Certification, Device, DeviceOption, Family, PriceTier, SpecDefinition, SpecValue, Treatment

SPEC_HEADER = re.compile(r"^spec:(?P<key>[-\w]+)(?: \[(?P<unit>[^\]]+)\])?$")
ITEM_SEPARATOR = " | "
_YES = {"yes", "y", "true", "1"}
_NO = {"no", "n", "false", "0"}


def spec_header(*, key: str, unit: str) -> str:
    return f"spec:{key} [{unit}]" if unit else f"spec:{key}"


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _parse_yes_no(text: str, what: str) -> bool:
    lowered = str(text).strip().lower()
    if lowered in _YES:
        return True
    if lowered in _NO:
        return False
    raise ValueError(f"{what} is yes or no, not “{text}”.")


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _parse_decimal(text: str, what: str) -> Decimal:
    try:
        return Decimal(str(text).strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"{what} is not a number: “{text}”.") from None


def _parse_date(text: str, what: str) -> date | None:
    text = str(text).strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{what} is a date such as 2026-03-31, not “{text}”.") from None


def _diff_side(cell: str, *, drop: str) -> str:
    """One side of a marked-up difference (diff-match-patch HTML): without the `drop` ("ins" or "del") parts."""
    kept = re.sub(rf"<{drop}[^>]*>.*?</{drop}>", "", cell, flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", "", kept)).replace("¶", "")


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():  # XLSX numbers come back as floats
        return str(int(value))
    return str(value).strip()


def _lines(value) -> list[list[str]]:
    """A list cell as items, each split into its fields."""
    return [[part.strip() for part in line.split("|")] for line in _cell_text(value).splitlines() if line.strip()]


def _checked(row, *, line: int, exclude=("device",)):
    """The row if its model's validators and constraints accept it (the device is not known yet)."""
    try:
        row.full_clean(exclude=list(exclude), validate_unique=False)
    except ValidationError as exc:
        problems = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in exc.message_dict.items())
        raise ValueError(f"line {line}: {problems}") from None
    return row


def _no_repeats(keys: list, what: str) -> None:
    seen = set()
    for key in keys:
        if key in seen:
            raise ValueError(f"{what} “{key}” is listed twice.")
        seen.add(key)


class StrictBooleanWidget(widgets.BooleanWidget):
    """yes/no, true/false, 1/0; anything else refuses the row (the library's widget reads "yes" as False)."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        return _parse_yes_no(_cell_text(value), "This column")

    def render(self, value, obj=None, **kwargs):
        return _yes_no(bool(value))


class StrictDecimalWidget(widgets.DecimalWidget):
    """A number, or a readable refusal (the library's widget lets decimal.InvalidOperation escape as a crash)."""

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except (ArithmeticError, ValueError):
            raise ValueError(f"“{value}” is not a number.") from None


class StrictIntegerWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row=row, **kwargs)
        except (ArithmeticError, ValueError):
            raise ValueError(f"“{value}” is not a whole number.") from None


STRICT_WIDGETS = {
    widgets.BooleanWidget: StrictBooleanWidget,
    widgets.DecimalWidget: StrictDecimalWidget,
    widgets.IntegerWidget: StrictIntegerWidget,
}


class FamilyWidget(widgets.ForeignKeyWidget):
    """A family by its slug; an unknown slug refuses the row with its name (not a traceback)."""

    def __init__(self):
        super().__init__(Family, field="slug")

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(_cell_text(value), row=row, **kwargs)
        except Family.DoesNotExist:
            raise ValueError(f"No family has the slug “{value}”.") from None


class ContentsField(fields.Field):
    """A column whose cell states part of what a device holds; parsed into a pending change on the device.

    `read(device)` gives the stored part as cell text, `parse(device, text)` the change it asks
    for (or ValueError with the reason), `text(device, change)` that change as cell text again,
    so "unchanged" and the dry run's before/after compare like with like.
    """

    def __init__(self, *, name: str, resource: "DeviceResource"):
        super().__init__(attribute=name, column_name=name)
        self.name = name
        self.resource = resource

    def get_value(self, instance):
        pending = getattr(instance, "_sheet", {})
        if self.name in pending:
            return self.text(instance, pending[self.name])
        return self.read(instance) if instance.pk else ""

    def export(self, instance, **kwargs):
        return self.get_value(instance)

    def save(self, instance, row, is_m2m=False, **kwargs):
        change = self.parse(instance, row[self.column_name])
        instance.__dict__.setdefault("_sheet", {})[self.name] = change

    def read(self, device: Device) -> str:
        raise NotImplementedError

    def parse(self, device: Device, value):
        raise NotImplementedError

    def text(self, device: Device, change) -> str:
        raise NotImplementedError


class TreatmentsField(ContentsField):
    """Treatment slugs, comma-separated."""

    def read(self, device):
        return ", ".join(sorted(t.slug for t in device.treatments.all()))

    def parse(self, device, value):
        slugs = [s.strip() for s in _cell_text(value).split(",") if s.strip()]
        _no_repeats(slugs, "Treatment")
        known = self.resource.treatments
        unknown = [s for s in slugs if s not in known]
        if unknown:
            raise ValueError(f"No treatment has the slug “{', '.join(unknown)}”.")
        return sorted(slugs)

    def text(self, device, change):
        return ", ".join(change)


class OptionsField(ContentsField):
    """One option a line: kind | slug | name | sku | price delta | included (yes/no)."""

    HEADER = "kind | slug | name | sku | price delta | included"

    def read(self, device):
        return "\n".join(self._line(o) for o in device.options.all())

    def _line(self, option: DeviceOption) -> str:
        values = [option.kind, option.slug, option.name, option.sku, _money(option.price_delta)]
        return ITEM_SEPARATOR.join([*values, _yes_no(option.included)])

    def parse(self, device, value):
        options = []
        for number, parts in enumerate(_lines(value), 1):
            if len(parts) != 6:
                raise ValueError(f"line {number}: an option is “{self.HEADER}”, not {len(parts)} fields.")
            kind, slug, name, sku, delta, included = parts
            option = DeviceOption(
                kind=kind,
                slug=slug,
                name=name,
                sku=sku,
                price_delta=_parse_decimal(delta or "0", f"line {number}: the price delta"),
                included=_parse_yes_no(included, f"line {number}: included"),
            )
            options.append(_checked(option, line=number))
        _no_repeats([o.slug for o in options], "The option")
        return options

    def text(self, device, change):
        return "\n".join(self._line(o) for o in change)


class PriceTiersField(ContentsField):
    """One quantity price a line: minimum quantity | unit price."""

    def read(self, device):
        return "\n".join(self._line(t) for t in device.price_tiers.all())

    def _line(self, tier: PriceTier) -> str:
        return f"{tier.min_quantity}{ITEM_SEPARATOR}{_money(tier.unit_price)}"

    def parse(self, device, value):
        tiers = []
        for number, parts in enumerate(_lines(value), 1):
            if len(parts) != 2 or not parts[0].isdigit():
                raise ValueError(
                    f"line {number}: a quantity price is “minimum quantity | unit price”, e.g. “3 | 21500”."
                )
            tier = PriceTier(
                min_quantity=int(parts[0]), unit_price=_parse_decimal(parts[1], f"line {number}: the unit price")
            )
            tiers.append(_checked(tier, line=number))
        _no_repeats([t.min_quantity for t in tiers], "The quantity")
        return sorted(tiers, key=lambda t: t.min_quantity)

    def text(self, device, change):
        return "\n".join(self._line(t) for t in change)


class CertificationsField(ContentsField):
    """One certificate a line: authority | identifier | countries (codes) | issued on | expires on."""

    HEADER = "authority | identifier | countries | issued on | expires on"

    def read(self, device):
        certs = sorted(device.certifications.all(), key=lambda c: (c.authority, c.identifier))
        return "\n".join(self._line(c) for c in certs)

    def _line(self, cert: Certification) -> str:
        countries = " ".join(sorted(str(c) for c in cert.countries))
        dates = [
            cert.issued_on.isoformat() if cert.issued_on else "",
            cert.expires_on.isoformat() if cert.expires_on else "",
        ]
        return ITEM_SEPARATOR.join([cert.authority, cert.identifier, countries, *dates])

    def parse(self, device, value):
        certs = []
        for number, parts in enumerate(_lines(value), 1):
            if len(parts) != 5:
                raise ValueError(f"line {number}: a certificate is “{self.HEADER}”, not {len(parts)} fields.")
            authority, identifier, countries, issued, expires = parts
            cert = Certification(
                authority=authority,
                identifier=identifier,
                countries=sorted(c.upper() for c in re.split(r"[\s,]+", countries) if c),
                issued_on=_parse_date(issued, f"line {number}: issued on"),
                expires_on=_parse_date(expires, f"line {number}: expires on"),
            )
            certs.append(_checked(cert, line=number, exclude=("device", "evidence")))
        _no_repeats([f"{c.authority} {c.identifier}" for c in certs], "The certificate")
        return sorted(certs, key=lambda c: (c.authority, c.identifier))

    def text(self, device, change):
        return "\n".join(self._line(c) for c in change)


class SpecField(ContentsField):
    """One spec key in one unit: the cell as an editor types it in the admin ("60", "1-10", "755, 1064", "yes")."""

    def __init__(self, *, key: str, unit: str, resource: "DeviceResource"):
        super().__init__(name=spec_header(key=key, unit=unit), resource=resource)
        self.key, self.unit = key, unit

    def _definition(self, device) -> SpecDefinition | None:
        return self.resource.definitions.get(device.family_id, {}).get(self.key)

    def _stored(self, device) -> SpecValue | None:
        for spec_value in device.spec_values.all():
            if spec_value.definition.key == self.key:
                return spec_value
        return None

    def read(self, device):
        definition = self._definition(device)
        if definition is None or (definition.unit or "") != self.unit:
            return ""
        stored = self._stored(device)
        return specs.to_raw(definition, stored.typed) if stored else ""

    def parse(self, device, value):
        raw = _cell_text(value)
        if device.family_id is None:
            return _NOT_THIS_FAMILY  # the family cell was refused (or left out): that is the row's reason
        definition = self._definition(device)
        if definition is None:
            if raw:
                family = self.resource.family_names.get(device.family_id, "its")
                raise ValueError(f"“{self.key}” is not a spec of the {family} family.")
            return _NOT_THIS_FAMILY
        if (definition.unit or "") != self.unit:
            if raw:
                unit = f"in {definition.unit}" if definition.unit else "without a unit"
                raise ValueError(
                    f"{definition.label} is given {unit} in this family, but this column is in {self.unit}."
                )
            return _NOT_THIS_FAMILY
        if not raw:
            return None  # an empty cell removes the value
        try:
            typed = specs.parse_raw(definition, raw)
        except specs.SpecValueError as exc:
            raise ValueError(str(exc)) from None
        problems = specs.validate_typed(definition, typed)
        if problems:
            raise ValueError(" ".join(problems))
        return typed

    def text(self, device, change):
        if change is None or change is _NOT_THIS_FAMILY:
            return ""
        return specs.to_raw(self._definition(device), change)


# A spec column that does not belong to the device's family (another family's key or unit) and is empty.
_NOT_THIS_FAMILY = object()

LIST_FIELDS = {
    "treatments": TreatmentsField,
    "options": OptionsField,
    "price_tiers": PriceTiersField,
    "certifications": CertificationsField,
}


class DeviceResource(resources.ModelResource):
    family = fields.Field(attribute="family", column_name="family", widget=FamilyWidget())
    # Stands for the spec columns in the export form's field list; expanded into one column per key and unit.
    specs = fields.Field(column_name="spec:<key> [<unit>]")

    class Meta:
        model = Device
        import_id_fields = ["sku"]
        fields = [
            "sku",
            "name",
            "slug",
            "family",
            "status",
            "featured",
            "summary",
            "description",
            "list_price",
            "currency",
            "price_on_request",
            "warranty_months",
            "lead_time_days",
            "skin_type_min",
            "skin_type_max",
            "specs",
        ]
        # Unchanged rows are counted, not listed: the dry run shows what would change.
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True
        use_transactions = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for name, field_class in LIST_FIELDS.items():
            self.fields[name] = field_class(name=name, resource=self)
        self.spec_fields: list[SpecField] = []
        self.definitions: dict[int, dict[str, SpecDefinition]] = {}
        self.family_names: dict[int, str] = {}
        self.treatments: set[str] = set()
        self.unknown_columns: list[str] = []

    @classmethod
    def widget_from_django_field(cls, f, default=widgets.Widget):
        widget = super().widget_from_django_field(f, default)
        return STRICT_WIDGETS.get(widget, widget)

    # --- columns ---------------------------------------------------------------------

    def _load_catalog(self) -> None:
        """Every family's spec definitions and every treatment slug, once per file."""
        self.definitions = {}
        for definition in SpecDefinition.objects.select_related("family").order_by("order", "key"):
            self.definitions.setdefault(definition.family_id, {})[definition.key] = definition
            self.family_names[definition.family_id] = definition.family.name
        self.family_names.update(Family.objects.values_list("pk", "name"))
        self.treatments = set(Treatment.objects.values_list("slug", flat=True))

    def _set_spec_columns(self, columns: list[tuple[str, str]]) -> None:
        for field in self.spec_fields:
            self.fields.pop(field.name, None)
        self.spec_fields = [SpecField(key=key, unit=unit, resource=self) for key, unit in columns]
        for field in self.spec_fields:
            self.fields[field.name] = field

    def get_export_order(self):
        # The device's own fields, what it holds, then the specs (expanded by get_export_fields).
        own = [n for n in super().get_export_order() if n not in LIST_FIELDS and n != "specs" and ":" not in n]
        return (*own, *LIST_FIELDS, "specs")

    def get_import_order(self):
        return self.get_export_order()

    def get_export_fields(self, selected_fields=None):
        chosen = super().get_export_fields(selected_fields)
        if "specs" in (selected_fields or self.fields):
            chosen = [f for f in chosen if f is not self.fields["specs"]] + self.spec_fields
        return [f for f in chosen if f is not self.fields["specs"]]

    def get_import_fields(self):
        # Device fields first, then what it holds: a spec cell is read against the family the row sets.
        base = [f for f in super().get_import_fields() if f is not self.fields["specs"]]
        return [f for f in base if not isinstance(f, SpecField)] + self.spec_fields

    def get_user_visible_fields(self):
        return [f for f in super().get_import_fields() if not isinstance(f, SpecField)]

    # --- export ----------------------------------------------------------------------

    def get_queryset(self):
        return self.with_contents(Device.objects.all())

    @staticmethod
    def with_contents(queryset):
        """Everything a row shows, in a fixed number of queries per chunk of devices."""
        return queryset.select_related("family").prefetch_related(
            "treatments",
            "options",
            "price_tiers",
            "certifications",
            Prefetch("spec_values", queryset=SpecValue.objects.select_related("definition")),
        )

    def before_export(self, queryset, **kwargs):
        self._load_catalog()
        family_ids = set((queryset if queryset is not None else Device.objects).values_list("family_id", flat=True))
        columns = []
        for family_id in sorted(family_ids):
            for definition in self.definitions.get(family_id, {}).values():
                column = (definition.key, definition.unit or "")
                if column not in columns:
                    columns.append(column)
        self._set_spec_columns(sorted(columns, key=lambda c: (self._order_of(c), c)))

    def _order_of(self, column: tuple[str, str]) -> int:
        orders = [d.order for defs in self.definitions.values() for d in defs.values() if d.key == column[0]]
        return min(orders, default=0)

    def export(self, queryset=None, **kwargs):
        queryset = self.with_contents(queryset if queryset is not None else Device.objects.all()).order_by("sku")
        return super().export(queryset, **kwargs)

    # --- import ----------------------------------------------------------------------

    def import_data(self, dataset, *args, **kwargs):
        # The spec columns come from the file's headers; they must exist before the library takes the
        # report's headers, which it does before `before_import`.
        self._load_catalog()
        columns, self.unknown_columns = [], []
        for header in dataset.headers or []:
            match = SPEC_HEADER.match(str(header or ""))
            if match:
                columns.append((match["key"], match["unit"] or ""))
            elif header and header not in self.fields:
                self.unknown_columns.append(str(header))
        self._set_spec_columns(columns)
        return super().import_data(dataset, *args, **kwargs)

    def before_import(self, dataset, **kwargs):
        if self.unknown_columns:
            raise ValueError(
                f"Unknown columns: {', '.join(self.unknown_columns)}. "
                "Export a file to see the columns this import reads."
            )

    def after_import_row(self, row, row_result, **kwargs):
        # The report's cells are marked-up differences of long texts; list the changed columns plainly too.
        row_result.changes = [
            (header, _diff_side(cell, drop="ins"), _diff_side(cell, drop="del"))
            for header, cell in zip(self.get_diff_headers(), row_result.diff or [], strict=False)
            if row_result.import_type == "update" and ("<ins" in cell or "<del" in cell)
        ]

    def after_init_instance(self, instance, new, row, **kwargs):
        instance._was_published = not new and instance.status == Device.Status.PUBLISHED

    def after_save_instance(self, instance, row, **kwargs):
        pending = getattr(instance, "_sheet", {})
        spec_values = {
            field.key: pending[field.name]
            for field in self.spec_fields
            if field.name in pending and pending[field.name] is not _NOT_THIS_FAMILY
        }
        treatments = pending.get("treatments")
        contents = services.DeviceContents(
            spec_values=spec_values if any(f.name in pending for f in self.spec_fields) else None,
            treatment_ids=(
                None
                if treatments is None
                else list(Treatment.objects.filter(slug__in=treatments).values_list("pk", flat=True))
            ),
            options=pending.get("options"),
            price_tiers=pending.get("price_tiers"),
            certifications=pending.get("certifications"),
        )
        services.device_contents_replace(device=instance, contents=contents, was_published=instance._was_published)
