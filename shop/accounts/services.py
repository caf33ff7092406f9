"""Changes to a customer's preferences: the web pages, the unsubscribe link and sign-in call these."""

from django.core import signing
from django.utils import timezone

from shop.accounts.models import CustomerProfile

UNSUBSCRIBE_SALT = "shop.accounts.unsubscribe"


def profile_of(user):
    profile, _ = CustomerProfile.objects.get_or_create(user=user)
    return profile


def set_preferences(user, language, marketing_email):
    profile = profile_of(user)
    profile.language = language
    if marketing_email and profile.marketing_email_since is None:
        profile.marketing_email_since = timezone.now()
    elif not marketing_email:
        profile.marketing_email_since = None
    profile.save(update_fields=["language", "marketing_email_since"])
    return profile


def remember_language(user, language):
    CustomerProfile.objects.update_or_create(user=user, defaults={"language": language})


def unsubscribe_token(user):
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def unsubscribe(token):
    """Stop marketing email for the customer the token names (no expiry: an old email's link
    still works). Returns the profile, or None for a tampered token."""
    try:
        user_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    profile = CustomerProfile.objects.filter(user_id=user_id).first()
    if profile is not None and profile.marketing_email_since is not None:
        profile.marketing_email_since = None
        profile.save(update_fields=["marketing_email_since"])
    return profile
