"""The SQLite location check: network shares and cloud-sync folders are refused."""

from __future__ import annotations

import pytest

from app.infra.storage import DRIVE_REMOTE, classify, is_remote_fs, mount_of, parse_mounts

MOUNTS = """\
/dev/sda2 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
/dev/sda3 /home ext4 rw,relatime 0 0
//kantor/arsip /mnt/kantor cifs rw,vers=3.0 0 0
fileserver:/export/loket /srv/loket nfs4 rw 0 0
budi@laptop:/data /home/budi/remote fuse.sshfs rw 0 0
/dev/sdb1 /media/budi/USB\\040DISK fuseblk rw 0 0
gvfsd-fuse /run/user/1000/gvfs fuse.gvfsd-fuse rw 0 0
/dev/sdc1 /mnt/kantor/lokal ext4 rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/home/budi/.local/share/Loket/loket.sqlite3", "local"),
        ("/var/lib/loket/loket.sqlite3", "local"),
        ("/mnt/kantor/loket.sqlite3", "network"),
        ("/mnt/kantor/sub/dir/loket.sqlite3", "network"),
        ("/mnt/kantor/lokal/loket.sqlite3", "local"),  # a local disk mounted inside the share
        ("/mnt/kantorlama/loket.sqlite3", "local"),  # a prefix of the name is not the mount
        ("/srv/loket/loket.sqlite3", "network"),
        ("/home/budi/remote/loket.sqlite3", "network"),
        ("/media/budi/USB DISK/loket.sqlite3", "local"),
        ("/run/user/1000/gvfs/smb-share:server=kantor,share=data/loket.sqlite3", "network"),
        ("/home/budi/Dropbox/loket/loket.sqlite3", "cloud"),
        ("/home/budi/Dropbox (Pribadi)/loket.sqlite3", "cloud"),
        ("/home/budi/Nextcloud/loket.sqlite3", "cloud"),
        ("/home/budi/ownCloud/Documents/loket.sqlite3", "cloud"),
        ("/Users/siti/Library/CloudStorage/OneDrive-PTContoh/loket.sqlite3", "cloud"),
        ("/Users/siti/Library/Mobile Documents/com~apple~CloudDocs/loket.sqlite3", "cloud"),
        ("/Users/siti/Google Drive/loket.sqlite3", "cloud"),
        ("/home/budi/dropboxes/loket.sqlite3", "local"),  # only the sync client's own folder names
    ],
)
def test_linux_and_macos_paths(path: str, kind: str) -> None:
    verdict = classify(path, platform="linux", mounts_text=MOUNTS)
    assert verdict.kind == kind
    assert verdict.ok == (kind == "local")
    if not verdict.ok:
        assert "SQLite tidak boleh" in verdict.message and path in verdict.message
        assert "PostgreSQL" in verdict.message


def test_the_message_names_what_was_found() -> None:
    v = classify("/mnt/kantor/loket.sqlite3", platform="linux", mounts_text=MOUNTS)
    assert v.detail == "cifs di /mnt/kantor" and "folder jaringan" in v.message
    v = classify("/home/budi/Dropbox/loket.sqlite3", platform="linux", mounts_text=MOUNTS)
    assert v.detail == "Dropbox" and "sinkronisasi awan (Dropbox)" in v.message


def test_no_mount_table_falls_back_to_folder_names() -> None:
    assert classify("/mnt/kantor/loket.sqlite3", platform="darwin", mounts_text="").ok
    assert not classify("/Users/siti/Dropbox/loket.sqlite3", platform="darwin", mounts_text="").ok


@pytest.mark.parametrize(
    ("fstype", "remote"),
    [
        ("ext4", False),
        ("xfs", False),
        ("btrfs", False),
        ("tmpfs", False),
        ("overlay", False),
        ("fuseblk", False),
        ("fuse.ntfs-3g", False),
        ("nfs", True),
        ("nfs4", True),
        ("cifs", True),
        ("smb3", True),
        ("fuse.sshfs", True),
        ("fuse.rclone", True),
        ("fuse", True),
        ("fuse.something-new", True),
    ],
)
def test_file_system_types(fstype: str, remote: bool) -> None:
    assert is_remote_fs(fstype) is remote


def test_mount_table_parsing_unescapes_and_takes_the_longest_match() -> None:
    from pathlib import PurePosixPath

    mounts = parse_mounts(MOUNTS)
    assert ("/media/budi/USB DISK", "fuseblk") in mounts
    assert mount_of(PurePosixPath("/mnt/kantor/lokal/x"), mounts) == ("/mnt/kantor/lokal", "ext4")
    assert mount_of(PurePosixPath("/"), mounts) == ("/", "ext4")


def _drives(remote: set[str]) -> object:
    return lambda root: DRIVE_REMOTE if root[:2].upper() in remote else 3  # 3: DRIVE_FIXED


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        (r"C:\Users\Siti\AppData\Local\Loket\loket.sqlite3", "local"),
        (r"D:\Loket\loket.sqlite3", "local"),
        (r"Z:\Loket\loket.sqlite3", "network"),  # a mapped network drive
        (r"\\kantor\arsip\loket.sqlite3", "network"),
        ("//kantor/arsip/loket.sqlite3", "network"),
        (r"\\?\UNC\kantor\arsip\loket.sqlite3", "network"),
        (r"\\?\C:\Loket\loket.sqlite3", "local"),
        (r"C:\Users\Siti\OneDrive\Dokumen\loket.sqlite3", "cloud"),
        (r"C:\Users\Siti\OneDrive - BPJS Contoh\loket.sqlite3", "cloud"),
        (r"G:\My Drive\loket.sqlite3", "cloud"),
        (r"C:\Users\Siti\iCloudDrive\loket.sqlite3", "cloud"),
        (r"C:\Users\Siti\Dropbox\loket.sqlite3", "cloud"),
    ],
)
def test_windows_paths(path: str, kind: str) -> None:
    verdict = classify(path, platform="win32", drive_type=_drives({"Z:"}))  # type: ignore[arg-type]
    assert verdict.kind == kind, verdict
