"""The demo catalogue: option groups, product classes with typed attributes, categories and
about seventy products (parents with variants and standalone products).

A product is a dict:

- ``upc``: the stable key (books use their ISBN-13); variants get ``<upc>-<VALUE>...``.
- ``class``, ``category`` (a breadcrumb path), ``title``, ``price`` (EUR incl. VAT; for a
  parent, the base price its variants add their surcharge to), ``summary`` (the opening
  paragraph of the description), ``attrs`` (attribute code -> value; option values are the
  option texts, multi-options lists of them).
- ``variants`` (optional): axis attribute code -> list of values, or -> {value: surcharge}.
  Every combination becomes a child product with those attribute values.
- ``recommends`` (optional): UPCs shown as "goes well with" (Oscar recommended products).
- ``shape`` / ``image_colour`` (optional): overrides for the generated picture.

Option texts are shared across classes on purpose: a care product's ``suitable_for`` uses the
same words as a sofa's ``fabric`` and a cushion's ``material`` (Linen, Wool, Velvet, ...), so that
"the cleaner that suits the fabric she chose" is a match on the option text.
"""

import unicodedata
from itertools import product as combinations

# A fixed seed: the stock spread is the same on every run and every machine.
SEED = 2026

# Colour name -> swatch used for the generated pictures.
COLOURS = {
    "Sand": "#D8C3A0",
    "Oat": "#E6DCC8",
    "Moss green": "#6B7B4C",
    "Charcoal": "#3C3F42",
    "Stone grey": "#9A9A94",
    "Fjord blue": "#3E6A8A",
    "Rust": "#A5532F",
    "Lingonberry red": "#B0243A",
    "Mustard": "#D4A12A",
    "Birch white": "#F1EEE6",
    "Natural": "#E9E0CC",
    "Black": "#262626",
    "Pine green": "#2F4F3A",
    "Dusty rose": "#C99A9A",
    "Ink blue": "#22304A",
    "Cognac": "#9A5B2E",
}
WOODS = {
    "Oak": "#C49A6C",
    "Birch": "#E3CFA8",
    "Ash": "#D9C7A4",
    "Walnut": "#6B4A32",
    "Pine": "#D8B27A",
    "Steel": "#8A8F94",
}

# code -> (name, options)
OPTION_GROUPS = {
    "colour": ("Colour", list(COLOURS)),
    "fabric": ("Upholstery fabric", ["Linen", "Velvet", "Wool", "Bouclé", "Leather"]),
    "textile": ("Textile material", ["Linen", "Cotton", "Wool", "Merino wool", "Velvet", "Mohair"]),
    "wood": ("Wood and frame material", list(WOODS)),
    "filling": ("Cushion filling", ["Feather", "Kapok", "Polyester fibre", "Wool"]),
    "care_material": ("Suitable for", ["Linen", "Cotton", "Wool", "Velvet", "Bouclé", "Leather", "Wood"]),
    "language": ("Language", ["English", "Finnish", "Swedish"]),
    "book_format": ("Book format", ["Hardback", "Paperback"]),
}

_DIMENSIONS = [
    ("width_cm", "Width (cm)", "integer"),
    ("depth_cm", "Depth (cm)", "integer"),
    ("height_cm", "Height (cm)", "integer"),
]
_UPHOLSTERY = [
    ("frame_material", "Frame material", "option", "wood"),
    ("fabric", "Fabric", "option", "fabric"),
    ("colour", "Colour", "option", "colour"),
    ("removable_covers", "Removable covers", "boolean"),
    ("care_instructions", "Care instructions", "richtext"),
    ("use_cases", "Use cases", "text"),
]

# code -> name, picture shape, whether it is a large item (fewer units in stock), and its
# attributes as (code, name, type[, option group code]).
PRODUCT_CLASSES = {
    "sofa": {
        "name": "Sofa",
        "shape": "sofa",
        "large": True,
        "attributes": [
            *_DIMENSIONS,
            ("seat_height_cm", "Seat height (cm)", "integer"),
            ("seats", "Seats", "integer"),
            *_UPHOLSTERY,
        ],
    },
    "armchair": {
        "name": "Armchair",
        "shape": "armchair",
        "large": True,
        "attributes": [*_DIMENSIONS, ("seat_height_cm", "Seat height (cm)", "integer"), *_UPHOLSTERY],
    },
    "table": {
        "name": "Table",
        "shape": "table",
        "large": True,
        "attributes": [
            *_DIMENSIONS,
            ("seats", "Seats", "integer"),
            ("material", "Material", "option", "wood"),
            ("finish", "Finish", "text"),
            ("extendable", "Extendable", "boolean"),
            ("care_instructions", "Care instructions", "richtext"),
        ],
    },
    "cushion": {
        "name": "Cushion",
        "shape": "cushion",
        "large": False,
        "attributes": [
            ("size", "Size", "text"),
            ("material", "Material", "option", "textile"),
            ("filling", "Filling", "option", "filling"),
            ("colour", "Colour", "option", "colour"),
            ("removable_cover", "Removable cover", "boolean"),
            ("care_instructions", "Care instructions", "richtext"),
        ],
    },
    "throw": {
        "name": "Throw",
        "shape": "throw",
        "large": False,
        "attributes": [
            ("size", "Size", "text"),
            ("material", "Material", "option", "textile"),
            ("colour", "Colour", "option", "colour"),
            ("weight_g", "Weight (g)", "integer"),
            ("care_instructions", "Care instructions", "richtext"),
        ],
    },
    "curtain": {
        "name": "Curtain",
        "shape": "curtain",
        "large": False,
        "attributes": [
            ("width_cm", "Width (cm)", "integer"),
            ("drop_cm", "Drop (cm)", "integer"),
            ("material", "Material", "option", "textile"),
            ("colour", "Colour", "option", "colour"),
            ("blackout", "Blackout", "boolean"),
            ("heading", "Heading", "text"),
            ("care_instructions", "Care instructions", "richtext"),
        ],
    },
    "care": {
        "name": "Care product",
        "shape": "bottle",
        "large": False,
        "attributes": [
            ("volume_ml", "Volume (ml)", "integer"),
            ("suitable_for", "Suitable for", "multi_option", "care_material"),
            ("eco_label", "Nordic Swan Ecolabel", "boolean"),
            ("usage", "How to use", "text"),
        ],
    },
    "book": {
        "name": "Book",
        "shape": "book",
        "large": False,
        "attributes": [
            ("author", "Author", "text"),
            ("publisher", "Publisher", "text"),
            ("year", "Year", "integer"),
            ("pages", "Pages", "integer"),
            ("language", "Language", "option", "language"),
            ("format", "Format", "option", "book_format"),
            ("isbn", "ISBN", "text"),
        ],
    },
}

