"""Search indexes that only PostgreSQL has: GIN over the full-text documents and trigram
indexes over names and titles (typo-tolerant search). On SQLite this migration does nothing;
catalog.search falls back to plain matching there.

CREATE EXTENSION needs a role allowed to create it (a superuser, or pg_trgm installed by the
database administrator beforehand).
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # search_devices: WHERE search_vector @@ query
    "CREATE INDEX IF NOT EXISTS catalog_device_search_gin ON catalog_device USING gin (search_vector)",
    # search_articles: WHERE search_vector @@ query
    "CREATE INDEX IF NOT EXISTS catalog_article_search_gin ON catalog_article USING gin (search_vector)",
    # typo tolerance: word_similarity(query, name) on devices, titles of articles, treatment names
    "CREATE INDEX IF NOT EXISTS catalog_device_name_trgm ON catalog_device USING gin (lower(name) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS catalog_article_title_trgm ON catalog_article USING gin (lower(title) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS catalog_treatment_name_trgm ON catalog_treatment USING gin (lower(name) gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS catalog_device_search_gin",
    "DROP INDEX IF EXISTS catalog_article_search_gin",
    "DROP INDEX IF EXISTS catalog_device_name_trgm",
    "DROP INDEX IF EXISTS catalog_article_title_trgm",
    "DROP INDEX IF EXISTS catalog_treatment_name_trgm",
]


def _run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("catalog", "0002_knowledge_base")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
