import os
import subprocess
import sys
from pathlib import Path

import pytest

from shop.env import Env, EnvError

ROOT = Path(__file__).resolve().parent.parent


def test_env_parses_typed_values():
    env = Env({"FLAG": " Yes ", "OFF": "0", "N": "42", "HOSTS": "a.example, b.example,,", "S": " x "})
    assert env.bool("FLAG") is True
    assert env.bool("OFF") is False
    assert env.bool("MISSING", default=True) is True
    assert env.int("N") == 42
    assert env.int("MISSING", 7) == 7
    assert env.list("HOSTS") == ["a.example", "b.example"]
    assert env.list("MISSING", ["x"]) == ["x"]
    assert env.str("S") == "x"


@pytest.mark.parametrize("name,value,method", [("B", "maybe", "bool"), ("I", "12a", "int")])
def test_env_rejects_malformed_values(name, value, method):
    with pytest.raises(EnvError, match=name):
        getattr(Env({name: value}), method)(name)


def run_django(args, **env):
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SECURE_"))}
    environ.update(DJANGO_SETTINGS_MODULE="shop.settings", **env)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environ, capture_output=True, text=True)


PRODUCTION = {
    "DJANGO_ENV": "production",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-key-with-enough-entropy-1234567890",
    "DJANGO_ALLOWED_HOSTS": "shop.example.com",
}


def test_production_settings_pass_check_deploy():
    result = run_django(["check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_switch_on_secure_defaults():
    code = (
        "from django.conf import settings as s;"
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS, bool(s.CONTENT_SECURITY_POLICY), s.STORAGES['staticfiles']['BACKEND'])"
    )
    result = run_django(["shell", "--no-imports", "-c", code], **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "True",
        "True",
        "True",
        "31536000",
        "True",
        "whitenoise.storage.CompressedManifestStaticFilesStorage",
    ]


@pytest.mark.parametrize(
    "missing,message",
    [
        ("DJANGO_SECRET_KEY", "DJANGO_SECRET_KEY must be set"),
        ("DJANGO_ALLOWED_HOSTS", "DJANGO_ALLOWED_HOSTS must be set"),
    ],
)
def test_production_refuses_to_start_without_required_variables(missing, message):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = run_django(["check"], **env)
    assert result.returncode != 0
    assert message in result.stderr


def test_development_defaults_need_no_environment():
    result = run_django(
        [
            "shell",
            "--no-imports",
            "-c",
            "from django.conf import settings as s; print(s.DEBUG, s.CELERY_TASK_ALWAYS_EAGER)",
        ],
        DATABASE_URL="",
        REDIS_URL="",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True"]


@pytest.mark.django_db
def test_responses_carry_the_configured_security_headers(client, settings):
    settings.CONTENT_SECURITY_POLICY = "default-src 'self'"
    response = client.get("/api/v1/stores/")
    assert response["Content-Security-Policy"] == "default-src 'self'"
    assert response["X-Content-Type-Options"] == "nosniff"
