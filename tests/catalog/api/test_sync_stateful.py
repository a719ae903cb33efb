"""Property: a consumer that pages while the catalog changes ends with exactly the published catalog.

Hypothesis interleaves writes of every kind (creations, spec and option edits, status
changes, deletions, linked guides) with page requests of a consumer that applies what it
gets and, at the end of each pass, carries on from `next_sync`.
"""

from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    precondition,
    rule,
    run_state_machine_as_test,
)
from rest_framework.test import APIClient

from catalog import services
from catalog.models import Article, Device, DeviceOption
from tests.catalog.api.conftest import everything
from tests.factories import ArticleFactory, DeviceFactory, DeviceOptionFactory, FamilyFactory, SpecDefinitionFactory

pytestmark = pytest.mark.django_db

STATUSES = [Device.Status.PUBLISHED, Device.Status.DRAFT, Device.Status.DISCONTINUED]


class ConsumerSync(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.savepoint = transaction.savepoint()
        self.api = APIClient()
        self.family = FamilyFactory()
        SpecDefinitionFactory(family=self.family, key="power", unit="W", value_type="number")
        self.mirror: dict[str, dict] = {}
        self.url = "/api/v1/devices/?page_size=3"

    def device_ids(self):
        return list(Device.objects.order_by("pk").values_list("pk", flat=True))

    @initialize(count=st.integers(0, 6), pages=st.integers(0, 3))
    def a_catalog_the_consumer_started_to_mirror(self, count, pages):
        for power in range(count):
            DeviceOptionFactory(device=DeviceFactory(family=self.family, specs={"power": power + 1}))
        self.fetch_pages(pages=pages)

    # --- writes -------------------------------------------------------------------

    @rule(power=st.integers(1, 200), status=st.sampled_from(STATUSES))
    def create_device(self, power, status):
        device = DeviceFactory(family=self.family, status=status, specs={"power": power})
        DeviceOptionFactory(device=device)

    @precondition(lambda self: Device.objects.exists())
    @rule(data=st.data(), power=st.integers(1, 200))
    def edit_a_spec_value(self, data, power):
        device = Device.objects.get(pk=data.draw(st.sampled_from(self.device_ids())))
        services.device_set_spec_values(device=device, values={"power": power})

    @precondition(lambda self: DeviceOption.objects.exists())
    @rule(data=st.data(), delta=st.integers(-500, 5000))
    def edit_an_option_only(self, data, delta):
        option_id = data.draw(st.sampled_from(list(DeviceOption.objects.order_by("pk").values_list("pk", flat=True))))
        option = DeviceOption.objects.get(pk=option_id)
        DeviceOption.objects.filter(pk=option.pk).update(price_delta=Decimal(delta), name=f"Option at {delta}")
        services.device_changed(device_id=option.device_id)

    @precondition(lambda self: DeviceOption.objects.exists())
    @rule(data=st.data())
    def delete_an_option(self, data):
        option_id = data.draw(st.sampled_from(list(DeviceOption.objects.order_by("pk").values_list("pk", flat=True))))
        option = DeviceOption.objects.get(pk=option_id)
        option.delete()
        services.device_changed(device_id=option.device_id)

    @precondition(lambda self: Device.objects.exists())
    @rule(data=st.data(), status=st.sampled_from(STATUSES))
    def change_status(self, data, status):
        services.devices_set_status(device_ids=[data.draw(st.sampled_from(self.device_ids()))], status=status)

    @precondition(lambda self: Device.objects.exists())
    @rule(data=st.data())
    def delete_a_device(self, data):
        services.device_delete(device=Device.objects.get(pk=data.draw(st.sampled_from(self.device_ids()))))

    @precondition(lambda self: Device.objects.exists())
    @rule(data=st.data(), published=st.booleans())
    def write_a_guide_for_a_device(self, data, published):
        device = Device.objects.get(pk=data.draw(st.sampled_from(self.device_ids())))
        article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
        article.devices.set([device])
        services.article_changed(article_id=article.pk)
        if published:
            services.articles_set_status(article_ids=[article.pk], status="published")

    @precondition(lambda self: Article.objects.exists())
    @rule(data=st.data())
    def delete_a_guide(self, data):
        article_ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        services.article_delete(article=Article.objects.get(pk=data.draw(st.sampled_from(article_ids))))

    # --- the consumer ---------------------------------------------------------------

    @rule(pages=st.integers(1, 3))
    def fetch_pages(self, pages):
        for _ in range(pages):
            if self.fetch_page():
                break

    def fetch_page(self) -> bool:
        """Apply one page; True at the end of a pass (the consumer then waits for next_sync)."""
        response = self.api.get(self.url)
        assert response.status_code == 200, response.content
        page = response.json()
        ids = [item["id"] for item in page["results"]]
        assert len(ids) == len(set(ids)), "an item came twice in one page"
        for item in page["results"]:
            if item["deleted"]:
                self.mirror.pop(str(item["id"]), None)
            else:
                self.mirror[str(item["id"])] = item
        if page["next"]:
            self.url = page["next"].removeprefix("http://testserver")
            return False
        self.url = page["next_sync"].removeprefix("http://testserver")
        return True

    def teardown(self):
        try:
            while not self.fetch_page():
                pass
            assert self.mirror == everything(self.api, "devices")
            published = Device.objects.published().values_list("pk", flat=True)
            assert set(self.mirror) == {str(pk) for pk in published}
            # Nothing changed since: the next_sync link brings nothing.
            assert self.api.get(self.url).json()["results"] == []
        finally:
            transaction.savepoint_rollback(self.savepoint)


def test_a_consumer_paging_between_writes_converges_on_the_published_catalog():
    run_state_machine_as_test(
        ConsumerSync,
        settings=settings(
            max_examples=40,
            stateful_step_count=20,
            # No shrinking: with a database and HTTP in every step it takes minutes; a failure
            # prints its whole run (at most 20 steps), which reads well enough.
            phases=[Phase.explicit, Phase.reuse, Phase.generate],
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
