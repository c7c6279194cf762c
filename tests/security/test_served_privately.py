"""The app started as `make run` starts it listens on loopback only and connects to no other host.

The server's sockets are read from /proc while it starts and serves a page: every listening
socket is bound to a loopback address, and no socket has a peer outside loopback (with
``server.address`` unset, Streamlit would look up an "External URL" at checkip.amazonaws.com).
"""

from __future__ import annotations

import ipaddress
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser_helpers import ROOT, _free_port

LISTEN = "0A"
# Loaded by the server's Python at start-up: every host it looks up or connects to, one a line.
RECORDER = """
import os, socket
_log = os.environ["HOSTS_ASKED_FOR"]
def _note(host):
    with open(_log, "a") as f:
        f.write(f"{host}\\n")
_getaddrinfo, _connect = socket.getaddrinfo, socket.socket.connect
def getaddrinfo(host, *args, **kwargs):
    _note(host)
    return _getaddrinfo(host, *args, **kwargs)
def connect(self, address):
    _note(address[0] if isinstance(address, tuple) else address)
    return _connect(self, address)
socket.getaddrinfo, socket.socket.connect = getaddrinfo, connect
"""
pytestmark = pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads sockets from /proc")


def socket_table() -> dict[str, tuple[str, str, str]]:
    """Every TCP socket of this network namespace: inode -> (local address, peer address, state)."""
    table = {}
    for name in ("tcp", "tcp6"):
        for line in Path(f"/proc/net/{name}").read_text().splitlines()[1:]:
            fields = line.split()
            local, peer, state, inode = fields[1], fields[2], fields[3], fields[9]
            table[inode] = (address(local), address(peer), state)
    return table


def address(hex_address: str) -> str:
    """/proc's hex "0100007F:1F91" -> "127.0.0.1" (IPv4 and IPv6 words are little-endian)."""
    packed = bytes.fromhex(hex_address.split(":")[0])
    words = b"".join(packed[i:i + 4][::-1] for i in range(0, len(packed), 4))
    return str(ipaddress.ip_address(words))


def process_sockets(pid: int) -> list[tuple[str, str, str]]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    table = socket_table()
    return [table[i] for i in inodes if i in table]


def is_loopback(text: str) -> bool:
    ip = ipaddress.ip_address(text)
    mapped = ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) else None
    return (mapped or ip).is_loopback


def outside_address() -> str | None:
    """An address of this machine other than loopback, if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks a route
        except OSError:
            return None
        own = probe.getsockname()[0]
    return None if is_loopback(own) else own


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`make run`'s command (`streamlit run app.py` in the project folder), on a free port."""
    port = _free_port()
    recorder = tmp_path_factory.mktemp("recorder")
    (recorder / "sitecustomize.py").write_text(RECORDER)
    asked = recorder / "hosts.txt"
    asked.touch()
    env = {**os.environ, "STREAMLIT_SERVER_PORT": str(port), "PYTHONUNBUFFERED": "1", "HOSTS_ASKED_FOR": str(asked),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(recorder), os.environ.get("PYTHONPATH")]))}
    env.pop("STREAMLIT_SERVER_ADDRESS", None)
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py"], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seen: list[tuple[str, str, str]] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        seen += process_sockets(process.pid)
        if any(state == LISTEN for _, _, state in seen):
            break
        time.sleep(0.05)
    url = f"http://127.0.0.1:{port}"
    with urllib.request.urlopen(f"{url}/", timeout=10) as response:  # noqa: S310
        assert response.status == 200
    for _ in range(40):  # and while it serves, and a second or two after start-up
        seen += process_sockets(process.pid)
        time.sleep(0.05)
    process.terminate()
    output, _ = process.communicate(timeout=10)
    return port, seen, output, set(asked.read_text().split())


def test_the_server_listens_on_loopback_only(served):
    port, seen, output, _ = served
    listening = {local for local, _, state in seen if state == LISTEN}
    assert listening and all(is_loopback(local) for local in listening), listening
    assert f"URL: http://127.0.0.1:{port}" in output
    assert "Network URL" not in output and "External URL" not in output


def test_the_server_connects_to_no_other_host(served):
    _, seen, _, asked = served
    peers = {peer for _, peer, state in seen if state != LISTEN}
    assert not [peer for peer in peers if not is_loopback(peer) and peer not in ("0.0.0.0", "::")], peers
    # Outside hosts may not resolve here, so also what the server tried: loopback names only.
    assert asked <= {"localhost", "127.0.0.1", "::1"}, asked


def test_the_port_is_closed_on_the_machine_s_other_addresses():
    own = outside_address()
    if own is None:
        pytest.skip("this machine has no address but loopback")
    port = _free_port()
    env = {**os.environ, "STREAMLIT_SERVER_PORT": str(port)}
    process = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            if any(state == LISTEN for _, _, state in process_sockets(process.pid)):
                break
            time.sleep(0.05)
        with pytest.raises(OSError), socket.create_connection((own, port), timeout=2):
            pass
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    finally:
        process.terminate()
        process.wait(timeout=10)
