"""``refleks status`` for a shell prompt: answered with a handful of standard modules.

The status line runs before every prompt, so its cost is paid many times a day. The
full path (argparse tree, settings through ``tomllib`` and a dataclass, the interface
text through its cache and ``platformdirs``, the store with its migrations, ``insights``)
costs several times the interpreter's own start. Here only ``os``, ``sys``, SQLite
(``journal.sql``), ``datetime``, ``urllib.parse`` and ``safe_text`` are imported, and only
what the line shows is read: the config's few plain keys, the status words of two
interface files, and two small queries on the main file as it is on disk (when no
``-wal`` or ``-journal`` holds more). An encrypted journal is read the same way when the
Secret Service gives its remembered key at once (``journal.secret_service``, over
``journal.session_bus``: ``_socket`` and ``struct``, not ``jeepney``).

Whenever anything is out of the ordinary — a config line this reader does not know, a
team's own interface text, a journal of another version or not a journal at all, a
locale that the environment does not name, focus values written in the other language
(named in this one from the content, ``content.names``) — ``quick_status`` returns ``None`` and the
full path answers (and reports any problem) exactly as before. ``tests/test_status_fast.py``
holds both paths to the same output.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

from refleks.journal import sql
from refleks.languages import (
    ALIASES,
    LOCALE_VARIABLES,
    VARIABLE,
    language_of_locale,
    locale_code,
    normalise,
)
from refleks.safe_text import visible
from refleks.xdg import linux_folder

JOURNAL_VERSION = 8  # schema.CURRENT_VERSION (a test keeps them equal)
OLDEST_READABLE = 4  # schema.READABLE_FROM (the same test)
APPLICATION_ID = 0x52464C4B  # schema.APPLICATION_ID
KEYCHAIN_SERVICE = "refleks"  # keychain.SERVICE: the name a remembered key is kept under
PLAIN_MAGIC = b"SQLite format 3\x00"  # cipher.PLAIN_MAGIC
SALT_BYTES = 16  # cipher.SALT_BYTES
MIN_PAGE = 512  # cipher.MIN_PAGE
SETTINGS = ("lang", "content", "cadence_days", "theme", "welcomed", "team_log",
            "lock_minutes", "plain")
LOCK_MINUTES_MAX = 1440  # settings.LOCK_MINUTES_MAX (a test keeps them equal)
WORDS = {
    "cli": ("status_never", "status_last", "status_due", "status_due_today",
            "status_since_yesterday", "status_next_one", "status_next_other", "status_focus",
            "status_draft"),
    "moments": ("status_week_one", "status_week_other"),
    "dates": ("date", "weekday_date", *(f"month_{m}" for m in range(1, 13)),
              *(f"weekday_{d}" for d in range(1, 8))),
}


def read_config(path: str) -> dict[str, object] | None:
    """The config's ``key = value`` lines (strings without escapes, whole numbers, true,
    false, comments); ``None`` for anything else, which ``tomllib`` then reads."""
    try:
        with open(path, encoding="utf-8") as file:
            lines = file.read().splitlines()
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError):
        return None
    found: dict[str, object] = {}
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, equals, value = line.partition("=")
        key, value = key.strip(), value.strip()
        if not equals or key not in SETTINGS or key in found:
            return None
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            text = value[1:-1]
            if "\\" in text or value[0] in text:
                return None
            found[key] = text
        elif value in ("true", "false"):
            found[key] = value == "true"
        elif value.isdigit() and value.isascii():
            found[key] = int(value)
        else:
            return None
    return found


def read_words(path: str, keys: tuple[str, ...]) -> dict[str, str] | None:
    """Top-level ``key: value`` lines of an interface file (plain or double-quoted
    without escapes); ``None`` if one of ``keys`` is missing or written otherwise."""
    try:
        with open(path, encoding="utf-8") as file:
            lines = file.read().splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    wanted, words = set(keys), {}
    for line in lines:
        key, colon, value = line.partition(":")
        if not colon or key not in wanted:
            continue
        value = value.strip()
        if value[:1] == '"' and value[-1:] == '"' and len(value) >= 2:
            value = value[1:-1]
            if "\\" in value or '"' in value:
                return None
        elif not value or value[0] in "'|>&*!%@`{[#" or ": " in value or " #" in value:
            return None
        words[key] = value
    return words if len(words) == len(wanted) else None


def bundled_content_dir() -> str:
    """As ``paths.bundled_content_dir``, without ``pathlib``."""
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    packaged = os.path.join(here, "_content")
    if os.path.isdir(packaged):
        return packaged
    return os.path.join(os.path.dirname(os.path.dirname(here)), "content")


def quick_status(lang: str | None, content: str | None, journal: str | None,
                 as_json: bool) -> int | None:
    """Print the status (as ``app_commands.show_status``) and return the exit code, or
    ``None`` when the full path must answer."""
    config = os.environ.get("REFLEKS_CONFIG") or None
    if config is None:
        folder = linux_folder("XDG_CONFIG_HOME", ".config")
        if folder is None:
            return None
        config = os.path.join(folder, "config.toml")
    settings = read_config(os.path.expanduser(config))
    if settings is None:
        return None
    cadence = settings.get("cadence_days", 7)
    welcomed = settings.get("welcomed", False)
    if type(cadence) is not int or cadence < 1 or not isinstance(welcomed, bool):
        return None  # the full path names the problem
    lock = settings.get("lock_minutes", 10)
    if type(lock) is not int or lock > LOCK_MINUTES_MAX:
        return None
    texts = ("lang", "content", "theme", "team_log")
    if any(not isinstance(settings.get(key, ""), str) for key in texts):
        return None
    language = lang or settings.get("lang")
    if language is None and os.environ.get(VARIABLE):
        language = locale_code(os.environ[VARIABLE])
        if language is None or language not in ALIASES:
            return None  # says what is wrong with it
    if language is None:
        for variable in LOCALE_VARIABLES:
            language = language_of_locale(os.environ.get(variable, ""))
            if language is not None:
                break
        if language is None and sys.platform.startswith("linux"):
            # Python set the C library's locale from LC_ALL, LC_CTYPE or LANG; with
            # none of them naming a language, ``languages.system_language`` says en.
            if language_of_locale(os.environ.get("LC_CTYPE", "")) is None:
                language = "en"
    code = normalise(language) if isinstance(language, str) else None
    if code is None:
        return None  # the system's own setting, or a config error: the full path
    language = code
    if content or settings.get("content"):
        return None  # a team's folder may word the line its own way
    path = journal or os.environ.get("REFLEKS_JOURNAL") or None
    if path is None:
        folder = linux_folder("XDG_DATA_HOME", ".local/share")
        if folder is None:
            return None
        path = os.path.join(folder, "journal.sqlite3")
    path = os.path.abspath(os.path.expanduser(path))
    if os.name != "posix" or os.path.islink(path):
        return None  # a link (dangling, looping, elsewhere) or Windows: the full path
    if not os.path.exists(path):
        return _reply(None, [], None, cadence, language, as_json, 0, encrypted=False)
    if not os.path.isfile(path):
        return None
    try:
        if os.path.getsize(path + "-wal") > 0:
            return None  # an open app, or one that was killed: the full path checks the log
    except OSError:
        pass  # no log beside it: the usual case
    if os.path.exists(path + "-journal"):
        return None  # a write under way on a network folder, or a killed one: full path
    key = None
    if not _looks_like_journal(path):
        key = _remembered_key(path)
        if key is None:
            return None  # the full path names what it is, or that it is encrypted
    try:  # the main file as it is: nothing written, recovered or created beside it
        conn = sql.use_key(sql.connect(f"file:{quote(path)}?mode=ro&immutable=1", uri=True,
                                       timeout=5, isolation_level=None), key)
    except (sql.Error, ValueError):
        return None
    try:
        if (conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID
                or not OLDEST_READABLE <= conn.execute("PRAGMA user_version").fetchone()[0]
                <= JOURNAL_VERSION):
            return None
        last = conn.execute("SELECT id, completed_at, lang FROM checkins "
                            "WHERE status = 'complete' "
                            "ORDER BY started_utc DESC, id DESC LIMIT 1").fetchone()
        focus = [] if last is None else conn.execute(
            "SELECT value_id, value_name, action FROM focus WHERE checkin_id = ? "
            "ORDER BY position", (last[0],)).fetchall()
        draft = conn.execute("SELECT uid FROM checkins WHERE status = 'draft' "
                             "ORDER BY started_utc DESC, id DESC LIMIT 1").fetchone()
        now = datetime.now().astimezone()  # once: at midnight two readings could disagree
        monday = now - timedelta(days=now.weekday())
        since = monday.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)
        moments = conn.execute("SELECT count(*) FROM moments WHERE created_utc >= ?",
                               (since.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),)).fetchone()[0]
    except sql.Error:
        return None
    finally:
        conn.close()
    if focus and last[2] != language:
        return None  # its values named in another language: the content names them here
    completed = datetime.fromisoformat(last[1]) if last is not None and last[1] else None
    focus = [(visible(i), visible(n), visible(a)) for i, n, a in focus]  # data, not codes
    return _reply(completed, focus, draft[0] if draft else None, cadence, language, as_json,
                  moments, encrypted=key is not None)


def _looks_like_journal(path: str) -> bool:
    """The SQLite header says refleks' application id and a schema version read here."""
    try:
        with open(path, "rb") as file:
            header = file.read(100)
    except OSError:
        return False
    return (len(header) == 100 and header.startswith(b"SQLite format 3\x00")
            and OLDEST_READABLE <= int.from_bytes(header[60:64], "big") <= JOURNAL_VERSION
            and int.from_bytes(header[68:72], "big") == APPLICATION_ID)