# Breadcrumb path -> description; parents come before their children.
CATEGORIES = {
    "Furniture": "Sofas, armchairs and tables made to last, most of them in Finland.",
    "Furniture > Sofas": "Deep, low sofas in linen, wool, velvet and leather, with covers you can change.",
    "Furniture > Armchairs": "Reading chairs, lounge chairs and the armchair that matches your sofa.",
    "Furniture > Tables": "Dining, coffee and side tables in solid Nordic wood.",
    "Textiles": "Cushions, throws and curtains in linen, wool and velvet.",
    "Textiles > Cushions": "Cushions in colours that go with our sofas, with removable covers.",
    "Textiles > Throws": "Wool and linen throws for long evenings at home or at the mökki.",
    "Textiles > Curtains": "Linen, velvet and blackout curtains for the light of the north.",
    "Care products": "Everything to keep fabrics, leather and wood looking their best.",
    "Care products > Fabric care": "Cleaners, protectors and brushes for upholstery and textiles.",
    "Care products > Wood care": "Oils, soaps and waxes for oiled and lacquered wood.",
    "Books": "Design, cooking and fiction from the north, in English, Finnish and Swedish.",
    "Books > Design": "Books on Nordic architecture, interiors and design.",
    "Books > Cooking": "Nordic home cooking, baking and food from forest and lake.",
    "Books > Fiction": "Novels set in the islands, cities and forests of the north.",
}

# What a paragraph about the range says, per class (second paragraph of every description).
STORIES = {
    "sofa": (
        "Every Pohjola sofa is built on a solid wood frame with pocket springs and a seat of "
        "high-resilience foam wrapped in feather, so it stays comfortable for years. Covers are "
        "cut and sewn in Lahti; choose the fabric and colour, and order a new cover when you "
        "want a change."
    ),
    "armchair": (
        "Our armchairs share the frames, springs and fabrics of our sofas, so a chair and a "
        "sofa in the same fabric and colour match exactly."
    ),
    "table": (
        "Made from solid, FSC-certified Nordic wood and finished with a plant-based oil or a "
        "hard-wearing matt lacquer. Small marks can be sanded out and re-oiled: a table that "
        "improves with use."
    ),
    "cushion": (
        "All our cushions come with a removable cover on a concealed zip and an inner that can "
        "be aired and plumped. Colours are dyed to match our sofa fabrics."
    ),
    "throw": (
        "Woven in Finland and Estonia from natural fibres, our throws are warm without weight "
        "and get softer with every wash."
    ),
    "curtain": (
        "Sold per panel, with a tape heading for hooks and a deep hem. Measure the width of "
        "your window and allow one and a half to two times the width in fabric for soft folds."
    ),
    "care": (
        "Pohjola care products are made in Finland with biodegradable ingredients, and tested "
        "on the fabrics and woods we sell."
    ),
    "book": "Books are chosen by our booksellers in Helsinki, Tampere and Turku.",
}

CARE_INSTRUCTIONS = {
    "upholstery": (
        "<ul><li>Vacuum weekly with a soft brush nozzle.</li>"
        "<li>Blot spills at once with a clean damp cloth; do not rub.</li>"
        "<li>Linen covers are removable and washable at 40 °C; velvet, wool and bouclé: "
        "professional dry cleaning only; leather: clean and condition twice a year.</li>"
        "<li>Keep out of direct sunlight to prevent fading.</li>"
        "<li>Turn and plump the seat cushions every month so they wear evenly.</li></ul>"
    ),
    "table": (
        "<ul><li>Wipe with a damp, well-wrung cloth and dry at once.</li>"
        "<li>Re-oil oiled surfaces once or twice a year with Pohjola wood oil.</li>"
        "<li>Use coasters and trivets: protect from heat and standing water.</li></ul>"
    ),
    "cushion": (
        "<ul><li>Remove the cover and wash it inside out: linen and cotton at 40 °C, velvet at "
        "30 °C on a gentle cycle, wool by hand.</li>"
        "<li>Plump the inner daily and air it outdoors on a dry day.</li></ul>"
    ),
    "throw": (
        "<ul><li>Air it outdoors: frost freshens wool, the Finnish way.</li>"
        "<li>Hand wash or wool programme at 30 °C with wool detergent; dry flat.</li>"
        "<li>Do not tumble dry.</li></ul>"
    ),
    "curtain": (
        "<ul><li>Wash at 40 °C on a gentle cycle; linen may shrink up to 3 %.</li>"
        "<li>Hang while damp and let the folds fall into place.</li>"
        "<li>Iron on the reverse if needed.</li></ul>"
    ),
}

FABRIC_SURCHARGE = {"Linen": 0, "Wool": 150, "Velvet": 200, "Bouclé": 250, "Leather": 700}


def fabrics(*names):
    """A fabric axis with each fabric's surcharge on the sofa's base price."""
    return {name: FABRIC_SURCHARGE[name] for name in names}


def isbn13(serial):
    """A valid ISBN-13 in the Finnish range (978-952-70-...), as (digits, hyphenated)."""
    base = f"97895270{serial:04d}"
    check = (10 - sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(base)) % 10) % 10
    digits = f"{base}{check}"
    return digits, f"{digits[:3]}-{digits[3:6]}-{digits[6:8]}-{digits[8:12]}-{digits[12]}"


def variant_code(value):
    """The UPC suffix of an attribute value: "Moss green" -> "MOSSGR", "Bouclé" -> "BOUCLE"."""
    ascii_value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    return "".join(ch for ch in ascii_value.upper() if ch.isalnum())[:6]


def variants_of(spec):
    """The variants of a parent product as (upc, {axis: value}, surcharge), in a fixed order."""
    axes = [
        (code, values if isinstance(values, dict) else dict.fromkeys(values, 0))
        for code, values in spec.get("variants", {}).items()
    ]
    if not axes:
        return
    for choice in combinations(*[list(values.items()) for _, values in axes]):
        values = {code: value for (code, _), (value, _) in zip(axes, choice, strict=True)}
        upc = "-".join([spec["upc"], *(variant_code(value) for value in values.values())])
        yield upc, values, sum(surcharge for _, surcharge in choice)


