from django.views.generic import TemplateView

from catalogue import queries as catalogue_queries
from shop.stores.models import Store


class HomeView(TemplateView):
    template_name = "shop/home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            categories=catalogue_queries.top_categories(),
            new_products=catalogue_queries.for_listing(catalogue_queries.newest_products(8)),
            stores=Store.objects.active().filter(kind=Store.Kind.STORE).with_hours(),
            **kwargs,
        )
