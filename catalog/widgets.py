"""Form widgets that both apps use."""

from functools import lru_cache

from django import forms
from django.forms.utils import flatatt
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django_countries import countries


def country_choices() -> list[tuple[str, str]]:
    """Every country as (code, name), sorted by name in the active language."""
    return [(country.code, country.name) for country in countries]


@lru_cache(maxsize=32)
def _country_options(language: str, blank_label: str) -> str:
    # Keyed by language: country names and their order follow it. The cache lives as long
    # as the process, like the translation catalogues it is built from.
    with translation.override(language or None):
        options = format_html_join("", '<option value="{}">{}</option>', country_choices())
    return format_html('<option value="">{}</option>', blank_label) + options


class CountrySelect(forms.Select):
    """A select of every country whose options are built once per language.

    Rendering ~250 options through Django's widget templates costs about 15 ms, more than
    the rest of a device page; the options never change between requests, so only the
    `selected` mark is added per render.
    """

    def __init__(self, attrs=None, *, blank_label: str = "Choose your country"):
        super().__init__(attrs)
        self.blank_label = blank_label

    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        options = _country_options(translation.get_language() or "", str(self.blank_label))
        if value:
            chosen = format_html('<option value="{}">', value)
            options = mark_safe(options.replace(chosen, chosen[:-1] + " selected>", 1))  # noqa: S308 - escaped above
        return format_html("<select{}>{}</select>", flatatt(final), options)