# --- Furniture --------------------------------------------------------------------------------

SOFA_USES = "Living room; family evenings; small apartments"

FURNITURE = [
    {
        "upc": "PH-SOFA-SAIMAA",
        "class": "sofa",
        "category": "Furniture > Sofas",
        "title": "Saimaa 3-seat sofa",
        "price": "1299.00",
        "priority": 10,
        "summary": (
            "Named after the lake district, Saimaa is our best-loved sofa: deep seats, a low "
            "back and soft arms wide enough to rest a cup of coffee on. The loose back cushions "
            "are filled with feather and fibre, the seat with high-resilience foam, so it keeps "
            "its shape through years of family evenings."
        ),
        "attrs": {
            "width_cm": 228,
            "depth_cm": 92,
            "height_cm": 82,
            "seat_height_cm": 44,
            "seats": 3,
            "frame_material": "Birch",
            "removable_covers": True,
            "care_instructions": CARE_INSTRUCTIONS["upholstery"],
            "use_cases": "Living room; family evenings; napping; a sofa bed's big sister",
        },
        "variants": {"fabric": fabrics("Linen", "Velvet", "Wool"), "colour": ["Sand", "Moss green", "Charcoal"]},
        "recommends": ["PH-CUSH-SAIMAA", "PH-CARE-LINEN", "PH-CARE-VELVET", "PH-CARE-WOOL", "PH-ARM-SAIMAA"],
    },
    {
        "upc": "PH-SOFA-INARI",
        "class": "sofa",
        "category": "Furniture > Sofas",
        "title": "Inari 2-seat sofa",
        "price": "899.00",
        "priority": 5,
        "summary": (
            "A compact two-seater for city flats, with slim arms and tapered pine legs. Inari "
            "fits where a big sofa will not, without giving up a proper, deep seat."
        ),
        "attrs": {
            "width_cm": 172,
            "depth_cm": 88,
            "height_cm": 80,
            "seat_height_cm": 45,
            "seats": 2,
            "frame_material": "Pine",
            "removable_covers": True,
            "care_instructions": CARE_INSTRUCTIONS["upholstery"],
            "use_cases": "Small apartments; studios; bedrooms",
        },
        "variants": {"fabric": fabrics("Linen", "Wool"), "colour": ["Oat", "Fjord blue", "Charcoal"]},
        "recommends": ["PH-CUSH-VILLA", "PH-CARE-LINEN", "PH-CARE-WOOL"],
    },
    {
        "upc": "PH-SOFA-KALLIO",
        "class": "sofa",
        "category": "Furniture > Sofas",
        "title": "Kallio corner sofa",
        "price": "2199.00",
        "summary": (
            "A generous corner sofa for five, with a chaise you can fit on the left or the right "
            "when it is delivered. Velvet or bouclé, in colours taken from a Finnish autumn."
        ),
        "attrs": {
            "width_cm": 284,
            "depth_cm": 178,
            "height_cm": 78,
            "seat_height_cm": 43,
            "seats": 5,
            "frame_material": "Birch",
            "removable_covers": False,
            "care_instructions": CARE_INSTRUCTIONS["upholstery"],
            "use_cases": "Large living rooms; film nights; families with children",
        },
        "variants": {"fabric": fabrics("Velvet", "Bouclé"), "colour": ["Moss green", "Rust", "Stone grey"]},
        "recommends": ["PH-CUSH-SAMETTI", "PH-CARE-VELVET", "PH-CARE-WOOL", "PH-THROW-TUNTURI"],
    },
    {
        "upc": "PH-SOFA-PAIJANNE",
        "class": "sofa",
        "category": "Furniture > Sofas",
        "title": "Päijänne sofa bed",
        "price": "1149.00",
        "summary": (
            "By day a three-seat sofa, by night a 140 cm bed with a proper 12 cm mattress. The "
            "steel mechanism unfolds in one movement; bedding fits in the drawer underneath."
        ),
        "attrs": {
            "width_cm": 204,
            "depth_cm": 96,
            "height_cm": 86,
            "seat_height_cm": 46,
            "seats": 3,
            "frame_material": "Steel",
            "removable_covers": True,
            "care_instructions": CARE_INSTRUCTIONS["upholstery"],
            "use_cases": "Guest rooms; studios; the summer cottage",
        },
        "variants": {"fabric": fabrics("Linen", "Wool"), "colour": ["Sand", "Stone grey"]},
        "recommends": ["PH-CARE-LINEN", "PH-THROW-PELLAVA"],
    },
    {
        "upc": "PH-SOFA-LUMI",
        "class": "sofa",
        "category": "Furniture > Sofas",
        "title": "Lumi 3-seat leather sofa",
        "price": "1799.00",
        "summary": (
            "Vegetable-tanned leather on a solid oak base. Lumi is firm at first and softens "
            "into a patina that is yours alone."
        ),
        "attrs": {
            "width_cm": 214,
            "depth_cm": 90,
            "height_cm": 76,
            "seat_height_cm": 42,
            "seats": 3,
            "frame_material": "Oak",
            "removable_covers": False,
            "care_instructions": CARE_INSTRUCTIONS["upholstery"],
            "use_cases": "Living room; reading; homes with pets",
        },
        "variants": {"fabric": fabrics("Leather"), "colour": ["Cognac", "Black"]},
        "recommends": ["PH-CARE-LEATHER"],
    },
    {
        "upc": "PH-ARM-SAIMAA",
        "class": "armchair",
        "category": "Furniture > Armchairs",
        "title": "Saimaa armchair",
        "price": "749.00",
        "summary": "The armchair of the Saimaa sofa: the same deep seat and soft arms, for one.",
        "attrs": {
            "width_cm": 96,
            "depth_cm": 92,
            "height_cm": 82,
            "seat_height_cm": 44,
            "frame_material": "Birch",
            "removable_covers": True,
            "care_instructions": CARE_INSTRUCTIONS["upholstery"],
            "use_cases": SOFA_USES,
        },
        "variants": {"fabric": fabrics("Linen", "Velvet"), "colour": ["Sand", "Moss green", "Charcoal"]},
        "recommends": ["PH-SOFA-SAIMAA", "PH-CUSH-SAIMAA"],
    },
    {
        "upc": "PH-ARM-TUNTURI",
        "class": "armchair",
        "category": "Furniture > Armchairs",
        "title": "Tunturi lounge chair",
        "price": "899.00",
        "summary": (
            "A high-backed lounge chair on an oak base, shaped to hold your head and shoulders. "
            "Made for long books and dark winter afternoons."
        ),
        "attrs": {
            "width_cm": 84,
            "depth_cm": 88,
            "height_cm": 98,
            "seat_height_cm": 40,
            "frame_material": "Oak",
            "removable_covers": False,
            "care_instructions": CARE_INSTRUCTIONS["upholstery"],
            "use_cases": "Reading corner; living room",
        },
        "variants": {"fabric": fabrics("Wool", "Bouclé"), "colour": ["Oat", "Charcoal"]},
        "recommends": ["PH-THROW-TUNTURI", "PH-CARE-WOOL"],
    },
    {
        "upc": "PH-ARM-PIKKU",
        "class": "armchair",
        "category": "Furniture > Armchairs",
        "title": "Pikku reading chair",
        "price": "549.00",
        "summary": "A small chair with a big seat: Pikku fits by a window or in a child's room.",
        "attrs": {
            "width_cm": 72,
            "depth_cm": 80,
            "height_cm": 90,
            "seat_height_cm": 43,
            "frame_material": "Birch",
            "removable_covers": True,
            "care_instructions": CARE_INSTRUCTIONS["upholstery"],
            "use_cases": "Bedrooms; children's rooms; by the window",
        },
        "variants": {"fabric": fabrics("Linen"), "colour": ["Sand", "Fjord blue", "Rust"]},
    },
    {
        "upc": "PH-ARM-RENTO",
        "class": "armchair",
        "category": "Furniture > Armchairs",
        "title": "Rento rocking chair",
        "price": "679.00",
        "summary": "A birch rocking chair with a wool seat pad: rento means relaxed, and it is.",
        "attrs": {
            "width_cm": 66,
            "depth_cm": 96,
            "height_cm": 100,
            "seat_height_cm": 41,
            "frame_material": "Birch",
            "fabric": "Wool",
            "colour": "Stone grey",
            "removable_covers": True,
            "care_instructions": CARE_INSTRUCTIONS["upholstery"],
            "use_cases": "Nursery; porch; reading corner",
        },
    },
    {
        "upc": "PH-TABLE-KOIVU",
        "class": "table",
        "category": "Furniture > Tables",
        "title": "Koivu dining table 180",
        "price": "1090.00",
        "summary": "A plain, solid dining table for six to eight, in the wood of your choice.",
        "attrs": {
            "width_cm": 180,
            "depth_cm": 90,
            "height_cm": 74,
            "seats": 8,
            "finish": "Natural oil",
            "extendable": False,
            "care_instructions": CARE_INSTRUCTIONS["table"],
        },
        "variants": {"material": {"Birch": 0, "Oak": 200, "Walnut": 500}},
        "recommends": ["PH-CARE-WOODOIL", "PH-CARE-WOODSOAP"],
    },
    {
        "upc": "PH-TABLE-LAAKSO",
        "class": "table",
        "category": "Furniture > Tables",
        "title": "Laakso extendable dining table",
        "price": "1590.00",
        "summary": "From 160 to 240 cm with two leaves stored under the top: Christmas for twelve.",
        "attrs": {
            "width_cm": 160,
            "depth_cm": 95,
            "height_cm": 74,
            "seats": 10,
            "material": "Oak",
            "finish": "White oil",
            "extendable": True,
            "care_instructions": CARE_INSTRUCTIONS["table"],
        },
        "recommends": ["PH-CARE-WHITEOIL"],
    },
    {
        "upc": "PH-TABLE-SARKA",
        "class": "table",
        "category": "Furniture > Tables",
        "title": "Sarka coffee table",
        "price": "449.00",
        "summary": "A low ash coffee table with a shelf for books and the remote.",
        "attrs": {
            "width_cm": 120,
            "depth_cm": 60,
            "height_cm": 40,
            "material": "Ash",
            "finish": "Matt lacquer",
            "extendable": False,
            "care_instructions": CARE_INSTRUCTIONS["table"],
        },
    },
    {
        "upc": "PH-TABLE-KIVI",
        "class": "table",
        "category": "Furniture > Tables",
        "title": "Kivi side table",
        "price": "189.00",
        "summary": "A round birch side table, light enough to carry to wherever you sit.",
        "attrs": {
            "width_cm": 45,
            "depth_cm": 45,
            "height_cm": 52,
            "material": "Birch",
            "finish": "Natural oil",
            "extendable": False,
            "care_instructions": CARE_INSTRUCTIONS["table"],
        },
    },
    {
        "upc": "PH-TABLE-HONKA",
        "class": "table",
        "category": "Furniture > Tables",
        "title": "Honka console table",
        "price": "329.00",
        "summary": "A narrow pine console for the hall: keys, post and a lamp.",
        "attrs": {
            "width_cm": 120,
            "depth_cm": 35,
            "height_cm": 80,
            "material": "Pine",
            "finish": "Natural oil",
            "extendable": False,
            "care_instructions": CARE_INSTRUCTIONS["table"],
        },
    },
    {
        "upc": "PH-TABLE-TUPA",
        "class": "table",
        "category": "Furniture > Tables",
        "title": "Tupa round dining table",
        "price": "899.00",
        "summary": "A round table for four on a pedestal base: no leg in anyone's way.",
        "attrs": {
            "width_cm": 120,
            "depth_cm": 120,
            "height_cm": 74,
            "seats": 4,
            "material": "Birch",
            "finish": "Matt lacquer",
            "extendable": False,
            "care_instructions": CARE_INSTRUCTIONS["table"],
        },
    },
    {
        "upc": "PH-TABLE-PILVI",
        "class": "table",
        "category": "Furniture > Tables",
        "title": "Pilvi nesting tables, set of 2",
        "price": "279.00",
        "summary": "Two walnut tables that nest into one: pull one out when guests arrive.",
        "attrs": {
            "width_cm": 50,
            "depth_cm": 40,
            "height_cm": 48,
            "material": "Walnut",
            "finish": "Natural oil",
            "extendable": False,
            "care_instructions": CARE_INSTRUCTIONS["table"],
        },
    },
]

