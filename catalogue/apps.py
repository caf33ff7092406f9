import oscar.apps.catalogue.apps as apps


class CatalogueConfig(apps.CatalogueConfig):
    """Oscar's catalogue, forked: products carry their price, browse and search are the
    project's own (catalogue.search) instead of Oscar's haystack-driven views."""

    name = "catalogue"

    def ready(self):
        super().ready()
        from catalogue import receivers  # noqa: F401  (keeps the search index fresh)
