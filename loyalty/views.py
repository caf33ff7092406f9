from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView, View

from loyalty import queries, services
from loyalty.forms import ConvertPointsForm, JoinForm


class MembershipView(TemplateView):
    """The plans with their perks for everyone; for a signed-in customer also their membership
    (renewal date, cancel), what it saved this year against what it cost, and their points."""

    template_name = "loyalty/membership.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["plans"] = queries.plans_on_offer()
        context.setdefault("join_form", JoinForm())
        if user.is_authenticated:
            context["status"] = queries.member_status(user)
            context["year"] = queries.year_summary(user)
            context["points"] = queries.points_balance(user)
            context["history"] = queries.points_history(user)
            context.setdefault("convert_form", ConvertPointsForm())
        return context


class JoinView(LoginRequiredMixin, FormView):
    form_class = JoinForm
    template_name = "loyalty/membership.html"
    http_method_names = ["post"]

    def form_valid(self, form):
        try:
            membership = services.join(
                self.request.user, form.cleaned_data["plan"], form.cleaned_data["payment_method"]
            )
        except services.LoyaltyError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        if membership.awaits_its_subscription:
            messages.warning(
                self.request,
                _(
                    "The payment service did not answer in time. If it took your payment, your membership starts "
                    "as soon as it confirms; if not, nothing is charged and you can join again in about an hour."
                ),
            )
        else:
            messages.success(
                self.request,
                _("Thank you! Your payment is being confirmed by Stripe; member prices apply as soon as it is."),
            )
        return redirect("loyalty:membership")

    def form_invalid(self, form):
        context = MembershipView(request=self.request).get_context_data(join_form=form)
        return self.render_to_response(context, status=400)


class CancelView(LoginRequiredMixin, View):
    def post(self, request):
        try:
            membership = services.cancel(request.user)
        except services.LoyaltyError as error:
            messages.error(request, str(error))
            return redirect("loyalty:membership")
        end = membership.current_period_end
        messages.success(
            request,
            _("Your membership ends on %(date)s; member prices apply until then.") % {"date": f"{end:%d.%m.%Y}"},
        )
        return redirect("loyalty:membership")


class ConvertPointsView(LoginRequiredMixin, FormView):
    form_class = ConvertPointsForm
    template_name = "loyalty/membership.html"
    http_method_names = ["post"]

    def form_valid(self, form):
        try:
            voucher = services.convert_points(self.request.user, form.cleaned_data["points"])
        except services.LoyaltyError as error:
            form.add_error("points", str(error))
            return self.form_invalid(form)
        messages.success(
            self.request, _("Your voucher code is %(code)s. Enter it in your cart.") % {"code": voucher.code}
        )
        return redirect(reverse("loyalty:membership") + "#points")

    def form_invalid(self, form):
        context = MembershipView(request=self.request).get_context_data(convert_form=form)
        return self.render_to_response(context, status=400)
