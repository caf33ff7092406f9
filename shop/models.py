"""The shop package keeps its data in its sub-apps (stores, partner, checkout).

This module exists so that Django sends post_migrate for the shop app, which keeps the roles
(shop.roles) in sync after every migrate and after test flushes.
"""
