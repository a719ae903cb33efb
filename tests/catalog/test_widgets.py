"""The country select: every country, built once per language, the chosen one marked."""

from django.utils import translation

from catalog.widgets import CountrySelect, country_choices


def test_it_renders_every_country_with_the_blank_choice_first():
    html = CountrySelect().render("country", None, {"id": "id_country", "required": True})

    assert html.startswith("<select ") and 'id="id_country"' in html and 'name="country"' in html
    assert '<option value="">Choose your country</option><option value="AF">Afghanistan</option>' in html
    assert html.count("<option") == len(country_choices()) + 1
    assert " selected" not in html


def test_the_chosen_country_is_marked_and_only_it():
    html = CountrySelect().render("country", "ES", {})

    assert '<option value="ES" selected>Spain</option>' in html
    assert html.count(" selected") == 1


def test_names_follow_the_active_language():
    with translation.override("es"):
        html = CountrySelect().render("country", None, {})

    assert ">España<" in html
