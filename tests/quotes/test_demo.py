import pytest
from django.core.management import call_command

from quotes.models import ConsultationRequest, Lead, Quote


@pytest.mark.django_db
def test_demo_sales_give_the_dashboard_work_and_load_once(settings):
    settings.DEBUG = True
    call_command("load_demo_catalog", verbosity=0)
    call_command("create_demo_staff", verbosity=0)

    call_command("load_demo_sales", verbosity=0)
    call_command("load_demo_sales", verbosity=0)

    assert ConsultationRequest.objects.count() == 3
    assert set(Lead.objects.values_list("status", flat=True)) == {"new", "contacted", "qualified"}
    assert Quote.objects.count() == 1
    quote = Quote.objects.get()
    co2 = quote.lines.get(device__slug="fractional-co2-laser-fx-60")
    assert quote.lead.status == "qualified" and co2.options.filter(name__icontains="ynaecolog").exists()
    # The demo proposal shows running costs and payback: treatments a week on every line.
    assert quote.lines.count() == 2 and all(line.treatments_per_week for line in quote.lines.all())
    assert all(lead.owner and lead.owner.username == "demo" for lead in Lead.objects.all())


@pytest.mark.django_db
def test_demo_sales_refuse_to_run_in_production(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("load_demo_sales", verbosity=0)
