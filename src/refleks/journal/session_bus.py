"""Just enough of D-Bus to call a method on the user's session bus, with the standard
library only, for ``secret_service``.

Why not ``jeepney`` (which ``keyring`` brings along): ``refleks status`` runs before
every shell prompt, and on an encrypted journal with a remembered key it has to stay
within 1.3× the CPU of a plain journal (issue 20). Importing ``jeepney`` cost about
9 ms of the 43 ms measured (it pulls in ``typing``, ``enum``, its authentication
module …), which made 1.40×. Even ``socket`` imports ``enum``, so this module talks to
the C-level ``_socket`` directly.

What it does, after the D-Bus specification: connect to the first ``unix:path=`` or
``unix:abstract=`` address in ``DBUS_SESSION_BUS_ADDRESS``; authenticate with SASL
``EXTERNAL`` (the uid, as ASCII decimal, in hex); say ``Hello``; send method calls as
little-endian messages; and wait for the reply to each by its serial, passing over any
signal or other message in between. Replies in either byte order are read.

What it does not do: other transports (``tcp:``, ``launchd:``, ``autolaunch:``), other
authentication mechanisms, passing file descriptors, signals, or serving calls. Each
call waits at most ``timeout`` seconds. Whatever else happens (no bus, a refused
authentication, an error reply, a reply of another shape, a bus that closes) raises
``BusFailure`` or an ``OSError``, and the caller gives up and lets ``keyring`` decide.
"""

from __future__ import annotations

import _socket
import os
import struct
import time

MAX_MESSAGE = 2**27  # the specification's largest message (128 MiB)
METHOD_CALL, METHOD_RETURN, ERROR = 1, 2, 3
PATH, INTERFACE, MEMBER, REPLY_SERIAL, DESTINATION, SIGNATURE = 1, 2, 3, 5, 6, 8

# alignment of each type code; the fixed-size ones with their ``struct`` letter
ALIGNMENT = {"y": 1, "b": 4, "n": 2, "q": 2, "i": 4, "u": 4, "x": 8, "t": 8, "d": 8,
             "h": 4, "s": 4, "o": 4, "g": 1, "v": 1, "a": 4, "(": 8, "{": 8}
FIXED = {"y": "B", "b": "I", "n": "h", "q": "H", "i": "i", "u": "I", "x": "q", "t": "Q",
         "d": "d", "h": "I"}


class BusFailure(Exception):
    """The bus answered, but not as a successful call of these methods would."""


def _end_of_type(signature: str, start: int) -> int:
    """Where the single complete type that begins at ``start`` ends."""
    code = signature[start]
    if code == "a":
        return _end_of_type(signature, start + 1)
    if code in "({":
        close, at = ")" if code == "(" else "}", start + 1
        while signature[at] != close:
            at = _end_of_type(signature, at)
        return at + 1
    if code not in ALIGNMENT:
        raise BusFailure(f"type code {code!r}")
    return start + 1


def complete_types(signature: str) -> list[str]:
    """A signature split into its complete types: ``"aoo"`` → ``["ao", "o"]``."""
    types, at = [], 0
    while at < len(signature):
        end = _end_of_type(signature, at)
        types.append(signature[at:end])
        at = end
    return types


