"""The reference the catalog API is measured against: a bare DRF list and detail of the same devices.

Plain `ModelSerializer`s, correctly prefetched (a fixed number of queries per page), cursor
pagination in sync order, no authentication, throttling or conditional GET: what a careful
developer writes in an afternoon. It carries what a partner mirrors (specs, options, prices,
price tiers, certifications, treatments), so "ours / reference" compares like with like.
Served only under `bench.settings`.
"""

from django.db.models import Prefetch
from django_countries.serializers import CountryFieldMixin
from rest_framework import generics, serializers
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import AllowAny

from catalog.models import Certification, Device, DeviceOption, Family, PriceTier, SpecValue, Treatment


class FamilySerializer(serializers.ModelSerializer):
    class Meta:
        model = Family
        fields = ["id", "slug", "name"]


class SpecValueSerializer(serializers.ModelSerializer):
    key = serializers.CharField(source="definition.key")
    label = serializers.CharField(source="definition.label")
    unit = serializers.CharField(source="definition.unit")
    type = serializers.CharField(source="definition.value_type")

    class Meta:
        model = SpecValue
        fields = [
            "key",
            "label",
            "unit",
            "type",
            "value_number",
            "value_min",
            "value_max",
            "value_text",
            "value_choices",
            "value_bool",
        ]


class OptionSerializer(serializers.ModelSerializer):
    class Meta:
        model = DeviceOption
        fields = ["id", "slug", "kind", "name", "sku", "description", "included", "price_delta"]


class PriceTierSerializer(serializers.ModelSerializer):
    class Meta:
        model = PriceTier
        fields = ["min_quantity", "unit_price"]


class CertificationSerializer(CountryFieldMixin, serializers.ModelSerializer):
    class Meta:
        model = Certification
        fields = ["authority", "identifier", "countries", "issued_on", "expires_on"]


class TreatmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Treatment
        fields = ["id", "slug", "name"]


class DeviceSerializer(serializers.ModelSerializer):
    family = FamilySerializer()
    specs = SpecValueSerializer(many=True, source="spec_values")
    options = OptionSerializer(many=True)
    price_tiers = PriceTierSerializer(many=True)
    certifications = CertificationSerializer(many=True)
    treatments = TreatmentSerializer(many=True)

    class Meta:
        model = Device
        fields = [
            "id",
            "slug",
            "sku",
            "name",
            "status",
            "summary",
            "description",
            "featured",
            "family",
            "list_price",
            "currency",
            "price_on_request",
            "price_tiers",
            "warranty_months",
            "lead_time_days",
            "skin_type_min",
            "skin_type_max",
            "specs",
            "options",
            "certifications",
            "treatments",
            "created_at",
            "updated_at",
        ]


class SyncOrderPagination(CursorPagination):
    ordering = ("updated_at", "id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100


def published_devices():
    return (
        Device.objects.published()
        .select_related("family")
        .prefetch_related(
            Prefetch("spec_values", queryset=SpecValue.objects.select_related("definition")),
            "options",
            "price_tiers",
            "certifications",
            "treatments",
        )
    )


class DeviceList(generics.ListAPIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    serializer_class = DeviceSerializer
    pagination_class = SyncOrderPagination

    def get_queryset(self):
        return published_devices()


class DeviceDetail(generics.RetrieveAPIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    serializer_class = DeviceSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return published_devices()
