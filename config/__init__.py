from config.celery import app as celery_app
from config.logs import sentry_start

# Here rather than in settings.py: every process (web, worker, beat, commands) imports this
# package once its settings are complete, and settings stay free of imports from the project.
sentry_start()

__all__ = ("celery_app",)