def _write(out: bytearray, signature: str, value: object) -> None:
    """Append ``value`` as one value of the complete type ``signature``, aligned from the
    start of ``out`` (the start of the message, or of a body, which starts at 8)."""
    code = signature[0]
    out += bytes(-len(out) % ALIGNMENT[code])
    if code in FIXED:
        out += struct.pack("<" + FIXED[code], value)
    elif code in "so" and isinstance(value, str):
        data = value.encode("utf-8")
        out += struct.pack("<I", len(data)) + data + b"\0"
    elif code == "g" and isinstance(value, str):
        out += bytes([len(value)]) + value.encode("ascii") + b"\0"
    elif code == "v" and isinstance(value, tuple):
        inner, item = value
        _write(out, "g", inner)
        _write(out, inner, item)
    elif code == "a" and isinstance(value, (list, dict)):
        element = signature[1:]
        out += bytes(4)
        length_at = len(out) - 4
        out += bytes(-len(out) % ALIGNMENT[element[0]])  # not counted in the length
        first = len(out)
        for item in value.items() if isinstance(value, dict) else value:
            _write(out, element, item)
        struct.pack_into("<I", out, length_at, len(out) - first)
    elif code in "({" and isinstance(value, tuple):
        for field, item in zip(complete_types(signature[1:-1]), value, strict=True):
            _write(out, field, item)
    else:
        raise BusFailure(f"{value!r} is no {signature}")


def _read(data: bytes, at: int, signature: str, order: str) -> tuple[object, int]:
    """One value of the complete type ``signature`` at ``at`` (before its padding) and
    where it ends. A variant is read as its value alone; ``ay`` as ``bytes``."""
    code = signature[0]
    at += -at % ALIGNMENT[code]
    if code in FIXED:
        (value,) = struct.unpack_from(order + FIXED[code], data, at)
        return value, at + struct.calcsize(order + FIXED[code])
    if code in "sog":
        size, at = (data[at], at + 1) if code == "g" else (
            struct.unpack_from(order + "I", data, at)[0], at + 4)
        if data[at + size] != 0:
            raise BusFailure("a string without its nul")
        return data[at:at + size].decode("utf-8"), at + size + 1
    if code == "v":
        inner, at = _read(data, at, "g", order)
        if not isinstance(inner, str) or len(complete_types(inner)) != 1:
            raise BusFailure("a variant of no single type")
        return _read(data, at, inner, order)
    if code == "a":
        (size,) = struct.unpack_from(order + "I", data, at)
        element = signature[1:]
        at += 4
        at += -at % ALIGNMENT[element[0]]
        end = at + size
        if end > len(data):
            raise BusFailure("an array beyond the message")
        if element == "y":
            return data[at:end], end
        items = []
        while at < end:
            item, at = _read(data, at, element, order)
            items.append(item)
        if at != end:
            raise BusFailure("an array of the wrong length")
        return (dict(items) if element[0] == "{" else items), end  # type: ignore[arg-type]
    fields = []
    for field in complete_types(signature[1:-1]):
        item, at = _read(data, at, field, order)
        fields.append(item)
    return tuple(fields), at


def method_call(serial: int, destination: str, path: str, interface: str, member: str,
                signature: str = "", body: tuple[object, ...] = ()) -> bytes:
    """A method call message, little-endian, its header fields in the order of their
    codes (as ``jeepney`` and libdbus write them)."""
    fields: list[tuple[int, tuple[str, str]]] = [
        (PATH, ("o", path)), (INTERFACE, ("s", interface)), (MEMBER, ("s", member)),
        (DESTINATION, ("s", destination))]
    if signature:
        fields.append((SIGNATURE, ("g", signature)))
    body_bytes = bytearray()
    _write(body_bytes, f"({signature})", body)
    message = bytearray(struct.pack("<cBBBII", b"l", METHOD_CALL, 0, 1, len(body_bytes),
                                    serial))
    _write(message, "a(yv)", fields)
    message += bytes(-len(message) % 8)
    return bytes(message + body_bytes)


def socket_address(bus_address: str) -> bytes | None:
    """The socket of the first ``unix:path=`` or ``unix:abstract=`` address in a D-Bus
    address list (``;``-separated, values %-escaped); None if it names none."""
    for address in bus_address.split(";"):
        transport, _, pairs = address.partition(":")
        if transport != "unix":
            continue
        for pair in pairs.split(","):
            key, _, value = pair.partition("=")
            parts = value.encode("utf-8").split(b"%")
            try:
                raw = parts[0] + b"".join(bytes.fromhex(part[:2].decode("ascii")) + part[2:]
                                          for part in parts[1:])
            except ValueError:  # a % not followed by two hex digits
                return None
            if key == "path" and raw:
                return raw
            if key == "abstract" and raw:
                return b"\0" + raw
    return None


