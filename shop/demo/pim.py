"""The demo's product information: the catalogue adopted into the PIM, then enriched the way a
product team would: which attributes each channel requires, Finnish texts for every product,
Swedish for the furniture, care and use-case blocks, and a few products left incomplete or in
draft on purpose so that completeness and the workflow have something to show.

Enrichment goes through the PIM's own path (a revision, then publish), so the demo exercises
what an admin does. Safe to run again: products that already have a Finnish title are left alone.
"""

import re

from django.utils.html import strip_tags

from pim.adoption import adopt_catalogue
from pim.models import Family, FamilyAttribute, ProductData

# Attributes each family requires on the web shop and tablets (variant axes are required on
# every channel, displays included).
REQUIRED = {"width_cm", "depth_cm", "height_cm", "author", "isbn", "pages", "volume_ml", "size"}

# English -> Finnish / Swedish words of the demo titles, longest first when applied.
FINNISH = {
    "3-seat leather sofa": "3-istuttava nahkasohva",
    "3-seat sofa": "3-istuttava sohva",
    "2-seat sofa": "2-istuttava sohva",
    "corner sofa": "kulmasohva",
    "sofa bed": "vuodesohva",
    "armchair": "nojatuoli",
    "lounge chair": "lepotuoli",
    "reading chair": "lukutuoli",
    "rocking chair": "keinutuoli",
    "extendable dining table": "jatkettava ruokapöytä",
    "round dining table": "pyöreä ruokapöytä",
    "dining table": "ruokapöytä",
    "coffee table": "sohvapöytä",
    "side table": "sivupöytä",
    "console table": "konsolipöytä",
    "nesting tables, set of 2": "sarjapöydät, 2 kpl",
    "linen lumbar cushion": "pellavainen selkätyyny",
    "kapok floor cushion": "kapok-lattiatyyny",
    "linen cushion": "pellavatyyny",
    "velvet cushion": "samettityyny",
    "wool cushion": "villatyyny",
    "check cushion": "ruututyyny",
    "knitted cushion": "neuletyyny",
    "outdoor cushion": "ulkotyyny",
    "check wool throw": "ruudullinen villaviltti",
    "cotton waffle throw": "puuvillainen vohveliviltti",
    "mohair throw": "mohairviltti",
    "linen throw": "pellavaviltti",
    "wool throw": "villaviltti",
    "Merino throw": "Merinoviltti",
    "cotton kitchen curtain": "puuvillainen keittiöverho",
    "blackout curtain": "pimennysverho",
    "velvet curtain": "samettiverho",
    "sheer curtain": "harsoverho",
    "linen curtain": "pellavaverho",
    "upholstery cleaner": "verhoilun puhdistusaine",
    "upholstery shampoo": "verhoilushampoo",
    "refresh spray": "raikastussuihke",
    "cleaner": "puhdistusaine",
    "spray": "suihke",
    "oil": "öljy",
    "soap": "saippua",
    "wax": "vaha",
    "brush": "harja",
}
SWEDISH = {
    "3-seat leather sofa": "3-sits lädersoffa",
    "3-seat sofa": "3-sits soffa",
    "2-seat sofa": "2-sits soffa",
    "corner sofa": "hörnsoffa",
    "sofa bed": "bäddsoffa",
    "armchair": "fåtölj",
    "lounge chair": "loungefåtölj",
    "reading chair": "läsfåtölj",
    "rocking chair": "gungstol",
}
FINNISH_DESCRIPTIONS = {
    "sofa": "Syvä ja matala sohva, jonka päälliset voi vaihtaa. Runko on tehty Suomessa kestämään vuosikymmeniä.",
    "armchair": "Nojatuoli lukemiseen ja lepäämiseen, sopii yhteen sohviemme kanssa.",
    "table": "Pöytä pohjoismaisesta massiivipuusta, öljytty tai lakattu, tehty kestämään arkea.",
    "cushion": "Tyyny sohviemme väreissä, irrotettavalla päällisellä.",
    "throw": "Viltti pitkiin iltoihin kotona tai mökillä.",
    "curtain": "Verho pohjoisen valoon: pellavaa, samettia tai pimentävää kangasta.",
    "care": "Hoitotuote, joka pitää kankaat, nahan ja puun kauniina.",
    "book": "Kirja pohjoisesta: arkkitehtuuria, ruokaa ja tarinoita.",
}
SWEDISH_DESCRIPTIONS = {
    "sofa": "En djup och låg soffa med klädslar som går att byta. Stommen är tillverkad i Finland "
    "för att hålla i årtionden.",
    "armchair": "En fåtölj för läsning och vila, som passar ihop med våra soffor.",
}
FINNISH_CARE = "Imuroi viikoittain pehmeällä harjalla. Kuivaa tahrat heti puhtaalla, kostealla liinalla."


