"""The cart as channels other than Oscar's pages see it: priced for its owner (services) and
served by the API (api)."""
