"""On PostgreSQL, index search_document with trigrams so that the substring search in
catalogue.search is an index scan at 100k products. SQLite needs no index for the demo."""

from django.db import migrations

INDEX = "catalogue_product_search_document_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON catalogue_product USING gin (search_document gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0033_product_listing_price_product_price_and_more")]
    operations = [migrations.RunPython(create_index, drop_index)]
