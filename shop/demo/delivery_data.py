"""The demo's delivery: the weekly home-delivery windows, the pickup points (parcel lockers and
partner shops in the store cities), and how long each store takes to prepare a click-and-collect
order."""

from datetime import time

# (weekday, starts, ends, deliveries): Monday to Saturday in three windows, no Sunday deliveries;
# the evening window is the popular one and the biggest.
WINDOWS = [
    (day, time(*starts), time(*ends), capacity)
    for day in range(6)
    for starts, ends, capacity in (((9, 0), (13, 0), 6), ((13, 0), (17, 0), 6), ((17, 0), (21, 0), 10))
]

HOURS = {"day": "Mon-Sun 6-24", "shop": "Mon-Sun 7-22", "mall": "Mon-Sat 8-21, Sun 12-18"}
PICKUP_POINTS = [
    ("hki-kamppi-locker", "Kamppi parcel locker", "locker", "Urho Kekkosen katu 1", "00100", "Helsinki", HOURS["day"]),
    ("hki-kallio-shop", "Kallio R-kioski", "shop", "Hämeentie 13", "00530", "Helsinki", HOURS["shop"]),
    ("hki-itis-locker", "Itis parcel locker", "locker", "Itäkatu 1", "00930", "Helsinki", HOURS["mall"]),
    ("espoo-iso-omena-locker", "Iso Omena parcel locker", "locker", "Piispansilta 11", "02230", "Espoo", HOURS["shop"]),
    ("vantaa-tikkurila-shop", "Tikkurila K-Market", "shop", "Asematie 6", "01300", "Vantaa", HOURS["shop"]),
    ("tampere-ratina-locker", "Ratina parcel locker", "locker", "Vuolteenkatu 1", "33100", "Tampere", HOURS["day"]),
    ("turku-hansa-locker", "Hansa parcel locker", "locker", "Yliopistonkatu 16", "20100", "Turku", HOURS["shop"]),
]

# Minutes a store takes to have a click-and-collect order ready, counted in its opening hours.
PREPARATION_MINUTES = {"helsinki-keskusta": 60, "espoo-tapiola": 120, "tampere": 180, "turku": 120}
