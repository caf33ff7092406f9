"""The review form: Oscar's, with limits a shopper can see and a score of one to five stars."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.reviews.forms import ProductReviewForm as OscarProductReviewForm

STARS = [(n, str(n)) for n in range(1, 6)]
TITLE_MAX_LENGTH = 255  # the model's column
BODY_MAX_LENGTH = 5000


class ProductReviewForm(OscarProductReviewForm):
    """Every field is stripped and required (a title or text of spaces is empty), the title and
    the text have a length limit, and the score is a whole number of stars from 1 to 5."""

    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    score = forms.TypedChoiceField(
        label=_("Your rating"), choices=STARS, coerce=int, widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose a rating of 1 to 5 stars.")},
    )  # fmt: skip
    body = forms.CharField(label=_("Your review"), max_length=BODY_MAX_LENGTH, widget=forms.Textarea)
    name = forms.CharField(label=_("Name"), max_length=255)

    def _post_clean(self):
        super()._post_clean()
        # Oscar's model repeats a missing name or email as a form-wide error (with a typo in its
        # Finnish); the fields already say it.
        if self.has_error("name") or self.has_error("email"):
            self.errors.pop(NON_FIELD_ERRORS, None)
