"""Background work as a real worker sees it: the tasks its app registers."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What `celery -A shop worker` does before it consumes: load the app, then import the task
# modules (import_default_modules runs the autodiscovery).
WORKER_VIEW = """
import json
from shop.celery import app
app.loader.import_default_modules()
print(json.dumps({
    "registered": sorted(app.tasks),
    "beat": {name: entry["task"] for name, entry in app.conf.beat_schedule.items()},
}))
"""


def test_every_task_of_the_beat_schedule_is_registered_on_the_worker_app():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "shop.settings", "CELERY_TASK_ALWAYS_EAGER": "false"}
    result = subprocess.run(
        [sys.executable, "-c", WORKER_VIEW], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    worker = json.loads(result.stdout.strip().splitlines()[-1])
    assert worker["beat"], "the worker's app has no beat schedule"
    unregistered = {name: task for name, task in worker["beat"].items() if task not in worker["registered"]}
    assert not unregistered, f"beat would send tasks no worker knows: {unregistered}"
