"""Demo accounts, one or more for every role. Passwords are fixed demo passwords (all replaced
by the DEMO_PASSWORD environment variable when it is set) and are set only when an account is
created, so a password changed in the demo survives a second load."""

SHOPPER = "Shopper"
STORE_STAFF = "Store staff"
PRODUCT_ADMIN = "Product admin"
SUPERUSER = "Superuser"

USERS = [
    {
        "email": "anna@example.com",
        "password": "anna-demo-2026",
        "first_name": "Anna",
        "last_name": "Lindqvist",
        "role": SHOPPER,
        "try": "Her cart holds a sofa: check out (collect it in Helsinki); Account > Store access shows a code",
        "address": {
            "line1": "Runeberginkatu 34 A 7",
            "line4": "Helsinki",
            "postcode": "00100",
            "phone_number": "+358401234567",
        },
    },
    {
        "email": "ben@example.com",
        "password": "ben-demo-2026",
        "first_name": "Ben",
        "last_name": "Korhonen",
        "role": SHOPPER,
        "try": "Active yearly member (prices, points at /membership/); staff find him by email (standing consent)",
        "address": {
            "line1": "Hämeenkatu 20 C 12",
            "line4": "Tampere",
            "postcode": "33200",
            "phone_number": "+358407654321",
        },
    },
    {
        "email": "lauri@example.com",
        "password": "lauri-demo-2026",
        "first_name": "Lauri",
        "last_name": "Saari",
        "role": SHOPPER,
        "try": "Lapsed member (payment failed): regular prices, the cart says why, join again",
    },
    {
        "email": "aino.staff@example.com",
        "password": "aino-demo-2026",
        "first_name": "Aino",
        "last_name": "Virtanen",
        "role": STORE_STAFF,
        "store": "helsinki-keskusta",
        "try": "Store tablet at /store/: open a customer's cart with their code, or start one for a walk-in",
    },
    {
        "email": "mikko.staff@example.com",
        "password": "mikko-demo-2026",
        "first_name": "Mikko",
        "last_name": "Nieminen",
        "role": STORE_STAFF,
        "store": "tampere",
        "try": "Store tablet at /store/: open a customer's cart with their code, or start one for a walk-in",
    },
    {
        "email": "elina.staff@example.com",
        "password": "elina-demo-2026",
        "first_name": "Elina",
        "last_name": "Mäkinen",
        "role": STORE_STAFF,
        "store": "turku",
        "try": "Store tablet at /store/: open a customer's cart with their code, or start one for a walk-in",
    },
    {
        "email": "joonas.staff@example.com",
        "password": "joonas-demo-2026",
        "first_name": "Joonas",
        "last_name": "Laine",
        "role": STORE_STAFF,
        "store": "espoo-tapiola",
        "try": "Store tablet at /store/: open a customer's cart with their code, or start one for a walk-in",
    },
    {
        "email": "sanna.pim@example.com",
        "password": "sanna-demo-2026",
        "first_name": "Sanna",
        "last_name": "Heikkinen",
        "role": PRODUCT_ADMIN,
        "try": "Edit, review and publish products in /cms/ (Product information), import/export",
    },
    {
        "email": "admin@example.com",
        "password": "admin-demo-2026",
        "first_name": "Pohjola",
        "last_name": "Admin",
        "role": SUPERUSER,
        "try": "Everything: /cms/, /dashboard/ (orders), /django-admin/",
    },
]
