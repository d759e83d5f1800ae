"""The cloud-folder recogniser: told by the path alone, on each system's paths."""

from __future__ import annotations

from pathlib import PurePath, PurePosixPath, PureWindowsPath

import pytest

from refleks.synced import synced_by

SYNCED = [
    # Windows: OneDrive personal, for work or school, Documents moved into it
    (PureWindowsPath(r"C:\Users\kari\OneDrive\Dokumenter"), "OneDrive"),
    (PureWindowsPath(r"C:\Users\kari\OneDrive - Helse Vest\Documents"), "OneDrive"),
    (PureWindowsPath(r"c:\users\kari\onedrive - helse vest"), "OneDrive"),
    (PureWindowsPath("C:/Users/kari/ONEDRIVE/refleks"), "OneDrive"),
    (PureWindowsPath(r"D:\Dropbox\veiledning"), "Dropbox"),
    (PureWindowsPath(r"C:\Users\kari\Dropbox (Personal)\x"), "Dropbox"),
    (PureWindowsPath(r"C:\Users\kari\iCloudDrive\Notater"), "iCloud Drive"),
    (PureWindowsPath(r"G:\My Drive\refleks"), "Google Drive"),
    (PureWindowsPath(r"G:\Min disk"), "Google Drive"),
    (PureWindowsPath(r"C:\Users\kari\Google Drive\refleks"), "Google Drive"),
    # macOS: iCloud Drive, the File Provider folders, the older clients
    (PurePosixPath("/Users/kari/Library/Mobile Documents/com~apple~CloudDocs/Notes"),
     "iCloud Drive"),
    (PurePosixPath("/Users/kari/Library/CloudStorage/OneDrive-Personal/Documents"), "OneDrive"),
    (PurePosixPath("/Users/kari/Library/CloudStorage/OneDrive-HelseVest"), "OneDrive"),
    (PurePosixPath("/Users/kari/Library/CloudStorage/GoogleDrive-kari@example.com/My Drive"),
     "Google Drive"),
    (PurePosixPath("/Users/kari/Library/CloudStorage/GoogleDrive-kari@example.com"),
     "Google Drive"),
    (PurePosixPath("/Users/kari/Library/CloudStorage/Dropbox-Team/x"), "Dropbox"),
    (PurePosixPath("/Users/kari/Library/CloudStorage/Box-Box/Docs"), "Box"),
    (PurePosixPath("/Users/kari/Dropbox/Documents"), "Dropbox"),
    # Linux: the usual clients' folders, GNOME's Google Drive mount
    (PurePosixPath("/home/kari/Dropbox"), "Dropbox"),
    (PurePosixPath("/home/kari/OneDrive/Documents"), "OneDrive"),
    (PurePosixPath("/home/kari/Insync/kari@example.com/Google Drive"), "Google Drive"),
    (PurePosixPath("/run/user/1000/gvfs/google-drive:host=example.com,user=kari/x"),
     "Google Drive"),
]

NOT_SYNCED = [
    PureWindowsPath(r"C:\Users\kari\Documents"),
    PureWindowsPath(r"C:\Users\kari\AppData\Local\refleks"),
    PureWindowsPath(r"C:\Users\kari\OneDriveNotes"),  # a name that only starts the same
    PureWindowsPath(r"S:\Team\refleks"),
    PurePosixPath("/home/kari/Documents"),
    PurePosixPath("/home/kari/dropboxes/old"),
    PurePosixPath("/home/kari/src/onedrive-client"),  # a project, not the client's folder
    PurePosixPath("/Users/kari/Documents"),
    PurePosixPath("/Users/kari/Library/Application Support/refleks"),
    PurePosixPath("/Users/kari/Library/CloudStorage"),  # the parent of the providers' folders
    PurePosixPath("/tmp"),
    PurePosixPath("/"),
]


@pytest.mark.parametrize(("folder", "service"), SYNCED, ids=str)
def test_a_synced_folder_is_named_by_its_service(folder: PurePath, service: str) -> None:
    assert synced_by(folder) == service


@pytest.mark.parametrize("folder", NOT_SYNCED, ids=str)
def test_a_folder_of_ones_own_is_not_called_synced(folder: PurePath) -> None:
    assert synced_by(folder) is None
