"""Celery adapters for the catalog: each calls one service."""

from celery import shared_task

from catalog import services


@shared_task
def documents_refresh_expired_task() -> int:
    """The periodic rebuild of documents whose content changed with time (a scheduled guide went live)."""
    return services.documents_refresh_expired()
