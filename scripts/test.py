#!/usr/bin/env python
"""Run the whole test suite with the services this machine has.

PostgreSQL and Redis are used when DATABASE_URL / REDIS_URL are set or when they answer on
their default local ports. Without them the suite falls back to SQLite and skips the tests
that need them, and says so. With REQUIRE_SERVICES=1 (CI) a missing service is a failure.
Extra arguments are passed to pytest.
"""

import os
import shutil
import socket
import subprocess
import sys
from urllib.parse import urlparse

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/shop"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"


def reachable(url, default_port):
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=2):
            return True
    except OSError:
        return False


def main(argv):
    env = dict(os.environ)
    required = env.get("REQUIRE_SERVICES", "") in {"1", "true", "yes"}
    missing = []

    database_url = env.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    if database_url.startswith("postgres") and reachable(database_url, 5432):
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
        missing.append(f"PostgreSQL ({database_url})")

    redis_url = env.get("REDIS_URL") or DEFAULT_REDIS_URL
    if reachable(redis_url, 6379):
        env["REDIS_URL"] = redis_url
    else:
        env.pop("REDIS_URL", None)
        missing.append(f"Redis ({redis_url})")

    chromium = env.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not shutil.which(chromium):
        missing.append(f"Chromium ({chromium})")

    if missing and required:
        print("REQUIRE_SERVICES=1 but these are not available: " + ", ".join(missing), file=sys.stderr)
        return 2
    if missing:
        print("Running without: " + ", ".join(missing) + ". The tests that need them are skipped (see the summary).")
    print(
        f"Database: {env.get('DATABASE_URL', 'SQLite (embedded)')}; Redis: {env.get('REDIS_URL', 'none')}", flush=True
    )
    return subprocess.call([sys.executable, "-m", "pytest", *argv], env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