def _translate(title, words):
    for english in sorted(words, key=len, reverse=True):
        title = re.sub(re.escape(english), words[english], title, flags=re.IGNORECASE)
    return title


def _set_requirements():
    changed = 0
    for family_attribute in FamilyAttribute.objects.select_related("attribute"):
        axis = family_attribute.is_variant_axis
        wanted = {
            "required_for_web": axis or family_attribute.attribute.code in REQUIRED,
            "required_for_tablet": axis or family_attribute.attribute.code in REQUIRED,
            "required_for_display": axis,
        }
        if any(getattr(family_attribute, k) != v for k, v in wanted.items()):
            FamilyAttribute.objects.filter(pk=family_attribute.pk).update(**wanted)
            changed += 1
    return changed


def _blocks(values):
    """Care and use-case blocks from the adopted attributes of the same name."""
    blocks = []
    care = values.get("care_instructions")
    if care:
        lines = [strip_tags(line).strip() for line in re.split(r"</li>|<br\s*/?>|\n", care) if strip_tags(line).strip()]
        blocks.append(("care", {"en": "\n".join(lines), "fi": FINNISH_CARE, "sv": ""}))
    use_cases = values.get("use_cases")
    if use_cases:
        blocks.append(("use_cases", [{"en": item.strip(), "fi": "", "sv": ""} for item in use_cases.split(";")]))
    return blocks


def _enrich(record, index):
    family = record.family.code
    record.title_fi = _translate(record.title_en, FINNISH)
    # Two books are left without a Finnish description, on purpose (completeness shows it).
    if not (family == "book" and index % 5 == 0):
        record.description_fi = f"<p>{FINNISH_DESCRIPTIONS.get(family, '')}</p>"
    if family in SWEDISH_DESCRIPTIONS:
        record.title_sv = _translate(record.title_en, SWEDISH)
        record.description_sv = f"<p>{SWEDISH_DESCRIPTIONS[family]}</p>"
    gallery = list(record.gallery.all())
    for picture in gallery:
        picture.alt_text_fi = record.title_fi
        picture.alt_text_sv = record.title_sv
    record.gallery = gallery
    record.content = _blocks(record.attribute_values)
    for code in ("care_instructions", "use_cases"):  # now content blocks
        record.attribute_values.pop(code, None)
    record.save_revision(log_action=False).publish(log_action=False)


def _draft():
    """A new sofa the team is still working on: a draft, invisible in every channel."""
    if ProductData.objects.filter(sku="PH-SOFA-AALTO").exists():
        return 0
    draft = ProductData(
        sku="PH-SOFA-AALTO",
        family=Family.objects.get(code="sofa"),
        title_en="Aalto 4-seat sofa",
        title_fi="Aalto 4-istuttava sohva",
        description_en="<p>A long, low sofa for big families. Coming in the spring collection.</p>",
        price="2490.00",
        member_price="2190.00",
        live=False,
    )
    draft.save()
    draft.save_revision(log_action=False)
    return 1


def load_pim(write):
    adopt_catalogue(progress=lambda line: write(f"  {line}"))
    write(f"  Channel requirements: {_set_requirements()} family attributes updated")
    records = ProductData.objects.filter(live=True, title_fi="").select_related("family").order_by("sku")
    enriched = 0
    for index, record in enumerate(records):
        _enrich(record, index)
        enriched += 1
    write(f"  Translations and content blocks: {enriched} products published")
    write(f"  Drafts: {_draft()} new")
