"""The API docs page works in a real browser under the site's Content-Security-Policy."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


def test_api_docs_render_the_schema_without_any_csp_violation(live_server, page_at, screenshot):
    page = page_at(1280)
    errors = []
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # Report violations from inside the page: they would otherwise only reach the console.
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', (e) =>"
        " console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));"
    )

    response = page.goto(f"{live_server.url}/api/v1/docs/")
    page.get_by_text("/api/v1/devices/", exact=True).first.wait_for()
    page.locator("#operations-devices-devices_list").click()
    page.get_by_text("updated_since", exact=True).first.wait_for()

    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert [e for e in errors if "CSP" in e] == []
    assert errors == []
    screenshot(page, "api-docs")
