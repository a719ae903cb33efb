"""The workspace's shell: its own layout and navigation, the branded sign-in with the admin's lockout, sign-out,
and the admin's way back."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from quotes.roles import SALES_MANAGERS
from tests.factories import LeadFactory, SalesUserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery"
LOGIN = reverse("quotes:sales-login")


@pytest.fixture
def sofia(db):
    user = SalesUserFactory(username="sofia", first_name="Sofía", last_name="Ruiz")
    user.set_password(PASSWORD)
    user.save()
    return user


def test_staff_pages_wear_the_workspace_layout_without_the_public_call_to_action(client, sofia):
    client.force_login(sofia)

    page = client.get(reverse("quotes:sales-dashboard")).content.decode()

    assert 'aria-label="Sales workspace"' in page
    for label, name in [("Today", "sales-dashboard"), ("Leads", "lead-list"), ("Pipeline", "pipeline-board")]:
        assert f'href="{reverse("quotes:" + name)}"' in page and label in page
    assert f'href="{reverse("quotes:quote-list")}"' in page
    assert "Talk to a specialist" not in page
    assert "Sofía Ruiz" in page and f'action="{reverse("quotes:sales-logout")}"' in page
    assert 'aria-current="page">Today' in page


def test_approvals_are_in_the_navigation_of_sales_managers_only(client, sofia):
    client.force_login(sofia)
    assert reverse("quotes:approval-list") not in client.get(reverse("quotes:lead-list")).content.decode()

    sofia.groups.add(Group.objects.get(name=SALES_MANAGERS))
    client.force_login(sofia)
    assert reverse("quotes:approval-list") in client.get(reverse("quotes:lead-list")).content.decode()


def test_signing_in_returns_to_the_page_asked_for(client, sofia):
    lead = LeadFactory(owner=sofia)

    asked = client.get(lead.get_absolute_url())
    form = client.get(asked["Location"])
    signed_in = client.post(LOGIN, {"username": "sofia", "password": PASSWORD, "next": lead.get_absolute_url()})

    assert asked["Location"] == f"{LOGIN}?next={lead.get_absolute_url()}"
    assert form.status_code == 200 and "Sign in to continue" in form.content.decode()
    assert signed_in.status_code == 302 and signed_in["Location"] == lead.get_absolute_url()


def test_signing_in_without_a_page_opens_today_and_never_another_site(client, sofia):
    plain = client.post(LOGIN, {"username": "sofia", "password": PASSWORD})
    client.logout()
    elsewhere = client.post(LOGIN, {"username": "sofia", "password": PASSWORD, "next": "https://evil.example/"})

    assert plain["Location"] == reverse("quotes:sales-dashboard")
    assert elsewhere["Location"] == reverse("quotes:sales-dashboard")


def test_a_wrong_password_says_so_and_signs_nobody_in(client, sofia):
    response = client.post(LOGIN, {"username": "sofia", "password": "wrong"})

    assert response.status_code == 200
    assert "enter a correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_sign_in_locks_out_after_the_admin_limit(client, sofia, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "sofia", "password": "wrong"})

    locked = client.post(LOGIN, {"username": "sofia", "password": PASSWORD})

    assert locked.status_code == 429
    assert "Sign-in is locked" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_signing_out_is_a_post_that_returns_to_the_sign_in(client, sofia):
    client.force_login(sofia)

    refused = client.get(reverse("quotes:sales-logout"))
    out = client.post(reverse("quotes:sales-logout"))

    assert refused.status_code == 405
    assert out.status_code == 302 and out["Location"] == LOGIN
    assert "_auth_user_id" not in client.session


def test_the_admin_links_back_to_the_workspace_for_sales_staff(client, sofia, editor):
    client.force_login(sofia)
    sales_admin = client.get(reverse("admin:index")).content.decode()
    client.force_login(editor)
    editor_admin = client.get(reverse("admin:index")).content.decode()

    assert f'href="{reverse("quotes:sales-dashboard")}" class="sales-workspace-link"' in sales_admin
    assert "sales-workspace-link" not in editor_admin
