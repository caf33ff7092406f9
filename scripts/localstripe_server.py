#!/usr/bin/env python
"""Run localstripe, a fake Stripe API server (GPL-3.0, a dev dependency), as a separate process
on 127.0.0.1 for the tests and the demo. The project's code never imports it: it talks to it
over HTTP with the official stripe SDK, as it would to Stripe.

usage: localstripe_server.py PORT DATA_FILE [WEBHOOK_URL WEBHOOK_SECRET]

DATA_FILE keeps localstripe's objects between runs (instead of its fixed /tmp path). With a
webhook URL, events are delivered there, signed with the secret, as Stripe would.
"""

import pickle
import sys

from aiohttp import web
from localstripe import resources, server, webhooks


def main(port, data_file, webhook_url=None, webhook_secret=None):
    def dump_to_disk(store):
        with open(data_file, "wb") as f:
            pickle.dump(dict(store), f, protocol=pickle.HIGHEST_PROTOCOL)

    resources.Store.dump_to_disk = dump_to_disk
    try:
        with open(data_file, "rb") as f:
            resources.store.update(pickle.load(f))
    except (FileNotFoundError, EOFError):
        pass
    if webhook_url:
        webhooks.register_webhook("shop", webhook_url, webhook_secret, None)
    web.run_app(server.app, host="127.0.0.1", port=port, print=None)


if __name__ == "__main__":
    main(int(sys.argv[1]), *sys.argv[2:])
