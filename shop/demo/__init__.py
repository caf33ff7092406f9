"""Demo data for the Pohjola storefront, loaded by ``manage.py load_demo``.

The data lives here as plain Python structures (``stores_data``, ``catalogue_data``,
``users_data``); ``loader`` writes it to the database, ``images`` draws product pictures
with Pillow. Loading only adds what is missing and never overwrites an existing row, so it is
safe to run again on a database that has been used (orders placed, products edited).
"""
