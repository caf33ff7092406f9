"""A proxy between the shop and localstripe that loses Stripe's answers on purpose, for the tests
of what the shop does when Stripe acted but did not answer (or never acted)."""

import http.server
import threading
import urllib.error
import urllib.request
from collections import Counter


class StripeProxy(http.server.ThreadingHTTPServer):
    """Passes every call on to localstripe and counts them by (method, path), except those
    ``hold(method, path)`` picks: never answered (the connection stays open until ``close``),
    passed on first with ``forward_held=True`` (Stripe acted; its answer is lost), or not at all."""

    daemon_threads = True

    def __init__(self, localstripe, hold, forward_held=True):
        self.localstripe, self.hold, self.forward_held = localstripe, hold, forward_held
        self.calls, self.stopped = Counter(), threading.Event()
        super().__init__(("127.0.0.1", 0), StripeProxyHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server_address[1]}"

    def close(self):
        self.stopped.set()
        self.shutdown()
        self.server_close()


class StripeProxyHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        self.handle_call()

    def do_POST(self):
        self.handle_call()

    def do_DELETE(self):
        self.handle_call()

    def handle_call(self):
        path = self.path.split("?")[0].rstrip("/")
        self.server.calls[(self.command, path)] += 1
        if self.server.hold(self.command, path):
            if self.server.forward_held:
                self.forward()
            self.server.stopped.wait()  # holds the connection open, never answering
            return
        status, body = self.forward()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def forward(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
        url = self.server.localstripe + self.path
        request = urllib.request.Request(url, body or None, headers, method=self.command)
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()
