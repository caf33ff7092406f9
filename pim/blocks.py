"""The content blocks of a product page: care instructions, use cases, a specifications table,
"what's new" notes and videos. Every text is given per language inside the block, so that one
structure serves all languages and the API can return it as data (pim.serializers)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class TranslatedTextBlock(blocks.StructBlock):
    en = blocks.TextBlock(label=_("English"))
    fi = blocks.TextBlock(label=_("Finnish"), required=False)
    sv = blocks.TextBlock(label=_("Swedish"), required=False)

    class Meta:
        icon = "doc-full"
        form_classname = "struct-block translated-text"


class TranslatedLineBlock(TranslatedTextBlock):
    en = blocks.CharBlock(label=_("English"))
    fi = blocks.CharBlock(label=_("Finnish"), required=False)
    sv = blocks.CharBlock(label=_("Swedish"), required=False)


class SpecificationRowBlock(blocks.StructBlock):
    label = TranslatedLineBlock(label=_("Label"))
    value = blocks.CharBlock(label=_("Value"))


class WhatsNewBlock(blocks.StructBlock):
    date = blocks.DateBlock(label=_("Date"))
    text = TranslatedTextBlock(label=_("What changed"))


class VideoBlock(blocks.StructBlock):
    url = blocks.URLBlock(label=_("Video address"))
    caption = TranslatedLineBlock(label=_("Caption"))


class ContentBlocks(blocks.StreamBlock):
    care = TranslatedTextBlock(label=_("Care instructions"), icon="tick")
    use_cases = blocks.ListBlock(TranslatedLineBlock(label=_("Use case")), label=_("Use cases"), icon="list-ul")
    specifications = blocks.ListBlock(SpecificationRowBlock(), label=_("Specifications table"), icon="table")
    whats_new = WhatsNewBlock(label=_("What's new"), icon="date")
    video = VideoBlock(label=_("Video"), icon="media")
