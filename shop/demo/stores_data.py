"""The demo's locations (the online warehouse and the department stores), shipping countries
and site. Addresses and coordinates are real-looking; phone numbers are made up."""

from datetime import time

# The web shop sells from this location's stock; its partner code is
# settings.SHOP_ONLINE_PARTNER_CODE, whatever its slug here.
WAREHOUSE_SLUG = "online-warehouse"


def _hours(weekdays, saturday, sunday=None):
    """Opening hours as {weekday: (opens, closes)}: Mon-Fri, Saturday and (maybe) Sunday."""
    week = {day: weekdays for day in range(5)}
    week[5] = saturday
    if sunday:
        week[6] = sunday
    return {day: (time(*opens), time(*closes)) for day, (opens, closes) in week.items()}


STORES = [
    {
        "slug": WAREHOUSE_SLUG,
        "name": "Pohjola Online warehouse",
        "kind": "warehouse",
        "street": "Tiilenpolttajankuja 5",
        "postcode": "01720",
        "city": "Vantaa",
        "phone": "+358 9 4270 1000",
        "email": "verkkokauppa@pohjola.example",
        "latitude": "60.310842",
        "longitude": "24.988406",
        "is_pickup_point": False,
        "hours": {},
    },
    {
        "slug": "helsinki-keskusta",
        "name": "Pohjola Helsinki Keskusta",
        "kind": "store",
        "street": "Aleksanterinkatu 21",
        "postcode": "00100",
        "city": "Helsinki",
        "phone": "+358 9 4270 2100",
        "email": "helsinki@pohjola.example",
        "latitude": "60.168780",
        "longitude": "24.945040",
        "is_pickup_point": True,
        "hours": _hours(((9, 0), (21, 0)), ((9, 0), (19, 0)), ((12, 0), (18, 0))),
    },
    {
        "slug": "espoo-tapiola",
        "name": "Pohjola Espoo Tapiola",
        "kind": "store",
        "street": "Tapiontori 3",
        "postcode": "02100",
        "city": "Espoo",
        "phone": "+358 9 4270 2200",
        "email": "tapiola@pohjola.example",
        "latitude": "60.175240",
        "longitude": "24.804960",
        "is_pickup_point": True,
        "hours": _hours(((10, 0), (20, 0)), ((10, 0), (18, 0)), ((12, 0), (18, 0))),
    },
    {
        "slug": "tampere",
        "name": "Pohjola Tampere",
        "kind": "store",
        "street": "Hämeenkatu 14",
        "postcode": "33100",
        "city": "Tampere",
        "phone": "+358 3 4270 3300",
        "email": "tampere@pohjola.example",
        "latitude": "61.498150",
        "longitude": "23.761030",
        "is_pickup_point": True,
        # Closed on Sundays.
        "hours": _hours(((10, 0), (19, 0)), ((10, 0), (17, 0))),
    },
    {
        "slug": "turku",
        "name": "Pohjola Turku",
        "kind": "store",
        "street": "Yliopistonkatu 22",
        "postcode": "20100",
        "city": "Turku",
        "phone": "+358 2 4270 4400",
        "email": "turku@pohjola.example",
        "latitude": "60.451810",
        "longitude": "22.266630",
        "is_pickup_point": True,
        "hours": _hours(((10, 0), (20, 0)), ((10, 0), (18, 0)), ((12, 0), (17, 0))),
    },
]

# (alpha-2, alpha-3, numeric, printable name, official name, ships there, display order)
COUNTRIES = [
    ("FI", "FIN", "246", "Finland", "Republic of Finland", True, 10),
    ("SE", "SWE", "752", "Sweden", "Kingdom of Sweden", False, 0),
    ("NO", "NOR", "578", "Norway", "Kingdom of Norway", False, 0),
    ("DK", "DNK", "208", "Denmark", "Kingdom of Denmark", False, 0),
    ("EE", "EST", "233", "Estonia", "Republic of Estonia", False, 0),
]

SITE_NAME = "Pohjola"
