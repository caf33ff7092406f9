import oscar.apps.search.apps as apps


class SearchConfig(apps.SearchConfig):
    """Oscar's search URL (``search:search``, used by its templates) served by the project's
    own faceted search instead of haystack."""

    name = "shop.search"

    def ready(self):
        from catalogue.views import SearchView

        self.search_view = SearchView
