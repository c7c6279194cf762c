"""The PNG export's Chromium makes no DNS query, connects nowhere but loopback, and a script
in the page can reach nothing, not even a port on this machine."""

from __future__ import annotations

import ipaddress
import json
import socket
import threading
from pathlib import Path

import pytest

from border_atlas import FilterState, select
from border_atlas.exports.png_export import render_png
from border_atlas.views.briefing import BriefingText, briefing_document

pytestmark = pytest.mark.browser


def net_log(path: Path) -> list[tuple[str, str, dict]]:
    """(event type, source type, params) for every event Chromium logged."""
    text = path.read_text(encoding="utf-8").rstrip().rstrip(",")
    try:
        log = json.loads(text)
    except json.JSONDecodeError:  # Chromium was stopped before it closed the list
        log = json.loads(text + "]}")
    events = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    sources = {v: k for k, v in log["constants"]["logSourceType"].items()}
    return [(events[e["type"]], sources[e["source"]["type"]], e.get("params", {})) for e in log["events"]]


def is_loopback(address: str) -> bool:
    host = address.rsplit(":", 1)[0].strip("[]")
    return ipaddress.ip_address(host).is_loopback


@pytest.fixture
def listener():
    """A TCP port on loopback that counts who connects to it."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    accepted: list[tuple] = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, peer = server.accept()
            except OSError:
                continue
            accepted.append(peer)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1], accepted
    stop.set()
    thread.join()
    server.close()


def test_png_export_makes_no_dns_query_and_no_connection_outside_loopback(chromium, dataset, tmp_path):
    log_path = tmp_path / "netlog.json"
    html = briefing_document(select(dataset, FilterState()), BriefingText("Network check"))
    assert render_png(html, width=1280, height=720, scale=1, extra_args=[f"--log-net-log={log_path}"])
    events = net_log(log_path)
    assert events, "Chromium wrote no network log"
    dns = [p for kind, _, p in events if kind.startswith(("DNS_TRANSACTION", "HOST_RESOLVER_DNS_TASK",
                                                          "HOST_RESOLVER_SYSTEM_TASK"))]
    assert dns == []
    # Chromium's own services still start requests; every name they need resolves to nothing.
    resolved = {p["host"] for kind, _, p in events if kind == "HOST_RESOLVER_MANAGER_REQUEST" and "host" in p}
    assert resolved <= {"https://~notfound", "http://~notfound"}, resolved
    tcp = [p["address"] for kind, source, p in events if kind in ("TCP_CONNECT_ATTEMPT", "SOCKET_CONNECT")
           and "address" in p and not source.startswith("UDP")]
    assert all(is_loopback(a) for a in tcp), tcp
    # The one UDP socket is Chromium's IPv6 reachability probe: a connect() that sends nothing.
    assert [kind for kind, source, _ in events if source.startswith("UDP") and "BYTES_SENT" in kind] == []
    udp = {p["address"] for kind, source, p in events if source.startswith("UDP") and kind.endswith("CONNECT")
           and "address" in p}
    assert udp <= {"[2001:4860:4860::8888]:443"}, udp
    assert not [kind for kind, _, _ in events if kind.startswith("WEBSOCKET") or kind == "URL_REQUEST_REDIRECTED"]


PROBE = """<!DOCTYPE html><html><body>
<div class="leaflet-overlay-pane"><svg width="10" height="10"><path d="M0 0L9 9"/></svg></div>
<img src="http://127.0.0.1:{port}/img.png">
<script>
  new WebSocket("ws://127.0.0.1:{port}/socket");
  fetch("http://127.0.0.1:{port}/fetch").catch(function () {{}});
  navigator.sendBeacon("http://127.0.0.1:{port}/beacon", "x");
  new EventSource("http://127.0.0.1:{port}/events");
  var x = new XMLHttpRequest(); x.open("GET", "http://127.0.0.1:{port}/xhr"); x.send();
</script></body></html>"""


def test_a_script_in_the_page_reaches_nothing(chromium, listener, browser):
    port, accepted = listener
    page = PROBE.format(port=port)
    render_png(page, width=400, height=300, scale=1)
    assert accepted == []
    # The same page in an ordinary browser does connect: the probe is real.
    tab = browser.new_page()
    tab.set_content(page)
    tab.wait_for_timeout(1000)
    tab.close()
    assert accepted
