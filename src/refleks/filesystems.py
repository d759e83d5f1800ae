"""Is a folder on a network file system? Asked of the operating system, without a shell.

SQLite's write-ahead log keeps its index in shared memory (the ``-shm`` file, mapped by
every process that opens the journal), which a network file system does not keep in
step between processes; SQLite's own documentation says WAL does not work there. So the
journal asks here where it lives, and on a network file system writes with a rollback
journal instead (``journal.database.configure``, docs/journal-format.md).

How each system is asked, all of it standard library:

- Linux: ``/proc/self/mountinfo``, the mount whose mount point is the longest prefix of
  the folder's real path, and its type (``cifs``, ``smb3``, ``nfs4``, ``fuse.sshfs`` …).
  One small read, no ``statfs`` magic numbers.
- macOS: ``statfs(2)`` through ``ctypes`` (``os.statvfs`` has no type name), its
  ``f_fstypename`` (``smbfs``, ``nfs``, ``afpfs``, ``webdav`` …) and the ``MNT_LOCAL``
  flag: no ``mount`` to run and parse.
- Windows: a UNC path (``\\\\server\\share\\…``, also what ``realpath`` makes of a mapped
  drive) or a drive letter whose ``GetDriveTypeW`` is ``DRIVE_REMOTE`` (H: mapped by
  the workplace's login script).

Each reader takes what it reads as an argument, so the Windows and macOS branches are
tested on Linux with the operating system's answer faked. Anything that cannot be read
counts as local: a wrong "local" costs what it cost before this module existed.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import PureWindowsPath

# Linux mount types that are network (or host-shared) file systems, where SQLite's
# shared-memory WAL index is not kept in step. ``9p`` is also WSL 2's C: drive (drvfs).
LINUX_NETWORK = frozenset({
    "cifs", "smb3", "smbfs", "smb2", "nfs", "nfs4", "9p", "afs", "ceph", "coda",
    "glusterfs", "lustre", "gpfs", "ncpfs", "ocfs2", "gfs2", "davfs", "vboxsf", "vmhgfs",
    "fuse.sshfs", "fuse.rclone", "fuse.glusterfs", "fuse.s3fs", "fuse.davfs2",
    "fuse.vmhgfs-fuse", "fuse.cephfs", "fuse.gcsfuse", "fuse.smbnetfs", "fuse.curlftpfs",
})
# macOS ``f_fstypename`` values of network file systems (``MNT_LOCAL`` unset says it too).
MACOS_NETWORK = frozenset({"smbfs", "nfs", "afpfs", "webdav", "cifs", "ftp", "cd9660-net"})
MNT_LOCAL = 0x00001000
DRIVE_REMOTE = 4

# ``struct statfs`` on macOS (64-bit inodes, the only layout since 10.6): where the
# flags and the type name are, and its whole size.
_MAC_FLAGS_AT = 68
_MAC_TYPENAME_AT = 72
_MAC_TYPENAME_LEN = 16
_MAC_STATFS_SIZE = 2168

StatFs = Callable[[str], bytes | None]  # the raw struct statfs for a path, or None
DriveType = Callable[[str], int]  # GetDriveTypeW for a root such as "H:\\"


def network_filesystem(path: str | os.PathLike[str]) -> str | None:
    """The network file system ``path`` (a file or folder, followed through links) is
    on, by its type's name (``cifs``, ``smbfs``, ``remote drive`` …); ``None``: local,
    or it could not be told."""
    real = os.path.realpath(path)
    platform: str = sys.platform  # a plain str: each branch is checked on every system
    try:
        if platform.startswith("linux"):
            with open("/proc/self/mountinfo", encoding="utf-8", errors="replace") as handle:
                return linux_network_type(real, handle.read())
        if platform == "darwin":
            return macos_network_type(real, _darwin_statfs)
        if platform == "win32":
            return windows_network_type(real, _windows_drive_type)
    except OSError:
        return None
    return None


# -- Linux -----------------------------------------------------------------------------------


def _unescape_mount(field: str) -> str:
    r"""Mount points in mountinfo have space, tab, newline and backslash as ``\040`` …"""
    if "\\" not in field:
        return field
    out: list[str] = []
    i = 0
    while i < len(field):
        if field[i] == "\\" and i + 3 < len(field) and field[i + 1:i + 4].isdigit():
            out.append(chr(int(field[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def mount_type(real_path: str, mountinfo: str) -> str | None:
    """The type of the mount that holds ``real_path``, from ``/proc/self/mountinfo``'s
    text: the longest mount point that is a prefix of the path (the last of equals, as
    a mount over another hides it)."""
    best: tuple[int, str] | None = None
    for line in mountinfo.splitlines():
        left, sep, right = line.partition(" - ")
        fields = left.split()
        if not sep or len(fields) < 5 or not right.split():
            continue
        point = _unescape_mount(fields[4])
        inside = (real_path == point or point == "/"
                  or real_path.startswith(point.rstrip("/") + "/"))
        if inside and (best is None or len(point) >= best[0]):
            best = (len(point), right.split()[0])
    return best[1] if best else None


def linux_network_type(real_path: str, mountinfo: str) -> str | None:
    kind = mount_type(real_path, mountinfo)
    return kind if kind in LINUX_NETWORK else None


# -- macOS -----------------------------------------------------------------------------------


def macos_network_type(real_path: str, statfs: StatFs) -> str | None:
    """From ``struct statfs``: a type name known to be a network one, or any file system
    that does not call itself local (``MNT_LOCAL``)."""
    raw = statfs(real_path)
    if raw is None or len(raw) < _MAC_TYPENAME_AT + _MAC_TYPENAME_LEN:
        return None
    flags = int.from_bytes(raw[_MAC_FLAGS_AT:_MAC_FLAGS_AT + 4], sys.byteorder)
    name = raw[_MAC_TYPENAME_AT:_MAC_TYPENAME_AT + _MAC_TYPENAME_LEN].split(b"\0")[0]
    kind = name.decode("ascii", "replace")
    if kind in MACOS_NETWORK or not flags & MNT_LOCAL:
        return kind or "network"
    return None


def _darwin_statfs(path: str) -> bytes | None:  # pragma: no cover - macOS only
    import ctypes  # here: only macOS needs it, and only when a journal opens

    libc = ctypes.CDLL(None, use_errno=True)
    # x86_64 keeps the 32-bit-inode statfs under the plain name; arm64 has only one
    function = getattr(libc, "statfs$INODE64", None) or libc.statfs
    buffer = ctypes.create_string_buffer(_MAC_STATFS_SIZE)
    if function(os.fsencode(path), buffer) != 0:
        return None
    return buffer.raw


# -- Windows ---------------------------------------------------------------------------------


def windows_network_type(real_path: str, drive_type: DriveType) -> str | None:
    """A UNC path (``\\\\server\\share``, ``\\\\?\\UNC\\server\\share``) is a share; a drive
    letter is asked for its type (a mapped network drive is ``DRIVE_REMOTE``)."""
    text = real_path
    if text.startswith("\\\\?\\UNC\\"):
        text = "\\\\" + text[len("\\\\?\\UNC\\"):]
    elif text.startswith("\\\\?\\"):
        text = text[len("\\\\?\\"):]
    drive = PureWindowsPath(text).drive
    if drive.startswith("\\\\"):
        return "smb"
    if len(drive) == 2 and drive[1] == ":" and drive_type(drive + "\\") == DRIVE_REMOTE:
        return "remote drive"
    return None


def _windows_drive_type(root: str) -> int:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined]
    return int(kernel32.GetDriveTypeW(ctypes.c_wchar_p(root)))
