"""Is a folder safe for a SQLite database? Not on a network share, not in a cloud-sync folder.

SQLite relies on file locks and on writes reaching the disk in order. Network file systems
(SMB/CIFS, NFS, SSHFS …) get locking wrong, and sync clients (OneDrive, Dropbox, Google Drive …)
copy the database file and its WAL separately, mid-transaction: both corrupt databases. Several
counters share a PostgreSQL server instead.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath, PurePosixPath, PureWindowsPath

# Linux file-system types that live on another machine.
NETWORK_FS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "coda",
        "ceph",
        "glusterfs",
        "lustre",
        "beegfs",
        "gpfs",
        "davfs",
        "9p",
        "sshfs",
    }
)
# FUSE file systems that are known to keep their data on a local disk; every other FUSE
# file system (sshfs, rclone, gvfs's smb, s3fs …) is treated as remote.
LOCAL_FUSE = frozenset(
    {
        "fuseblk",
        "fuse.ntfs-3g",
        "fuse.ntfs",
        "fuse.exfat",
        "fuse.lxcfs",
        "fuse.portal",
        "fuse.bindfs",
        "fuse.mergerfs",
        "fuse.gocryptfs",
        "fuse.encfs",
        "fuse.cryfs",
        "fuse.veracrypt",
        "fuse.appimagelauncherfs",
    }
)
# Folder names that sync clients create. Compared case-insensitively with each path component.
_CLOUD_EXACT = {
    "dropbox": "Dropbox",
    "onedrive": "OneDrive",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "drive saya": "Google Drive",
    "icloud drive": "iCloud Drive",
    "iclouddrive": "iCloud Drive",
    "mobile documents": "iCloud Drive",
    "com~apple~clouddocs": "iCloud Drive",
    "cloudstorage": "penyimpanan awan macOS",
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
    "pcloud drive": "pCloud",
    "megasync": "MEGA",
}
_CLOUD_PREFIX = {
    "dropbox (": "Dropbox",
    "onedrive - ": "OneDrive",
    "onedrive-": "OneDrive",
    "googledrive-": "Google Drive",
    "google drive (": "Google Drive",
    "nextcloud-": "Nextcloud",
    "owncloud-": "ownCloud",
}
DRIVE_REMOTE = 4  # GetDriveTypeW


@dataclass(frozen=True, slots=True)
class StorageVerdict:
    """Whether a folder is safe for a SQLite database, and what was found if not."""

    ok: bool
    kind: str  # "local", "network", "cloud"
    detail: str  # what was found: "cifs on /mnt/kantor", "OneDrive", "UNC path"
    message: str = ""  # Indonesian, for the officer or IT; empty when ok


class UnsafeStorageError(RuntimeError):
    """A SQLite database was about to be opened on a network share or in a sync folder."""

    def __init__(self, verdict: StorageVerdict) -> None:
        super().__init__(verdict.message)
        self.verdict = verdict
        self.message = verdict.message


_ADVICE = (
    "Simpan basis data di disk lokal komputer ini (folder data Loket bawaan), atau pakai server "
    "PostgreSQL cabang bila beberapa loket berbagi data."
)


def _network(path: str, detail: str) -> StorageVerdict:
    return StorageVerdict(
        False,
        "network",
        detail,
        f"Basis data SQLite tidak boleh berada di folder jaringan ({detail}): {path}. "
        f"Penguncian file lewat jaringan tidak andal dan dapat merusak data. {_ADVICE}",
    )


def _cloud(path: str, provider: str) -> StorageVerdict:
    return StorageVerdict(
        False,
        "cloud",
        provider,
        f"Basis data SQLite tidak boleh berada di folder sinkronisasi awan ({provider}): {path}. "
        f"Aplikasi sinkronisasi menyalin file saat sedang ditulis dan dapat merusak data. {_ADVICE}",
    )


def cloud_provider(path: PurePath) -> str | None:
    """The sync client whose folder holds ``path``, judged by folder names."""
    for part in path.parts:
        name = part.strip().lower()
        if name in _CLOUD_EXACT:
            return _CLOUD_EXACT[name]
        for prefix, provider in _CLOUD_PREFIX.items():
            if name.startswith(prefix):
                return provider
    return None


def _unescape_mount(field: str) -> str:
    """/proc/self/mounts writes space, tab, newline and backslash as octal escapes."""
    for esc, ch in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(esc, ch)
    return field


def parse_mounts(text: str) -> list[tuple[str, str]]:
    """(mount point, file-system type) for each line of /proc/self/mounts."""
    out = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            out.append((_unescape_mount(fields[1]), fields[2]))
    return out


def mount_of(path: PurePosixPath, mounts: list[tuple[str, str]]) -> tuple[str, str] | None:
    """The mount holding ``path``: the longest matching mount point (the last one wins a tie)."""
    best: tuple[str, str] | None = None
    for point, fstype in mounts:
        mp = PurePosixPath(point)
        if (path == mp or mp in path.parents) and (best is None or len(point) >= len(best[0])):
            best = (point, fstype)
    return best


def is_remote_fs(fstype: str) -> bool:
    fstype = fstype.lower()
    if fstype in NETWORK_FS or fstype.startswith(("nfs", "smb", "cifs")):
        return True
    if fstype == "fuse" or fstype.startswith("fuse."):
        return fstype not in LOCAL_FUSE
    return False


def _windows_drive_type(root: str) -> int:
    windll = getattr(ctypes, "windll", None)
    if windll is None:
        return 0
    return int(windll.kernel32.GetDriveTypeW(root))


def classify(
    path: str,
    *,
    platform: str | None = None,
    mounts_text: str | None = None,
    drive_type: Callable[[str], int] | None = None,
) -> StorageVerdict:
    """Judge the folder for a SQLite file at ``path`` (absolute). The keyword arguments let
    tests supply another platform's mount table or drive types."""
    platform = platform or sys.platform
    if platform == "win32":
        return _classify_windows(path, drive_type or _windows_drive_type)
    pure = PurePosixPath(path)
    if provider := cloud_provider(pure):
        return _cloud(path, provider)
    if mounts_text is None:
        try:
            with open("/proc/self/mounts", encoding="utf-8", errors="replace") as fh:
                mounts_text = fh.read()
        except OSError:
            mounts_text = ""  # not Linux (macOS, BSD): judged by folder names only
    found = mount_of(pure, parse_mounts(mounts_text))
    if found and is_remote_fs(found[1]):
        return _network(path, f"{found[1]} di {found[0]}")
    return StorageVerdict(True, "local", found[1] if found else "")


