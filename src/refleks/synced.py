"""Is a folder one that a cloud client copies to its servers? Told by the path alone.

An export is plaintext by nature. Written into a folder that OneDrive, Dropbox, iCloud
Drive or Google Drive keeps in step with the cloud, it leaves the computer within
seconds — and workplaces often redirect Documents, where refleks suggests exports, into
OneDrive. ``synced_by`` names the service from the folder's parts (no disk is touched,
so it is tested on Windows and macOS paths anywhere); the caller resolves the path
first, so a link into a synced folder counts too.

What it cannot see: a folder synced by a client with no telltale name (Nextcloud,
Syncthing, a network share) or by macOS's "Desktop & Documents Folders" option, which
keeps the folder's own name. It says so only where it is sure.
"""

from __future__ import annotations

from pathlib import PurePath

ONEDRIVE = "OneDrive"
DROPBOX = "Dropbox"
ICLOUD = "iCloud Drive"
GOOGLE_DRIVE = "Google Drive"

# A folder named exactly so (case aside) is the client's own.
_EXACT = {
    "onedrive": ONEDRIVE,
    "dropbox": DROPBOX,
    "icloud drive": ICLOUD,
    "iclouddrive": ICLOUD,  # iCloud for Windows: C:\Users\kari\iCloudDrive
    "mobile documents": ICLOUD,  # macOS: ~/Library/Mobile Documents/com~apple~CloudDocs
    "google drive": GOOGLE_DRIVE,  # Backup and Sync, and older Drive for desktop
    "googledrive": GOOGLE_DRIVE,
    "my drive": GOOGLE_DRIVE,  # Drive for desktop: G:\My Drive
    "min disk": GOOGLE_DRIVE,  # the same in Norwegian
}
# A folder whose name starts so: "OneDrive - Helse Vest" (OneDrive for work or school),
# "Dropbox (Personal)", and GNOME's Google Drive mount (/run/user/1000/gvfs/google-drive:…).
_PREFIXES = (
    ("onedrive - ", ONEDRIVE),
    ("dropbox (", DROPBOX),
    ("google-drive:", GOOGLE_DRIVE),
)


def synced_by(folder: PurePath) -> str | None:
    """The cloud service that syncs ``folder`` (a resolved folder), or None.

    Every part of the path counts, so a file anywhere under ``~/OneDrive`` is found.
    A folder under macOS's ``~/Library/CloudStorage`` is synced by whichever File
    Provider made it (``OneDrive-Personal``, ``GoogleDrive-kari@example.com``); one not
    named here is named by its folder ("Box-Box" → "Box").
    """
    parts = [part.casefold().strip() for part in folder.parts]
    for index, part in enumerate(parts):
        if part in _EXACT:
            return _EXACT[part]
        for prefix, service in _PREFIXES:
            if part.startswith(prefix):
                return service
        if (part == "cloudstorage" and index > 0 and parts[index - 1] == "library"
                and index + 1 < len(parts)):
            # OneDrive-Personal, GoogleDrive-kari@example.com, Dropbox-Team, Box-Box
            provider = folder.parts[index + 1].split("-")[0].strip()
            return _EXACT.get(provider.casefold(), provider) or None
    return None
