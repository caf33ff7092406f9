from allauth.account.signals import user_logged_in
from django.conf import settings
from django.dispatch import receiver

from shop.accounts import services


@receiver(user_logged_in, dispatch_uid="accounts.remember_language")
def remember_language(sender, request, user, **kwargs):
    # The language the customer signs in with is the one their emails are written in.
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    if language in dict(settings.LANGUAGES):
        services.remember_language(user, language)
