"""DNS rebinding: the server started as `make run` starts it answers to loopback names and configured ones only.

A page on another site whose name has been made to resolve to 127.0.0.1 sends its own name as
``Host``; such requests are refused, for pages, the WebSocket and the tile route alike.
"""

from __future__ import annotations

import base64
import http.client
import os
import socket
from urllib.parse import urlparse

import pytest
from browser_helpers import start_app, stop_app

from border_atlas.runtime.hosts import ALLOWED_HOSTS_ENV


@pytest.fixture(scope="module")
def server():
    url, process = start_app(env={ALLOWED_HOSTS_ENV: "atlas.example.org"})
    yield urlparse(url).port
    stop_app(process)


def status(port: int, path: str, host: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host)
    connection.endheaders()
    try:
        return connection.getresponse().status
    finally:
        connection.close()


def websocket_status(port: int, host: str) -> int:
    """The status line's code for a WebSocket upgrade of Streamlit's stream (101: accepted)."""
    key = base64.b64encode(os.urandom(16)).decode()
    request = (f"GET /_stcore/stream HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nOrigin: http://{host}\r\n\r\n")
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request.encode())
        return int(sock.recv(1024).split(b" ", 2)[1])


@pytest.mark.parametrize("path", ["/", "/_stcore/health", "/basemap-tiles/any/9/1/1", "/Before_and_after"])
def test_another_host_name_is_refused(server, path):
    assert status(server, path, "evil.example") == 400
    assert status(server, path, f"evil.example:{server}") == 400


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "atlas.example.org"])
def test_loopback_and_configured_names_are_served(server, host):
    assert status(server, "/", f"{host}:{server}") == 200
    assert status(server, "/_stcore/health", host) == 200


def test_the_websocket_is_refused_to_another_host(server):
    assert websocket_status(server, f"evil.example:{server}") != 101
    assert websocket_status(server, f"127.0.0.1:{server}") == 101