# --- Textiles ---------------------------------------------------------------------------------

TEXTILES = [
    {
        "upc": "PH-CUSH-SAIMAA",
        "class": "cushion",
        "category": "Textiles > Cushions",
        "title": "Saimaa linen cushion 50 × 50",
        "price": "39.90",
        "priority": 5,
        "summary": "Stone-washed linen in the colours of the Saimaa sofa, with a feather inner.",
        "attrs": {
            "size": "50 × 50 cm",
            "material": "Linen",
            "filling": "Feather",
            "removable_cover": True,
            "care_instructions": CARE_INSTRUCTIONS["cushion"],
        },
        "variants": {"colour": ["Sand", "Moss green", "Charcoal", "Rust", "Oat"]},
        "recommends": ["PH-CARE-LINEN"],
    },
    {
        "upc": "PH-CUSH-SAMETTI",
        "class": "cushion",
        "category": "Textiles > Cushions",
        "title": "Sametti velvet cushion 45 × 45",
        "price": "44.90",
        "summary": "Cotton velvet (sametti) with a soft sheen that changes with the light.",
        "attrs": {
            "size": "45 × 45 cm",
            "material": "Velvet",
            "filling": "Feather",
            "removable_cover": True,
            "care_instructions": CARE_INSTRUCTIONS["cushion"],
        },
        "variants": {"colour": ["Moss green", "Rust", "Ink blue", "Dusty rose", "Mustard"]},
        "recommends": ["PH-CARE-VELVET"],
    },
    {
        "upc": "PH-CUSH-VILLA",
        "class": "cushion",
        "category": "Textiles > Cushions",
        "title": "Villa wool cushion 50 × 50",
        "price": "54.90",
        "summary": "Finnish lambswool, woven in a subtle herringbone, filled with wool.",
        "attrs": {
            "size": "50 × 50 cm",
            "material": "Wool",
            "filling": "Wool",
            "removable_cover": True,
            "care_instructions": CARE_INSTRUCTIONS["cushion"],
        },
        "variants": {"colour": ["Charcoal", "Oat", "Stone grey"]},
    },
    {
        "upc": "PH-CUSH-RUUTU",
        "class": "cushion",
        "category": "Textiles > Cushions",
        "title": "Ruutu check cushion 45 × 45",
        "price": "29.90",
        "summary": "A classic cotton check (ruutu) for the kitchen bench or the cottage.",
        "attrs": {
            "size": "45 × 45 cm",
            "material": "Cotton",
            "filling": "Polyester fibre",
            "removable_cover": True,
            "care_instructions": CARE_INSTRUCTIONS["cushion"],
        },
        "variants": {"colour": ["Lingonberry red", "Fjord blue"]},
    },
    {
        "upc": "PH-CUSH-ISTUIN",
        "class": "cushion",
        "category": "Textiles > Cushions",
        "title": "Istuin kapok floor cushion 60 × 60",
        "price": "59.00",
        "summary": "A firm, plant-filled floor cushion for sitting, stretching or the children's corner.",
        "attrs": {
            "size": "60 × 60 × 12 cm",
            "material": "Cotton",
            "filling": "Kapok",
            "removable_cover": True,
            "care_instructions": CARE_INSTRUCTIONS["cushion"],
        },
        "variants": {"colour": ["Natural", "Charcoal"]},
    },
    {
        "upc": "PH-CUSH-NEULE",
        "class": "cushion",
        "category": "Textiles > Cushions",
        "title": "Neule knitted cushion 50 × 50",
        "price": "49.90",
        "summary": "A chunky cable knit (neule) in merino-blend wool.",
        "attrs": {
            "size": "50 × 50 cm",
            "material": "Wool",
            "filling": "Polyester fibre",
            "removable_cover": True,
            "care_instructions": CARE_INSTRUCTIONS["cushion"],
        },
        "variants": {"colour": ["Oat", "Pine green"]},
    },
    {
        "upc": "PH-CUSH-TUKI",
        "class": "cushion",
        "category": "Textiles > Cushions",
        "title": "Tuki linen lumbar cushion 30 × 60",
        "price": "34.90",
        "summary": "A long linen cushion to support your back in a deep sofa.",
        "attrs": {
            "size": "30 × 60 cm",
            "material": "Linen",
            "filling": "Feather",
            "colour": "Sand",
            "removable_cover": True,
            "care_instructions": CARE_INSTRUCTIONS["cushion"],
        },
    },
    {
        "upc": "PH-CUSH-TERASSI",
        "class": "cushion",
        "category": "Textiles > Cushions",
        "title": "Terassi outdoor cushion 40 × 40",
        "price": "19.90",
        "summary": "Water-repellent cotton canvas for the terrace and the sauna porch.",
        "attrs": {
            "size": "40 × 40 cm",
            "material": "Cotton",
            "filling": "Polyester fibre",
            "colour": "Natural",
            "removable_cover": False,
            "care_instructions": CARE_INSTRUCTIONS["cushion"],
        },
    },
    {
        "upc": "PH-THROW-TUNTURI",
        "class": "throw",
        "category": "Textiles > Throws",
        "title": "Tunturi wool throw",
        "price": "119.00",
        "priority": 5,
        "summary": "A thick Lapland wool throw with a fringe, woven on an old shuttle loom.",
        "attrs": {
            "size": "130 × 180 cm",
            "material": "Wool",
            "weight_g": 1100,
            "care_instructions": CARE_INSTRUCTIONS["throw"],
        },
        "variants": {"colour": ["Charcoal", "Oat", "Moss green", "Rust"]},
        "recommends": ["PH-CARE-WOOLWASH"],
    },
    {
        "upc": "PH-THROW-MERINO",
        "class": "throw",
        "category": "Textiles > Throws",
        "title": "Merino throw",
        "price": "149.00",
        "summary": "Fine merino wool, light and warm, with a soft brushed finish.",
        "attrs": {
            "size": "140 × 200 cm",
            "material": "Merino wool",
            "weight_g": 900,
            "care_instructions": CARE_INSTRUCTIONS["throw"],
        },
        "variants": {"colour": ["Stone grey", "Sand"]},
    },
    {
        "upc": "PH-THROW-PELLAVA",
        "class": "throw",
        "category": "Textiles > Throws",
        "title": "Pellava linen throw",
        "price": "79.00",
        "summary": "A washed linen (pellava) throw for light summer nights.",
        "attrs": {
            "size": "140 × 180 cm",
            "material": "Linen",
            "weight_g": 600,
            "care_instructions": CARE_INSTRUCTIONS["throw"],
        },
        "variants": {"colour": ["Sand", "Fjord blue", "Moss green"]},
    },
    {
        "upc": "PH-THROW-VOHVELI",
        "class": "throw",
        "category": "Textiles > Throws",
        "title": "Vohveli cotton waffle throw",
        "price": "59.00",
        "summary": "Organic cotton in a deep waffle weave (vohveli): a throw and a bath sheet in one.",
        "attrs": {
            "size": "130 × 170 cm",
            "material": "Cotton",
            "weight_g": 700,
            "care_instructions": CARE_INSTRUCTIONS["throw"],
        },
        "variants": {"colour": ["Birch white", "Sand"]},
    },
    {
        "upc": "PH-THROW-KIDE",
        "class": "throw",
        "category": "Textiles > Throws",
        "title": "Kide mohair throw",
        "price": "189.00",
        "summary": "Kid mohair with a halo as light as a snow crystal (kide).",
        "attrs": {
            "size": "130 × 170 cm",
            "material": "Mohair",
            "colour": "Dusty rose",
            "weight_g": 500,
            "care_instructions": CARE_INSTRUCTIONS["throw"],
        },
    },
    {
        "upc": "PH-THROW-RUUTU",
        "class": "throw",
        "category": "Textiles > Throws",
        "title": "Ruutu check wool throw",
        "price": "99.00",
        "summary": "A red and white check in pure wool: the throw of every Finnish cottage.",
        "attrs": {
            "size": "130 × 170 cm",
            "material": "Wool",
            "colour": "Lingonberry red",
            "weight_g": 950,
            "care_instructions": CARE_INSTRUCTIONS["throw"],
        },
    },
    {
        "upc": "PH-CURT-VALO",
        "class": "curtain",
        "category": "Textiles > Curtains",
        "title": "Valo linen curtain 140 × 250",
        "price": "89.00",
        "summary": "Medium-weight linen that filters the light (valo) without hiding it.",
        "attrs": {
            "width_cm": 140,
            "drop_cm": 250,
            "material": "Linen",
            "blackout": False,
            "heading": "Tape heading for hooks",
            "care_instructions": CARE_INSTRUCTIONS["curtain"],
        },
        "variants": {"colour": ["Sand", "Oat", "Stone grey"]},
    },
    {
        "upc": "PH-CURT-YO",
        "class": "curtain",
        "category": "Textiles > Curtains",
        "title": "Yö blackout curtain 140 × 250",
        "price": "99.00",
        "summary": "For the white nights (yö is night): a tightly woven cotton with a blackout lining.",
        "attrs": {
            "width_cm": 140,
            "drop_cm": 250,
            "material": "Cotton",
            "blackout": True,
            "heading": "Tape heading for hooks",
            "care_instructions": CARE_INSTRUCTIONS["curtain"],
        },
        "variants": {"colour": ["Charcoal", "Ink blue"]},
    },
    {
        "upc": "PH-CURT-SAMETTI",
        "class": "curtain",
        "category": "Textiles > Curtains",
        "title": "Sametti velvet curtain 140 × 260",
        "price": "129.00",
        "summary": "Heavy cotton velvet that keeps out draughts and softens the sound of a room.",
        "attrs": {
            "width_cm": 140,
            "drop_cm": 260,
            "material": "Velvet",
            "blackout": False,
            "heading": "Tape heading for hooks",
            "care_instructions": CARE_INSTRUCTIONS["curtain"],
        },
        "variants": {"colour": ["Moss green", "Rust"]},
    },
    {
        "upc": "PH-CURT-USVA",
        "class": "curtain",
        "category": "Textiles > Curtains",
        "title": "Usva sheer curtain 140 × 250",
        "price": "49.00",
        "summary": "A sheer linen voile, light as morning mist (usva).",
        "attrs": {
            "width_cm": 140,
            "drop_cm": 250,
            "material": "Linen",
            "colour": "Birch white",
            "blackout": False,
            "heading": "Rod pocket",
            "care_instructions": CARE_INSTRUCTIONS["curtain"],
        },
    },
    {
        "upc": "PH-CURT-KESA",
        "class": "curtain",
        "category": "Textiles > Curtains",
        "title": "Kesä cotton kitchen curtain 140 × 60",
        "price": "29.90",
        "summary": "A short cotton curtain for the kitchen window, as at the summer (kesä) cottage.",
        "attrs": {
            "width_cm": 140,
            "drop_cm": 60,
            "material": "Cotton",
            "colour": "Natural",
            "blackout": False,
            "heading": "Rod pocket",
            "care_instructions": CARE_INSTRUCTIONS["curtain"],
        },
    },
]

