"""Where refleks finds its content and keeps its data.

Kept free of heavy imports: the CLI needs these paths before anything else.
"""

from __future__ import annotations

import os
from pathlib import Path

from refleks.xdg import linux_folder

APP_NAME = "refleks"


def bundled_content_dir() -> Path:
    """The content that ships with refleks.

    In a wheel it is ``refleks/_content``; in a source checkout (editable install)
    it is the top-level ``content/`` folder.
    """
    packaged = Path(__file__).resolve().parent / "_content"  # refleks ships unzipped
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "content"


def data_dir() -> Path:
    folder = linux_folder("XDG_DATA_HOME", ".local/share")
    if folder is not None:
        return Path(folder)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    folder = linux_folder("XDG_CACHE_HOME", ".cache")
    if folder is not None:
        return Path(folder)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir(APP_NAME, appauthor=False))


def config_path() -> Path:
    """The config file; ``REFLEKS_CONFIG`` points elsewhere (tests always do)."""
    override = os.environ.get("REFLEKS_CONFIG")
    if override:
        return Path(override).expanduser()
    folder = linux_folder("XDG_CONFIG_HOME", ".config")
    if folder is not None:
        return Path(folder) / "config.toml"
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def given_journal_path() -> Path | None:
    """The journal ``REFLEKS_JOURNAL`` names, if any (``--journal`` wins over it)."""
    override = os.environ.get("REFLEKS_JOURNAL")
    return Path(override).expanduser() if override else None


def own_journal_path() -> Path:
    """The journal in refleks' own data folder, where no path was given.

    It is refleks' own: ``environment`` refuses a symlink there that leads out of the
    folder (``link_leads_outside``); a path the person gave is followed wherever it points.
    """
    return data_dir() / "journal.sqlite3"


def link_leads_outside(path: Path, folder: Path) -> Path | None:
    """Where ``path`` leads, if it is a symlink (or goes through one) out of ``folder``."""
    if not os.path.islink(path):
        return None
    target = Path(os.path.realpath(path))
    home = Path(os.path.realpath(folder))
    if target.parent != home and home not in target.parents:
        return target
    return None


def documents_dir() -> Path:
    from platformdirs import user_documents_dir

    return Path(user_documents_dir())
