"""The few lines of D-Bus that read a remembered key (``journal.session_bus``): the
messages are byte for byte what ``jeepney`` (installed with ``keyring``) writes, replies
are read in either byte order, and every way a bus can go wrong ends in no key, never in
a hang or a traceback. A fake bus, served from a thread on a socket of the test's own,
plays the daemon; a real ``dbus-daemon`` is used where one can listen on an abstract
socket. The real Secret Service is in test_secret_service.py."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from jeepney import DBusAddress, MessageType, new_error, new_method_call, new_method_return
from jeepney.low_level import Endianness, Header, HeaderFields, Message, Parser

from refleks.journal import secret_service, session_bus
from refleks.journal.session_bus import BusFailure, SessionBus

SECRETS = DBusAddress("/org/freedesktop/secrets", bus_name="org.freedesktop.secrets",
                      interface="org.freedesktop.Secret.Service")
BUS = DBusAddress("/org/freedesktop/DBus", bus_name="org.freedesktop.DBus",
                  interface="org.freedesktop.DBus")
ITEM = "/org/freedesktop/secrets/collection/login/7"
SESSION = "/org/freedesktop/secrets/session/s1"
KEY = "x'2dd8a5c9'"


@pytest.mark.parametrize(("member", "signature", "body"), [
    ("SearchItems", "a{ss}", ({"service": "refleks", "username": "/home/åse/journal.sqlite3"},)),
    ("SearchItems", "a{ss}", ({"a": "bc", "def": "", "ø": "ghij"},)),  # padding in between
    ("SearchItems", "a{ss}", ({},)),
    ("OpenSession", "sv", ("plain", ("s", ""))),
    ("GetSecrets", "aoo", ([ITEM], SESSION)),
    ("GetSecrets", "aoo", ([ITEM, "/a", "/b/c_d"], "/")),
])
def test_a_call_is_byte_for_byte_what_jeepney_writes(member: str, signature: str,
                                                     body: tuple[object, ...]) -> None:
    for serial in (1, 2, 70000):
        ours = session_bus.method_call(serial, "org.freedesktop.secrets",
                                       "/org/freedesktop/secrets",
                                       "org.freedesktop.Secret.Service", member, signature, body)
        assert ours == new_method_call(SECRETS, member, signature, body).serialise(serial=serial)


def test_hello_has_no_signature_and_no_body() -> None:
    ours = session_bus.method_call(1, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                   "org.freedesktop.DBus", "Hello")
    assert ours == new_method_call(BUS, "Hello").serialise(serial=1)


def reply_with(signature: str, body: tuple[object, ...], *, big_endian: bool = False) -> bytes:
    """A method return to serial 1 as jeepney writes it, little- or big-endian."""
    call = new_method_call(SECRETS, "GetSecrets", "aoo", ([ITEM], SESSION))
    call.header.serial = 1
    reply = new_method_return(call, signature, body)
    if big_endian:
        reply = Message(Header(Endianness.big, MessageType.method_return, 0, 1, 0, 0,
                               reply.header.fields), reply.body)
    return reply.serialise(serial=9)


@pytest.mark.parametrize("big_endian", [False, True])
def test_replies_are_read_in_either_byte_order(big_endian: bool) -> None:
    secrets = {ITEM: (SESSION, b"", KEY.encode(), "text/plain; charset=utf8"),
               "/o/2": (SESSION, b"\x01\x02", "ø".encode(), "")}
    for signature, body in [("a{o(oayays)}", (secrets,)), ("vo", (("s", ""), SESSION)),
                            ("aoao", ([ITEM, "/o/2"], [])), ("s", (":1.42",))]:
        message = reply_with(signature, body, big_endian=big_endian)
        fields_size = int.from_bytes(message[12:16], "big" if big_endian else "little")
        body_at = 16 + fields_size + -fields_size % 8
        value, end = session_bus._read(message, body_at, f"({signature})",
                                       ">" if big_endian else "<")
        expected = body if signature != "vo" else ("", SESSION)  # a variant reads as its value
        assert (value, end) == (expected, len(message))


@pytest.mark.parametrize(("address", "socket_path"), [
    ("unix:path=/run/user/1000/bus", b"/run/user/1000/bus"),
    ("unix:path=/tmp/a%20b%2cc,guid=0123", b"/tmp/a b,c"),
    ("unix:abstract=/tmp/dbus-Xyz,guid=ab", b"\0/tmp/dbus-Xyz"),
    ("tcp:host=localhost,port=1;unix:path=/b", b"/b"),
    ("tcp:host=localhost,port=1", None),
    ("unix:tmpdir=/tmp", None),  # a listening address, not one to connect to
    ("launchd:env=X", None),
    ("unix:path=/a%zz", None),
    ("", None),
])
def test_only_unix_paths_and_abstract_sockets_are_connected_to(
        address: str, socket_path: bytes | None) -> None:
    assert session_bus.socket_address(address) == socket_path


# ---- a fake bus: SASL, then a scripted answer to every call --------------------------------

Answer = Callable[[Message], list[bytes]]  # bytes to send back, in order
HANG_UP = b""  # in an answer: close the connection there


def signal_bytes(serial: int) -> bytes:
    """NameAcquired, the signal the bus sends right after Hello, here at any time."""
    header = Header(Endianness.little, MessageType.signal, 0, 1, 0, serial, {
        HeaderFields.path: "/org/freedesktop/DBus", HeaderFields.interface: "org.freedesktop.DBus",
        HeaderFields.member: "NameAcquired", HeaderFields.signature: "s",
        HeaderFields.sender: "org.freedesktop.DBus"})
    return Message(header, (":1.7",)).serialise()


def member_of(call: Message) -> str:
    member = call.header.fields[HeaderFields.member]
    assert isinstance(member, str)
    return member


def secret_service_answer(call: Message) -> list[bytes]:
    """A Secret Service that keeps one unlocked item, with a signal before each reply."""
    member = member_of(call)
    bodies = {"Hello": ("s", (":1.7",)), "SearchItems": ("aoao", ([ITEM], ["/locked/1"])),
              "OpenSession": ("vo", (("s", ""), SESSION)),
              "GetSecrets": ("a{o(oayays)}", ({ITEM: (SESSION, b"", KEY.encode(),
                                                      "text/plain; charset=utf8")},))}
    signature, body = bodies[member]
    return [signal_bytes(100 + call.header.serial),
            new_method_return(call, signature, body).serialise(serial=200 + call.header.serial)]


@contextlib.contextmanager
def fake_bus(answer: Answer, *, greeting: bytes = b"OK 0123456789abcdef0123456789abcdef\r\n"
             ) -> Iterator[tuple[str, list[Message]]]:
    """A bus on a socket of its own (its address), and the calls it received."""
    calls: list[Message] = []
    with tempfile.TemporaryDirectory(prefix="bus") as folder:
        path = os.path.join(folder, "socket")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(path)
        listener.listen(1)

        def serve() -> None:
            connection, _ = listener.accept()
            with connection:
                received = b""
                while b"\r\n" not in received:
                    received += connection.recv(4096)
                connection.sendall(greeting)
                received = received.partition(b"\r\n")[2]
                if not greeting.startswith(b"OK"):
                    return
                while b"BEGIN\r\n" not in received:
                    received += connection.recv(4096)
                parser = Parser()
                data = received.partition(b"BEGIN\r\n")[2]
                while True:
                    for message in parser.feed(data):
                        calls.append(message)
                        for reply in answer(message):
                            if reply == HANG_UP:
                                return
                            connection.sendall(reply)
                    data = connection.recv(4096)
                    if not data:
                        return

        server = threading.Thread(target=serve, daemon=True)
        server.start()
        try:
            yield f"unix:path={path}", calls
        finally:
            listener.close()
            server.join(timeout=5)


@pytest.fixture
def lookup_on(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], str | None]:
    """``secret_service.lookup`` on the bus at an address."""
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")

    def lookup(address: str) -> str | None:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        return secret_service.lookup("refleks", "/home/åse/journal.sqlite3")
    return lookup


def test_the_key_is_read_past_signals_arriving_before_each_reply(
        lookup_on: Callable[[str], str | None]) -> None:
    with fake_bus(secret_service_answer) as (address, calls):
        assert lookup_on(address) == KEY
    assert [member_of(call) for call in calls] == [
        "Hello", "SearchItems", "OpenSession", "GetSecrets"]
    assert calls[1].body == ({"service": "refleks", "username": "/home/åse/journal.sqlite3"},)
    assert calls[2].body == ("plain", ("s", ""))
    assert calls[3].body == ([ITEM], SESSION)


def test_a_reply_to_another_call_is_passed_over(lookup_on: Callable[[str], str | None]) -> None:
    def answer(call: Message) -> list[bytes]:
        never_sent = new_method_call(SECRETS, member_of(call))
        never_sent.header.serial = call.header.serial + 1000
        other = new_method_return(never_sent, "s", ("not yours",)).serialise(serial=300)
        return [other, *secret_service_answer(call)]

    with fake_bus(answer) as (address, _calls):
        assert lookup_on(address) == KEY


def test_an_error_reply_is_no_key(lookup_on: Callable[[str], str | None]) -> None:
    def answer(call: Message) -> list[bytes]:
        if member_of(call) == "OpenSession":
            return [new_error(call, "org.freedesktop.DBus.Error.NotSupported",
                              "s", ("no plain here",)).serialise(serial=50)]
        return secret_service_answer(call)

    with fake_bus(answer) as (address, calls):
        assert lookup_on(address) is None
    assert [member_of(call) for call in calls] == [
        "Hello", "SearchItems", "OpenSession"]  # and GetSecrets never asked


def test_an_error_reply_is_a_failure_even_in_the_shape_asked_for() -> None:
    def answer(call: Message) -> list[bytes]:
        if member_of(call) == "GetNameOwner":
            return [new_error(call, "org.freedesktop.DBus.Error.NameHasNoOwner", "s",
                              ("no such name",)).serialise(serial=50)]
        return secret_service_answer(call)

    with fake_bus(answer) as (address, _calls):
        bus = SessionBus(address, 5.0)
        try:
            with pytest.raises(BusFailure, match="error reply"):
                bus.call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                         "GetNameOwner", "s", ("org.freedesktop.secrets",), reply_signature="s")
        finally:
            bus.close()


def test_a_reply_of_another_shape_is_no_key(lookup_on: Callable[[str], str | None]) -> None:
    def answer(call: Message) -> list[bytes]:
        if member_of(call) == "SearchItems":
            return [new_method_return(call, "as", ([ITEM],)).serialise(serial=50)]
        return secret_service_answer(call)

    with fake_bus(answer) as (address, _calls):
        assert lookup_on(address) is None


def test_nothing_kept_is_no_key_without_opening_a_session(
        lookup_on: Callable[[str], str | None]) -> None:
    def answer(call: Message) -> list[bytes]:
        if member_of(call) == "SearchItems":
            return [new_method_return(call, "aoao", ([], [ITEM])).serialise(serial=50)]
        return secret_service_answer(call)

    with fake_bus(answer) as (address, calls):
        assert lookup_on(address) is None  # kept, but locked: keyring may unlock it
    assert len(calls) == 2


@pytest.mark.parametrize("hang_up_at", ["Hello", "SearchItems", "GetSecrets"])
def test_a_bus_that_closes_midway_is_no_key_at_once(
        lookup_on: Callable[[str], str | None], monkeypatch: pytest.MonkeyPatch,
        hang_up_at: str) -> None:
    monkeypatch.setattr(secret_service, "TIMEOUT", 60.0)  # a hang would show as a hang
    with fake_bus(lambda call: [HANG_UP] if member_of(call) == hang_up_at
                  else secret_service_answer(call)) as (address, _calls):
        assert lookup_on(address) is None


def test_a_bus_that_closes_in_the_middle_of_a_reply_is_no_key(
        lookup_on: Callable[[str], str | None], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(secret_service, "TIMEOUT", 60.0)

    def answer(call: Message) -> list[bytes]:
        replies = secret_service_answer(call)
        if member_of(call) == "GetSecrets":
            return [replies[0], replies[1][:40], HANG_UP]
        return replies

    with fake_bus(answer) as (address, _calls):
        assert lookup_on(address) is None


def test_a_bus_that_never_answers_is_no_key_after_the_timeout(
        lookup_on: Callable[[str], str | None], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(secret_service, "TIMEOUT", 0.2)
    release = threading.Event()

    def answer(call: Message) -> list[bytes]:
        if member_of(call) == "SearchItems":
            release.wait(10)
            return [HANG_UP]
        return secret_service_answer(call)

    with fake_bus(answer) as (address, _calls):
        try:
            assert lookup_on(address) is None
        finally:
            release.set()


def test_a_refused_authentication_is_no_key(lookup_on: Callable[[str], str | None]) -> None:
    with fake_bus(secret_service_answer, greeting=b"REJECTED EXTERNAL\r\n") as (address, calls):
        assert lookup_on(address) is None
    assert calls == []


def test_the_authentication_names_this_user() -> None:
    seen: list[bytes] = []

    with tempfile.TemporaryDirectory(prefix="bus") as folder:
        path = os.path.join(folder, "socket")
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        listener.bind(path)
        listener.listen(1)

        def serve() -> None:
            connection, _ = listener.accept()
            with connection:
                seen.append(connection.recv(4096))
                connection.sendall(b"REJECTED EXTERNAL\r\n")

        server = threading.Thread(target=serve, daemon=True)
        server.start()
        with pytest.raises(BusFailure):
            SessionBus(f"unix:path={path}", 5.0)
        server.join(timeout=5)
        listener.close()
    assert seen == [b"\0AUTH EXTERNAL " + str(os.geteuid()).encode().hex().encode() + b"\r\n"]


def test_an_abstract_socket_is_connected_to() -> None:
    """A real dbus-daemon listening on an abstract socket, where this machine lets it."""
    if not shutil.which("dbus-daemon"):
        pytest.skip("needs dbus-daemon")
    name = f"/tmp/refleks-test-{os.getpid()}-{threading.get_ident()}"
    started = subprocess.run(
        ["dbus-daemon", "--session", "--fork", "--print-address=1", "--print-pid=1",
         f"--address=unix:abstract={name}"], capture_output=True, text=True)
    if started.returncode != 0:
        pytest.skip(f"dbus-daemon cannot listen on an abstract socket here: {started.stderr}")
    address, pid = started.stdout.split()[:2]
    try:
        assert address.startswith(f"unix:abstract={name},guid=")
        bus = SessionBus(address, 2.0)
        try:
            (names,) = bus.call("org.freedesktop.DBus", "/org/freedesktop/DBus",
                                "org.freedesktop.DBus", "ListNames", reply_signature="as")
            assert isinstance(names, list) and "org.freedesktop.DBus" in names
            assert any(name.startswith(":") for name in names)  # this connection, after Hello
            assert bus.call("org.freedesktop.DBus", "/org/freedesktop/DBus",
                            "org.freedesktop.DBus", "NameHasOwner", "s",
                            ("org.freedesktop.DBus",), reply_signature="b") == (True,)
        finally:
            bus.close()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(pid), signal.SIGTERM)


def test_no_such_socket_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        SessionBus(f"unix:path={tmp_path}/nothing-here", 2.0)
    with pytest.raises(BusFailure):
        SessionBus("tcp:host=localhost,port=1", 2.0)