# --- Care products ----------------------------------------------------------------------------


def _care(upc, title, price, summary, volume, suitable, usage, category="Care products > Fabric care", **extra):
    attrs = {"suitable_for": suitable, "eco_label": extra.pop("eco_label", True), "usage": usage}
    if volume:
        attrs["volume_ml"] = volume
    return {
        "upc": upc,
        "class": "care",
        "category": category,
        "title": title,
        "price": price,
        "summary": summary,
        "attrs": attrs,
        **extra,
    }


WOOD = "Care products > Wood care"

CARE_PRODUCTS = [
    _care(
        "PH-CARE-LINEN",
        "Linen & cotton upholstery cleaner 500 ml",
        "14.90",
        "A gentle foam cleaner for linen and cotton covers that cannot go in the machine.",
        500,
        ["Linen", "Cotton"],
        "Spray, leave for a minute, wipe with a damp white cloth.",
        image_colour="#6B7B4C",
    ),
    _care(
        "PH-CARE-VELVET",
        "Velvet refresh spray 300 ml",
        "16.90",
        "Lifts crushed pile and freshens velvet between professional cleans.",
        300,
        ["Velvet"],
        "Mist from 30 cm, then brush along the pile with a soft brush.",
        image_colour="#22304A",
    ),
    _care(
        "PH-CARE-WOOL",
        "Wool & bouclé upholstery shampoo 500 ml",
        "19.90",
        "A lanolin shampoo for wool and bouclé sofas and chairs: cleans without felting.",
        500,
        ["Wool", "Bouclé"],
        "Dilute 1:10, apply with a sponge, blot dry; vacuum when dry.",
        image_colour="#9A9A94",
    ),
    _care(
        "PH-CARE-STAIN",
        "Universal stain remover 250 ml",
        "12.90",
        "For coffee, red wine and lingonberry juice on most washable fabrics.",
        250,
        ["Linen", "Cotton", "Wool", "Velvet"],
        "Test on a hidden spot. Dab on, wait 5 minutes, blot.",
        image_colour="#B0243A",
    ),
    _care(
        "PH-CARE-LEATHER",
        "Leather cleaner & conditioner set",
        "29.00",
        "A mild cleaner and a beeswax conditioner for aniline and semi-aniline leather.",
        2 * 250,
        ["Leather"],
        "Clean with the cleaner, let dry, then massage in a thin layer of conditioner.",
        shape="box",
        image_colour="#9A5B2E",
    ),
    _care(
        "PH-CARE-PROTECT",
        "Fabric protector spray 400 ml",
        "24.90",
        "A fluorocarbon-free protector that makes spills bead on the surface.",
        400,
        ["Linen", "Cotton", "Wool", "Velvet", "Bouclé"],
        "Spray evenly on a clean, dry fabric; let dry 24 hours.",
        image_colour="#3E6A8A",
    ),
    _care(
        "PH-CARE-WOOLWASH",
        "Wool & silk detergent 750 ml",
        "11.90",
        "A pH-neutral detergent with lanolin for throws, knits and wool cushion covers.",
        750,
        ["Wool"],
        "30 ml per wash, hand wash or wool programme at 30 °C.",
        image_colour="#E6DCC8",
    ),
    _care(
        "PH-CARE-BRUSH",
        "Horsehair upholstery brush",
        "19.90",
        "A beech brush with horsehair bristles, for dust, crumbs and pet hair.",
        None,
        ["Linen", "Wool", "Velvet", "Bouclé"],
        "Brush along the weave, never against velvet's pile.",
        shape="box",
        image_colour="#C49A6C",
        eco_label=False,
    ),
    _care(
        "PH-CARE-LINT",
        "Lint roller with 3 refills",
        "9.90",
        "A sturdy roller for a last touch before guests arrive.",
        None,
        ["Linen", "Cotton", "Wool", "Velvet"],
        "Roll, tear off the used sheet.",
        shape="box",
        image_colour="#D4A12A",
        eco_label=False,
    ),
    _care(
        "PH-CARE-WOODOIL",
        "Oak & ash wood oil 500 ml",
        "24.90",
        "A natural, linseed-based oil for oiled oak, ash and walnut.",
        500,
        ["Wood"],
        "Sand lightly, apply a thin coat, wipe off the excess after 15 minutes.",
        category=WOOD,
        shape="tin",
        image_colour="#C49A6C",
    ),
    _care(
        "PH-CARE-WHITEOIL",
        "White wood oil 500 ml",
        "26.90",
        "Keeps pale woods like birch and white-oiled oak from yellowing.",
        500,
        ["Wood"],
        "Apply thinly along the grain, wipe off, let dry overnight.",
        category=WOOD,
        shape="tin",
        image_colour="#F1EEE6",
    ),
    _care(
        "PH-CARE-WOODSOAP",
        "Wood soap 1 l",
        "14.90",
        "The Nordic way to clean oiled and soaped wood floors and tables.",
        1000,
        ["Wood"],
        "One capful in a bucket of warm water; wipe with a well-wrung cloth.",
        category=WOOD,
        image_colour="#E3CFA8",
    ),
    _care(
        "PH-CARE-WAX",
        "Furniture wax 250 ml",
        "19.90",
        "Beeswax and carnauba for a soft sheen on waxed and oiled furniture.",
        250,
        ["Wood"],
        "Apply with a cloth, leave 20 minutes, buff.",
        category=WOOD,
        shape="tin",
        image_colour="#D4A12A",
    ),
    _care(
        "PH-CARE-WOODKIT",
        "Wood care kit",
        "29.00",
        "Oil, sanding pad and two cloths: everything for a yearly care of an oiled table.",
        250,
        ["Wood"],
        "Follow the card inside the box: sand, oil, wipe, let dry.",
        category=WOOD,
        shape="box",
        image_colour="#6B4A32",
    ),
    _care(
        "PH-CARE-SCRATCH",
        "Scratch repair pens, set of 3",
        "9.90",
        "Tinted wax pens for birch, oak and walnut.",
        None,
        ["Wood"],
        "Fill the scratch, wipe off the excess with a soft cloth.",
        category=WOOD,
        shape="box",
        image_colour="#9A5B2E",
        eco_label=False,
    ),
]

