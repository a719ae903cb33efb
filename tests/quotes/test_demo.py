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
    assert quote.lead.status == "qualified" and quote.lines.get().options.filter(name__icontains="ynaecolog").exists()
    assert all(lead.owner and lead.owner.username == "demo" for lead in Lead.objects.all())


@pytest.mark.django_db
def test_demo_sales_refuse_to_run_in_production(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("load_demo_sales", verbosity=0)
