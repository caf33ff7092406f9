import segno
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView, View

from shop.stores import consent, queries
from shop.stores.forms import RevokeForm, StandingConsentForm
from shop.stores.models import CartConsent, Store


class StoreListView(ListView):
    template_name = "stores/store_list.html"
    context_object_name = "stores"

    def get_queryset(self):
        return Store.objects.active().with_hours()


class StoreDetailView(DetailView):
    template_name = "stores/store_detail.html"
    context_object_name = "store"

    def get_queryset(self):
        return Store.objects.active().with_hours()


class StoreAccessView(LoginRequiredMixin, TemplateView):
    """The customer's side of store access: a code to show a store associate (with a QR code),
    the standing in-store consent, what is live now, and every opening and change by staff."""

    template_name = "stores/store_access.html"
    SESSION_KEY = "store_access_code"

    def get_context_data(self, **kwargs):
        customer = self.request.user
        consents = queries.live_consents(customer)
        sessions, changes = queries.staff_access_log(customer)
        shown = self.request.session.get(self.SESSION_KEY) or {}
        code_consent = next((c for c in consents if c.pk == shown.get("id") and c.redeemed_at is None), None)
        context = {
            "page_title": _("Store access to your cart"),
            "code_consent": code_consent,
            "visit_consents": [c for c in consents if c.kind == CartConsent.Kind.CODE and c.redeemed_at],
            "standing_consent": next((c for c in consents if c.kind == CartConsent.Kind.STANDING), None),
            "standing_form": kwargs.pop("standing_form", None) or StandingConsentForm(),
            "sessions": sessions,
            "changes": changes,
        }
        if code_consent:
            code = shown["code"]
            open_url = self.request.build_absolute_uri(reverse("tablet:open") + "?" + urlencode({"code": code}))
            context |= {"code": consent.format_code(code), "qr": segno.make_qr(open_url).svg_data_uri(scale=5)}
        return super().get_context_data(**context, **kwargs)


class IssueCodeView(LoginRequiredMixin, View):
    def post(self, request):
        code, issued = consent.issue_code(request.user)
        request.session[StoreAccessView.SESSION_KEY] = {"id": issued.pk, "code": code}
        return redirect(reverse("store_access:page") + "#code")


class StandingConsentView(LoginRequiredMixin, View):
    def post(self, request):
        form = StandingConsentForm(request.POST)
        if form.is_valid():
            try:
                consent.grant_standing(request.user, form.cleaned_data["phone"], form.cleaned_data["days"])
            except consent.ConsentError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Store staff can now find you and open your cart without a code."))
                return redirect(reverse("store_access:page") + "#standing")
        view = StoreAccessView(request=request, kwargs={})
        return view.render_to_response(view.get_context_data(standing_form=form), status=400)


class RevokeConsentView(LoginRequiredMixin, View):
    def post(self, request):
        form = RevokeForm(request.POST)
        if not form.is_valid():
            return HttpResponseBadRequest(_("Choose an access to end."))
        try:
            consent.revoke(request.user, form.cleaned_data["consent"])
        except consent.ConsentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Access ended. Store staff can no longer open your cart with it."))
        return redirect("store_access:page")