# --- Books ------------------------------------------------------------------------------------


def _book(
    serial,
    title,
    author,
    price,
    summary,
    category,
    pages,
    year,
    language="English",
    fmt="Hardback",
    publisher="Pohjola Press",
    cover="#22304A",
):
    digits, isbn = isbn13(serial)
    return {
        "upc": digits,
        "class": "book",
        "category": category,
        "title": title,
        "price": price,
        "summary": summary,
        "image_colour": cover,
        "attrs": {
            "author": author,
            "publisher": publisher,
            "year": year,
            "pages": pages,
            "language": language,
            "format": fmt,
            "isbn": isbn,
        },
    }


DESIGN, COOKING, FICTION = "Books > Design", "Books > Cooking", "Books > Fiction"

BOOKS = [
    _book(
        1,
        "Nordic Light: Homes in the North",
        "Linnea Saarinen",
        "45.00",
        "Twenty homes from Lapland to the archipelago, and how they catch the little light of winter.",
        DESIGN,
        256,
        2024,
        cover="#22304A",
    ),
    _book(
        2,
        "Koti: The Finnish Way of Living",
        "Matti Aaltonen",
        "39.00",
        "What makes a home (koti) in Finland: the sauna, the entrance hall and the kitchen table.",
        DESIGN,
        224,
        2023,
        cover="#6B7B4C",
    ),
    _book(
        3,
        "Wood, Wool and Stone",
        "Helena Rautio",
        "42.00",
        "A designer's guide to natural materials, how they age and how to care for them.",
        DESIGN,
        288,
        2025,
        publisher="Kustannus Revontuli",
        cover="#9A5B2E",
    ),
    _book(
        4,
        "The Colour of Winter",
        "Ilona Berg",
        "36.00",
        "Palettes from the Nordic seasons, with paint and fabric recipes for every room.",
        DESIGN,
        192,
        2022,
        cover="#3E6A8A",
    ),
    _book(
        5,
        "Sauna: Architecture of Heat",
        "Pekka Lehtonen",
        "44.00",
        "From smoke saunas to city bathhouses: fifty saunas and their builders.",
        DESIGN,
        312,
        2024,
        publisher="Kustannus Revontuli",
        cover="#3C3F42",
    ),
    _book(
        6,
        "Suomalaista muotoilua",
        "Aino Kallio",
        "45.00",
        "A century of Finnish design, from glass and textiles to furniture, in Finnish.",
        DESIGN,
        340,
        2021,
        language="Finnish",
        publisher="Kustannus Revontuli",
        cover="#B0243A",
    ),
    _book(
        7,
        "Nordic Baking: Rye, Cardamom and Berries",
        "Sofia Nyberg",
        "32.00",
        "Pulla, rye bread and blueberry pie: eighty recipes from a Helsinki bakery.",
        COOKING,
        240,
        2023,
        cover="#D4A12A",
    ),
    _book(
        8,
        "The Forest Kitchen",
        "Jussi Hakala",
        "34.00",
        "Mushrooms, berries and wild herbs: cooking with what the Finnish forest gives.",
        COOKING,
        224,
        2024,
        cover="#2F4F3A",
    ),
    _book(
        9,
        "Karelian Pies and Other Stories",
        "Maria Ivanoff",
        "29.00",
        "Recipes and family stories from Karelia, with the perfect karjalanpiirakka.",
        COOKING,
        176,
        2022,
        fmt="Paperback",
        cover="#A5532F",
    ),
    _book(
        10,
        "Summer Cottage Cooking",
        "Ville Mäkelä",
        "27.00",
        "Simple food for the mökki: smoked fish, new potatoes and strawberries.",
        COOKING,
        160,
        2025,
        fmt="Paperback",
        cover="#3E6A8A",
    ),
    _book(
        11,
        "Ruokaa: kotiruokaa joka päivään",
        "Tiina Salo",
        "35.00",
        "Everyday Finnish home cooking, in Finnish: soups, casseroles and Sunday roasts.",
        COOKING,
        208,
        2023,
        language="Finnish",
        publisher="Kustannus Revontuli",
        cover="#6B7B4C",
    ),
    _book(
        12,
        "Fish from Cold Waters",
        "Erik Lindholm",
        "38.00",
        "Salmon, whitefish, perch and vendace, from the Baltic and the lakes.",
        COOKING,
        232,
        2024,
        cover="#22304A",
    ),
    _book(
        13,
        "The Lighthouse at Utö",
        "Karin Sjöberg",
        "24.00",
        "A winter storm, a missing keeper and the last ferry of the year.",
        FICTION,
        336,
        2023,
        fmt="Paperback",
        publisher="Archipelago Books",
        cover="#3C3F42",
    ),
    _book(
        14,
        "Midsummer Night in Porvoo",
        "Anders Holm",
        "26.00",
        "Three families, one bonfire and the longest day of the year.",
        FICTION,
        304,
        2024,
        fmt="Paperback",
        publisher="Archipelago Books",
        cover="#D4A12A",
    ),
    _book(
        15,
        "Snow over Lapland",
        "Riikka Niemi",
        "24.90",
        "A reindeer herder's daughter comes home for the polar night.",
        FICTION,
        288,
        2022,
        fmt="Paperback",
        cover="#9A9A94",
    ),
    _book(
        16,
        "Kaamos",
        "Juha Virta",
        "28.00",
        "A novel of the dark season in the far north, in Finnish.",
        FICTION,
        256,
        2021,
        language="Finnish",
        publisher="Kustannus Revontuli",
        cover="#22304A",
    ),
    _book(
        17,
        "The Archipelago",
        "Eva Strand",
        "25.00",
        "Twelve stories from twelve islands between Turku and Åland.",
        FICTION,
        220,
        2025,
        fmt="Paperback",
        publisher="Archipelago Books",
        cover="#6B7B4C",
    ),
    _book(
        18,
        "Tystnaden",
        "Lars Ek",
        "27.00",
        "A quiet novel about a composer's last summer in Ostrobothnia, in Swedish.",
        FICTION,
        240,
        2023,
        language="Swedish",
        publisher="Archipelago Books",
        cover="#C99A9A",
    ),
    _book(
        19,
        "The Bear's Winter",
        "Outi Harju",
        "24.00",
        "A picture-book-sized novel for adults about sleep, snow and waking up.",
        FICTION,
        180,
        2024,
        cover="#9A5B2E",
    ),
    _book(
        20,
        "Letters from Tornio",
        "Henrik Aalto",
        "26.00",
        "Letters across the border river, between two sisters, over forty years.",
        FICTION,
        296,
        2022,
        publisher="Archipelago Books",
        cover="#A5532F",
    ),
]

