from django.utils.functional import SimpleLazyObject
from oscar.core.loading import get_model

Category = get_model("catalogue", "Category")


def storefront(request):
    """The top-level categories for the header and footer menus: one query, only if used."""
    return {
        "menu_categories": SimpleLazyObject(
            lambda: list(Category.get_root_nodes().filter(is_public=True).exclude(exclude_from_menu=True))
        )
    }
