from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import TemplateView
from oscar.core.loading import get_class

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


class OrderLineView(get_class("customer.views", "OrderLineView")):
    """Oscar's order line of a customer's order, which only takes POST (order it again): its
    GET had no page (a 500), and an unknown line a 500 too. A GET shows the line's order."""

    def get_object(self, queryset=None):
        order = get_object_or_404(self.request.user.orders, number=self.kwargs["order_number"])
        return get_object_or_404(order.lines, id=self.kwargs["line_id"])

    def get(self, request, *args, **kwargs):
        self.get_object()
        return redirect("customer:order", order_number=kwargs["order_number"])


def not_found(request, **kwargs):
    raise Http404
