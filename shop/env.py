"""Typed reading of settings from the environment.

Kept free of Django imports so that settings.py can use it and tests can call it
with a plain dict.
"""

from collections.abc import Mapping

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class EnvError(ValueError):
    pass


class Env:
    def __init__(self, environ: Mapping[str, str]):
        self.environ = environ

    def str(self, name, default=None):
        value = self.environ.get(name)
        return default if value is None else value.strip()

    def bool(self, name, default=False):
        value = self.environ.get(name)
        if value is None:
            return default
        word = value.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise EnvError(f"{name}={value!r} is not a boolean (use 1/0, true/false, yes/no, on/off)")

    def int(self, name, default=0):
        value = self.environ.get(name)
        if value is None or not value.strip():
            return default
        try:
            return int(value)
        except ValueError:
            raise EnvError(f"{name}={value!r} is not a whole number") from None

    def list(self, name, default=()):
        value = self.environ.get(name)
        if value is None:
            return list(default)
        return [item.strip() for item in value.split(",") if item.strip()]