def _classify_windows(path: str, drive_type: Callable[[str], int]) -> StorageVerdict:
    text = path.replace("/", "\\")
    if text.startswith("\\\\?\\UNC\\"):
        return _network(path, "jalur UNC")
    if text.startswith("\\\\?\\"):
        text = text[4:]
    if text.startswith("\\\\"):
        return _network(path, "jalur UNC")
    pure = PureWindowsPath(text)
    if provider := cloud_provider(pure):
        return _cloud(path, provider)
    if pure.drive and drive_type(pure.drive + "\\") == DRIVE_REMOTE:
        return _network(path, f"drive jaringan {pure.drive}")
    return StorageVerdict(True, "local", pure.drive)


def check_sqlite_location(path: str | os.PathLike[str]) -> None:
    """Raise ``UnsafeStorageError`` when a SQLite database must not live at ``path``."""
    absolute = os.path.abspath(os.fspath(path))
    # Resolve symlinks of the part that exists, so a link into Dropbox is caught too.
    head, tail = absolute, ""
    while head and not os.path.exists(head):
        head, name = os.path.split(head)
        tail = os.path.join(name, tail) if tail else name
        if not name:
            break
    resolved = os.path.join(os.path.realpath(head), tail) if head else absolute
    for candidate in dict.fromkeys((absolute, resolved)):
        verdict = classify(candidate)
        if not verdict.ok:
            raise UnsafeStorageError(verdict)