def _remembered_key(path: str) -> str | None:
    """The key remembered for an encrypted journal (``refleks passphrase --remember``),
    when the Secret Service gives it at once and it carries this file's salt; else None,
    and the full path answers (through ``keyring``, or with the neutral line)."""
    try:
        with open(path, "rb") as file:
            salt = file.read(SALT_BYTES)
        size = os.path.getsize(path)
    except OSError:
        return None
    if len(salt) < SALT_BYTES or salt.startswith(PLAIN_MAGIC[:SALT_BYTES]) or size % MIN_PAGE:
        return None  # as ``cipher.is_encrypted``: not a journal that could be encrypted
    from refleks.journal import secret_service

    key = secret_service.lookup(KEYCHAIN_SERVICE, os.path.realpath(path))
    if key is None or not key.endswith(f"{salt.hex()}'"):
        return None
    return key


def _reply(last: datetime | None, focus: list[tuple[str, str, str]], draft: str | None,
           cadence: int, language: str, as_json: bool, moments: int, *,
           encrypted: bool) -> int | None:
    now = datetime.now().astimezone()
    try:
        due = None if last is None else last + timedelta(days=cadence)
    except OverflowError:
        return None  # a date at the calendar's edge: the full path says it without a crash
    is_due = due is None or due.date() <= now.date()
    days_until = None if is_due or due is None else (due.date() - now.date()).days
    if last is None:
        focus = []
    if as_json:
        import json

        print(json.dumps({
            "encrypted": encrypted,  # as the full path: always there, true or false
            "last": last.isoformat() if last else None,
            "due": due.isoformat() if due else None,
            "is_due": is_due,
            "days_until": days_until,
            "focus": [{"id": i, "name": n, "action": a} for i, n, a in focus],
            "draft": draft,
            "moments_this_week": moments,
        }, ensure_ascii=False))
        return 1 if is_due else 0
    words: dict[str, str] = {}
    ui = os.path.join(bundled_content_dir(), language, "ui")
    for namespace, keys in WORDS.items():
        found = read_words(os.path.join(ui, f"{namespace}.yaml"), keys)
        if found is None:
            return None
        words.update((f"{namespace}.{k}", v) for k, v in found.items())
    try:
        text = _line(last, due, is_due, days_until, focus, now, words)
        if moments:  # as ``app_commands.show_status``
            form = "one" if moments == 1 else "other"
            text += " · " + words[f"moments.status_week_{form}"].format(count=moments)
        if draft is not None:
            text += " · " + words["cli.status_draft"]
    except (KeyError, IndexError, ValueError):
        return None
    print(text)
    return 1 if is_due else 0


