"""The theme in Finnish and Swedish: a shopper chooses the language with the header's switcher
and the home page, a product page and the cart speak it; the catalogues in shop/locale are
complete, and their compiled .mo files are those of the .po files."""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

# Strings of our own templates on each page, as translated in shop/locale.
CHROME = {
    "fi": {
        "home": ["Uutuudet", "Selaa kaikkia tuotteita", "Hae tuotteita", "Myymälät ja aukioloajat"],
        "product": ["Lisää ostoskoriin", "Valitse vaihtoehto", "Saatavuus myymälöissämme", "Asiakasarviot"],
        "basket": ["Ostoskorisi päivittyi.", "Päivitä", "Hinnat sisältävät arvonlisäveron."],
    },
    "sv": {
        "home": ["Nyheter", "Bläddra bland alla produkter", "Sök produkter", "Butiker och öppettider"],
        "product": ["Lägg i varukorgen", "Välj ett alternativ", "Lagersaldo i våra butiker", "Kundrecensioner"],
        "basket": ["Din varukorg uppdaterades.", "Uppdatera", "Priserna inkluderar moms."],
    },
}
CART_HEADING = {"fi": "Ostoskori", "sv": "Varukorg"}
ENGLISH = ["New arrivals", "Add to basket", "Stock in our stores", "Your cart was updated.", "Prices include VAT."]


@pytest.fixture(autouse=True)
def english_afterwards():
    """LocaleMiddleware leaves the last request's language active in this thread: the tests after
    these run in English again."""
    yield
    translation.deactivate()


def choose_language(client, language, next_url):
    response = client.post(reverse("set_language"), {"language": language, "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == next_url
    return client.get(next_url)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_language_switcher_translates_home_product_and_cart(client, shop_data, language):
    sofa = shop_data["sofa"]
    client.post(reverse("basket:add", kwargs={"pk": sofa.pk}), {"child_id": shop_data["variants"][0].pk, "quantity": 1})
    pages = {
        "home": choose_language(client, language, "/"),
        "product": client.get(sofa.get_absolute_url()),
        "basket": client.get(reverse("basket:summary")),
    }
    for page, response in pages.items():
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{language}"' in html
        for text in CHROME[language][page]:
            assert text in html, f"{page}: {text!r}"
        for text in ENGLISH:
            assert text not in html, f"{page}: {text!r}"
        if page == "basket":
            assert re.search(rf"<h1>\s*{CART_HEADING[language]}\s*</h1>", html)

    assert "New arrivals" in choose_language(client, "en", "/").content.decode()


# --- The catalogues ---------------------------------------------------------------------------

CATALOGUES = sorted(Path(settings.LOCALE_PATHS[0]).glob("*/LC_MESSAGES/django.po"))
PLACEHOLDER = re.compile(r"%%|%(?:\([a-z_]+\))?[sd]")


def read_po(path):
    """The entries of a .po file as makemessages writes them, each a dict of its fields
    (msgctxt, msgid, msgid_plural, msgstr or msgstr[0], msgstr[1]) and its flags; obsolete ones
    left out."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry, field = {"flags": set()}, None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            elif line.startswith('"'):
                entry[field] += ast.literal_eval(line)
            elif line and not line.startswith("#"):
                field, _, value = line.partition(" ")
                entry[field] = ast.literal_eval(value)
        if "msgid" in entry:
            entries.append(entry)
    return entries


def translations(entry):
    """(English, translation) pairs of an entry: one, or one per plural form."""
    if "msgid_plural" in entry:
        return [(entry["msgid"], entry["msgstr[0]"]), (entry["msgid_plural"], entry["msgstr[1]"])]
    return [(entry["msgid"], entry["msgstr"])]


def test_every_language_but_english_has_a_catalogue():
    assert [po.parts[-3] for po in CATALOGUES] == sorted(code for code, _ in settings.LANGUAGES if code != "en")


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda po: po.parts[-3])
def test_catalogue_has_no_untranslated_or_fuzzy_entries(po):
    header, *entries = read_po(po)
    assert header["msgid"] == "" and "fuzzy" not in header["flags"]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header["msgstr"]
    assert [e["msgid"] for e in entries if "fuzzy" in e["flags"]] == []
    assert [e["msgid"] for e in entries if not all(text for _, text in translations(e))] == []
    for entry in entries:
        for english, text in translations(entry):
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(english)), text


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda po: po.parts[-3])
def test_compiled_catalogue_is_that_of_the_po_file(po):
    with po.with_suffix(".mo").open("rb") as mo_file:
        mo = gettext.GNUTranslations(mo_file)
    for entry in read_po(po)[1:]:
        context = entry.get("msgctxt")
        if "msgid_plural" in entry:
            for n, form in [(1, "msgstr[0]"), (2, "msgstr[1]")]:
                english = (entry["msgid"], entry["msgid_plural"], n)
                assert (mo.npgettext(context, *english) if context else mo.ngettext(*english)) == entry[form]
        else:
            english = entry["msgid"]
            assert (mo.pgettext(context, english) if context else mo.gettext(english)) == entry["msgstr"]
