from django.conf import settings
from django.db import models


class CustomerProfile(models.Model):
    """A customer's preferences: the language emails go out in, and whether (and since when)
    they agreed to marketing email such as a reminder of a cart they left."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    marketing_email_since = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Preferences of {self.user}"

    @property
    def marketing_email(self):
        return self.marketing_email_since is not None