PRODUCTS = FURNITURE + TEXTILES + CARE_PRODUCTS + BOOKS

# Stock levels that the journeys rely on, by sellable product UPC and store slug; they win over
# the seeded random spread (None: the store does not carry it at all).
STOCK_OVERRIDES = {
    # Anna's sofa, the cushions the associate adds and the cleaner the checkout suggests are all
    # in stock online and in Helsinki, so that click-and-collect there is possible.
    "PH-SOFA-SAIMAA-LINEN-SAND": {"online-warehouse": 6, "helsinki-keskusta": 2, "tampere": 0, "turku": None},
    "PH-CUSH-SAIMAA-SAND": {"online-warehouse": 40, "helsinki-keskusta": 12},
    "PH-CARE-LINEN": {"online-warehouse": 60, "helsinki-keskusta": 15},
    # Sold out online, but still in a store or two.
    "PH-SOFA-SAIMAA-VELVET-MOSSGR": {"online-warehouse": 0, "helsinki-keskusta": 1, "espoo-tapiola": 1},
    "PH-THROW-KIDE": {"online-warehouse": 0, "turku": 3, "tampere": 0},
    "PH-TABLE-LAAKSO": {"online-warehouse": 0, "tampere": 1},
    # Sold out everywhere.
    "PH-CUSH-SAMETTI-MUSTAR": {
        "online-warehouse": 0,
        "helsinki-keskusta": 0,
        "espoo-tapiola": 0,
        "tampere": 0,
        "turku": 0,
    },
}