def _line(last: datetime | None, due: datetime | None, is_due: bool, days_until: int | None,
          focus: list[tuple[str, str, str]], now: datetime, w: dict[str, str]) -> str:
    """``app_commands.status_line``, with the words read above."""
    def day(moment: datetime) -> str:
        return w["dates.date"].format(day=moment.day, month=w[f"dates.month_{moment.month}"],
                                      year=moment.year)

    if last is None:
        return w["cli.status_never"]
    weekday = w[f"dates.weekday_{last.isoweekday()}"]
    parts = [w["cli.status_last"].format(
        date=w["dates.weekday_date"].format(weekday=weekday, date=day(last)))]
    if is_due and due is not None:  # as ``app_commands.due_words``
        days = (now.date() - due.date()).days
        if days <= 0:
            parts.append(w["cli.status_due_today"])
        else:
            since = (w["cli.status_since_yesterday"] if days == 1
                     else w[f"dates.weekday_{due.isoweekday()}"] if days < 7 else day(due))
            parts.append(w["cli.status_due"].format(since=since))
    elif days_until is not None:
        form = "cli.status_next_one" if days_until == 1 else "cli.status_next_other"
        parts.append(w[form].format(count=days_until, days=days_until))
    if focus:
        parts.append(w["cli.status_focus"].format(values=", ".join(n for _, n, _ in focus)))
    return " · ".join(parts)