class SessionBus:
    """One connection to the session bus, used for a few calls and closed."""

    def __init__(self, bus_address: str, timeout: float) -> None:
        where = socket_address(bus_address)
        if where is None:
            raise BusFailure("no unix: address")
        self.timeout = timeout
        self.received = b""
        self.serial = 0
        self.sock = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
        try:
            self.sock.settimeout(timeout)
            self.sock.connect(where)
            uid = str(os.geteuid()).encode("ascii").hex().encode("ascii")
            self.sock.sendall(b"\0AUTH EXTERNAL " + uid + b"\r\n")
            deadline = time.monotonic() + timeout
            while b"\r\n" not in self.received:
                if len(self.received) > 512:
                    raise BusFailure("a SASL line too long")
                self._receive(deadline)
            line, _, self.received = self.received.partition(b"\r\n")
            if not line.startswith(b"OK ") or self.received:
                raise BusFailure("authentication refused")
            self.sock.sendall(b"BEGIN\r\n")
            self.call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                      "Hello", reply_signature="s")
        except BaseException:
            self.sock.close()
            raise

    def close(self) -> None:
        self.sock.close()

    def call(self, destination: str, path: str, interface: str, member: str,
             signature: str = "", body: tuple[object, ...] = (), *,
             reply_signature: str) -> tuple[object, ...]:
        """The body of the reply, which must have ``reply_signature``; ``BusFailure`` for
        an error reply or any other shape."""
        self.serial += 1
        self.sock.sendall(method_call(self.serial, destination, path, interface, member,
                                      signature, body))
        deadline = time.monotonic() + self.timeout
        while True:
            kind, fields, body_at, message = self._message(deadline)
            if kind in (METHOD_RETURN, ERROR) and fields.get(REPLY_SERIAL) == self.serial:
                break  # anything else (a signal such as NameAcquired) is passed over
        if kind == ERROR:
            raise BusFailure(f"{member}: an error reply")
        if fields.get(SIGNATURE, "") != reply_signature:
            raise BusFailure(f"{member}: a reply of another shape")
        reply, end = _read(message, body_at, f"({reply_signature})", _order(message))
        if end != len(message) or not isinstance(reply, tuple):
            raise BusFailure(f"{member}: a reply of the wrong length")
        return reply

    def _receive(self, deadline: float) -> None:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        self.sock.settimeout(left)
        chunk = self.sock.recv(65536)
        if not chunk:
            raise BusFailure("the bus closed the connection")
        self.received += chunk

    def _message(self, deadline: float) -> tuple[int, dict[object, object], int, bytes]:
        """The next whole message: its type, header fields, where its body starts, and
        the message itself."""
        while len(self.received) < 16:
            self._receive(deadline)
        order = _order(self.received)
        body_size, fields_size = struct.unpack_from(order + "I4xI", self.received, 4)
        body_at = 16 + fields_size + (-fields_size % 8)
        size = body_at + body_size
        if self.received[3] != 1 or size > MAX_MESSAGE:
            raise BusFailure("not a D-Bus 1 message")
        while len(self.received) < size:
            self._receive(deadline)
        message, self.received = self.received[:size], self.received[size:]
        fields, end = _read(message, 12, "a(yv)", order)
        if end > body_at or not isinstance(fields, list):
            raise BusFailure("header fields beyond the header")
        return message[1], dict(fields), body_at, message


def _order(message: bytes) -> str:
    """``struct``'s byte order for a message, from its first byte."""
    if message[:1] == b"l":
        return "<"
    if message[:1] == b"B":
        return ">"
    raise BusFailure("no byte order")
