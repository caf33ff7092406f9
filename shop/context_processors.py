from oscar.core.loading import get_model

Category = get_model("catalogue", "Category")


def storefront(request):
    """The top-level categories for the header menu (one query, lazily)."""
    return {
        "menu_categories": lambda: list(
            Category.get_root_nodes().filter(is_public=True).exclude(exclude_from_menu=True)
        )
    }
