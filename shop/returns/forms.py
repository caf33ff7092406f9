from django import forms
from django.utils.translation import gettext_lazy as _

from shop.returns.models import Return


class ReturnForm(forms.Form):
    """One quantity per line that can still be returned, a reason and an optional comment."""

    reason = forms.ChoiceField(label=_("Why are you returning it?"), choices=Return.Reason.choices)
    comment = forms.CharField(
        label=_("Anything to add? (optional)"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, returnable, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.returnable = [item for item in returnable if item.quantity]
        for item in self.returnable:
            self.fields[f"line_{item.line.pk}"] = forms.TypedChoiceField(
                label=item.line.title,
                choices=[(n, n) for n in range(item.quantity + 1)],
                coerce=int,
                initial=0,
                required=False,
                empty_value=0,
            )
        self.order_fields([f"line_{item.line.pk}" for item in self.returnable] + ["reason", "comment"])

    def line_fields(self):
        return [self[f"line_{item.line.pk}"] for item in self.returnable]

    def quantities(self):
        return {item.line.pk: self.cleaned_data[f"line_{item.line.pk}"] for item in self.returnable}
