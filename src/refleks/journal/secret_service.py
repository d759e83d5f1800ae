"""A remembered key read straight from the Secret Service on Linux, in a few milliseconds.

``keyring`` finds its backend by loading every backend it knows and asking each for its
priority. On Linux that costs about 200 ms of CPU: the macOS backend's ``ctypes``
library search runs ``ldconfig`` and a compiler, ``secretstorage`` imports
``cryptography`` for its encrypted session, and ``jaraco.context`` imports
``urllib.request``. ``refleks status`` runs before every shell prompt, where a plain
journal answers in about 30 ms, so that cost would be paid many times a day.

Here the one item ``keyring`` keeps for a journal is read over the session bus in
three calls to the Secret Service: find the item by the attributes ``keyring`` gave it,
open a session, read the secret. The calls go through ``session_bus``, a few lines of
D-Bus on the standard library: ``jeepney`` (the D-Bus library ``keyring`` itself uses on
Linux) cost 9 ms to import, which kept ``status`` above its budget. The session
is the specification's "plain" one: the secret travels over the user's own session bus
unencrypted, as it does with ``secret-tool`` and libsecret by default, and the bus is
reachable only by the same user. The secret is never logged or printed.

It answers only the simple case: Linux, a session bus, no other backend chosen for
``keyring`` (``PYTHON_KEYRING_BACKEND``, a ``keyringrc.cfg``), the item found and
unlocked. Anything else is ``None``, and the caller asks ``keyring`` as before, which
may also ask the person to unlock their keyring. Nothing is written here.
"""

from __future__ import annotations

import os
import sys

SECRETS = "org.freedesktop.secrets"
SERVICE_PATH = "/org/freedesktop/secrets"
SERVICE_INTERFACE = "org.freedesktop.Secret.Service"
TIMEOUT = 2.0  # seconds for each call: a keyring daemon that hangs must not hang a prompt


def _keyring_chosen_elsewhere() -> bool:
    """Whether the person chose a backend for ``keyring`` (its environment variable or
    its configuration file): then only ``keyring`` itself knows where the key is."""
    if os.environ.get("PYTHON_KEYRING_BACKEND") or os.environ.get("KEYRING_PROPERTY_BACKEND"):
        return True
    config = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"),
                                                                ".config")
    return os.path.exists(os.path.join(config, "python_keyring", "keyringrc.cfg"))


def usable() -> bool:
    """Whether this quick way can be tried at all on this computer."""
    return (sys.platform.startswith("linux") and bool(os.environ.get("DBUS_SESSION_BUS_ADDRESS"))
            and not _keyring_chosen_elsewhere())


def lookup(service: str, username: str) -> str | None:
    """The secret ``keyring.set_password(service, username, …)`` kept in the Secret
    Service, or None when it cannot be read this way (see the module's docstring)."""
    if not usable():
        return None
    from refleks.journal.session_bus import SessionBus

    try:
        bus = SessionBus(os.environ["DBUS_SESSION_BUS_ADDRESS"], TIMEOUT)
    except Exception:  # no bus where the variable says, or refused: keyring decides
        return None
    try:
        unlocked, _locked = bus.call(
            SECRETS, SERVICE_PATH, SERVICE_INTERFACE, "SearchItems", "a{ss}",
            ({"service": service, "username": username},), reply_signature="aoao")
        if not isinstance(unlocked, list) or not unlocked:
            return None  # nothing kept, or kept in a locked collection: keyring may unlock it
        _output, session = bus.call(SECRETS, SERVICE_PATH, SERVICE_INTERFACE, "OpenSession",
                                    "sv", ("plain", ("s", "")), reply_signature="vo")
        (secrets,) = bus.call(SECRETS, SERVICE_PATH, SERVICE_INTERFACE, "GetSecrets", "aoo",
                              (unlocked[:1], session), reply_signature="a{o(oayays)}")
        found = secrets.get(unlocked[0]) if isinstance(secrets, dict) else None
        if not isinstance(found, tuple) or not isinstance(found[2], bytes):
            return None  # (session, parameters, value, content type), as the signature says
        return found[2].decode("utf-8")
    except Exception:  # an error reply, a timeout, an unexpected shape: keyring decides
        return None
    finally:
        bus.close()
