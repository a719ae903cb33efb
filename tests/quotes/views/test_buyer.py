"""The buyer's quote pages as a bearer link: never cached, a lost PDF rendered again, tokens kept out of logs."""

import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.core.files.storage import default_storage
from gunicorn.config import Config

from config.logredact import RedactingGunicornLogger
from quotes.models import QuoteRevision
from tests.quotes.quoting.conftest import render, sent_link

pytestmark = pytest.mark.django_db


def test_every_buyer_page_is_private_and_never_stored(lead, seller, co2, client):
    _quote, _revision, link = sent_link(lead, seller, co2)

    answers = [
        client.get(link),
        client.get(f"{link}pdf/"),
        client.post(f"{link}decline/", {"reason": "Budget"}),
        client.get("/quote/not-a-token/"),
    ]

    for response in answers:
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives, response.status_code


def test_a_pdf_whose_file_is_missing_shows_the_being_prepared_page_and_is_rendered_again(
    lead, seller, co2, client, dispatched, django_capture_on_commit_callbacks
):
    _quote, revision, link = sent_link(lead, seller, co2)
    default_storage.delete(QuoteRevision.objects.get(pk=revision.pk).pdf.name)
    dispatched.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(f"{link}pdf/")

    assert response.status_code == 409
    assert "The PDF is being prepared" in response.content.decode()
    assert QuoteRevision.objects.get(pk=revision.pk).pdf_status == QuoteRevision.PdfStatus.QUEUED
    assert dispatched.of("quote_pdf_render_task") == [revision.pk]
    with django_capture_on_commit_callbacks(execute=True):
        again = client.get(f"{link}pdf/")
    assert again.status_code == 409  # asked again while queued: no second render queued
    assert dispatched.of("quote_pdf_render_task") == [revision.pk]

    assert render(revision.pk, task_id="task-2") == "ready"

    ready = client.get(f"{link}pdf/")
    assert ready.status_code == 200 and ready["Content-Type"] == "application/pdf"


def test_no_log_line_carries_a_whole_quote_token(lead, seller, co2, client, caplog):
    _quote, revision, link = sent_link(lead, seller, co2)
    token = link.split("/")[2]
    handler = logging.getLogger().handlers[0]
    tampered = f"/quote/{token[:-3]}xyz/"

    with caplog.at_level(logging.INFO):
        client.get(tampered)  # a 404: Django logs "Not Found: <path>"
        default_storage.delete(QuoteRevision.objects.get(pk=revision.pk).pdf.name)
        client.get(f"{link}pdf/")

    lines = [handler.format(record) for record in caplog.records if all(f.filter(record) for f in handler.filters)]
    assert any("/quote/" in line for line in lines)
    assert not any(token[:-3] in line or token in line for line in lines)


def test_the_access_log_of_gunicorn_keeps_only_the_start_of_a_token():
    logger = RedactingGunicornLogger(Config())
    path = "/quote/eyJxIjoxLCJyIjoxfQ:1vXyZa:secretsignature/pdf/"
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://catalog.example.com{path}",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])

    atoms = logger.atoms(response, SimpleNamespace(headers=[]), environ, timedelta(seconds=1))

    assert atoms["r"] == "GET /quote/eyJxIjox…/pdf/ HTTP/1.1"
    assert "secretsignature" not in " ".join(str(value) for value in atoms.values())
