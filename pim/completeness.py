"""Completeness of a product per channel and language, the way Akeneo shows it: the share of
what that channel requires which is filled in, and the list of what is missing.

Every channel requires a title and a price; the web shop and tablets also require a
description; the web shop and displays require at least one image. The family adds the
attributes it marks as required for each channel (a variant-axis attribute must be set on every
variant, or on the product itself when it has none). Titles and descriptions count per language;
prices, images and attribute values are the same in every language.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from pim.models import LANGUAGES, Channel, Completeness

DESCRIPTION_CHANNELS = {Channel.WEB, Channel.TABLET}
IMAGE_CHANNELS = {Channel.WEB, Channel.DISPLAY}
LANGUAGE_NAMES = {"en": "English", "fi": "Finnish", "sv": "Swedish"}


@dataclass
class Result:
    channel: str
    language: str
    required: int = 0
    missing: list = field(default_factory=list)
    missing_translation: bool = False

    @property
    def percent(self):
        if not self.required:
            return 100
        return (self.required - len(self.missing)) * 100 // self.required

    def need(self, label, filled):
        self.required += 1
        if not filled:
            self.missing.append(label)


def _filled(value):
    return value not in (None, "", [], {})


def compute(data, family_attributes=None):
    """Results for every channel and language of ``data`` (a ProductData, possibly one rebuilt
    from a revision); ``family_attributes`` may be passed in when already fetched."""
    if family_attributes is None:
        family_attributes = list(data.family.family_attributes.select_related("attribute"))
    variants = list(data.variants.all())
    gallery = list(data.gallery.all())
    if variants:
        has_price = all(v.price is not None for v in variants)
    else:
        has_price = data.price is not None

    results = []
    for channel in Channel.values:
        for language in LANGUAGES:
            result = Result(channel, language)
            language_name = _(LANGUAGE_NAMES.get(language, language))
            title = _filled(getattr(data, f"title_{language}"))
            result.need(_("Title (%s)") % language_name, title)
            description = True
            if channel in DESCRIPTION_CHANNELS:
                description = _filled(getattr(data, f"description_{language}"))
                result.need(_("Description (%s)") % language_name, description)
            result.missing_translation = not (title and description)
            result.need(_("Price"), has_price)
            if channel in IMAGE_CHANNELS:
                result.need(_("Image"), bool(gallery))
            for family_attribute in family_attributes:
                if not family_attribute.required_for(channel):
                    continue
                code = family_attribute.attribute.code
                if family_attribute.is_variant_axis and variants:
                    filled = all(_filled(v.attribute_values.get(code)) for v in variants)
                else:
                    filled = _filled(data.attribute_values.get(code))
                result.need(family_attribute.attribute.name_en, filled)
            results.append(result)
    return results


def refresh(data):
    """Store the completeness of ``data``'s latest version (its newest revision, or the row)."""
    latest = data.get_latest_revision_as_object() if data.pk else data
    results = compute(latest)
    with transaction.atomic():
        Completeness.objects.filter(product_data=data).delete()
        Completeness.objects.bulk_create(
            Completeness(
                product_data=data,
                channel=r.channel,
                language=r.language,
                percent=r.percent,
                missing=r.missing,
                missing_translation=r.missing_translation,
            )
            for r in results
        )
    return results
