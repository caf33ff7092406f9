from django.utils.functional import SimpleLazyObject
from oscar.apps.search import context_processors as oscar_search
from oscar.core.loading import get_model

Category = get_model("catalogue", "Category")


def storefront(request):
    """The top-level categories for the header and footer menus: one query, only if used."""
    return {
        "menu_categories": SimpleLazyObject(
            lambda: list(Category.get_root_nodes().filter(is_public=True).exclude(exclude_from_menu=True))
        )
    }


def search_form(request):
    """Oscar's site-wide search form, for the shop's pages only: in the Wagtail admin a listing
    without a search of its own would show the shop's form (its sort menu) in its place."""
    if request.path.startswith("/cms/"):
        return {}
    return oscar_search.search_form(request)
