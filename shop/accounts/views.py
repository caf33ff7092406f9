from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from shop.accounts import services
from shop.accounts.forms import PreferencesForm


class PreferencesView(LoginRequiredMixin, FormView):
    template_name = "accounts/preferences.html"
    form_class = PreferencesForm

    def get_initial(self):
        profile = services.profile_of(self.request.user)
        return {"language": profile.language, "marketing_email": profile.marketing_email}

    def get_context_data(self, **kwargs):
        return super().get_context_data(page_title=_("Email preferences"), **kwargs)

    def form_valid(self, form):
        services.set_preferences(self.request.user, form.cleaned_data["language"], form.cleaned_data["marketing_email"])
        messages.success(self.request, _("Your email preferences are saved."))
        return redirect("accounts:preferences")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class UnsubscribeView(TemplateView):
    """The link in every marketing email: GET asks, POST unsubscribes (no sign-in needed)."""

    template_name = "accounts/unsubscribe.html"

    def post(self, request, token):
        if services.unsubscribe(token) is None:
            return self.render_to_response({"invalid": True}, status=400)
        return self.render_to_response({"done": True})
