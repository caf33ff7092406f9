"""The customer's return pages: choose what to return, then the return's page with its code,
which is also the label to print. Whoever may see the order (shop.order.queries.visible_order)
may return it."""

import segno
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView, View

from shop.order import queries as order_queries
from shop.order.services import Actor, Channel
from shop.returns import queries, services
from shop.returns.forms import ReturnForm


def _visible(request, number):
    order = order_queries.visible_order(request, number)
    if order is None:
        raise Http404
    return order


@method_decorator(never_cache, name="dispatch")
class RequestReturnView(View):
    template_name = "returns/request.html"

    def page(self, request, order, form, status=200, error=""):
        context = {"order": order, "form": form, "error": error, "deadline": services.return_deadline(order)}
        return render(request, self.template_name, context, status=status)

    def get(self, request, number):
        order = _visible(request, number)
        return self.page(request, order, ReturnForm(services.returnable_lines(order)), error=services.refusal(order))

    def post(self, request, number):
        order = _visible(request, number)
        form = ReturnForm(services.returnable_lines(order), request.POST)
        if not form.is_valid():
            return self.page(request, order, form, status=400)
        owner = request.user if request.user.is_authenticated and request.user.pk == order.user_id else None
        try:
            created = services.request_return(
                order,
                form.quantities(),
                form.cleaned_data["reason"],
                Actor(owner, Channel.WEB),
                comment=form.cleaned_data["comment"],
            )
        except services.OrderError as error:
            return self.page(request, order, form, status=error.status_code, error=error.message)
        return redirect("orders:return", number=order.number, code=created.code)


@method_decorator(never_cache, name="dispatch")
class ReturnView(TemplateView):
    """The return's page and printable label."""

    template_name = "returns/return.html"

    def get_context_data(self, **kwargs):
        order = _visible(self.request, self.kwargs["number"])
        return_request = queries.return_of(order, self.kwargs["code"])
        if return_request is None:
            raise Http404
        return super().get_context_data(
            order=order,
            return_request=return_request,
            lines=list(return_request.lines.all()),
            warehouse=queries.return_address(),
            qr=segno.make_qr(return_request.code).svg_data_uri(scale=4),
            **kwargs,
        )
