"""The signed file, both ways: a zip of JSON parts, ``manifest.json`` (the SHA-256 and size of every
part) and ``manifest.sig`` (Ed25519 over the manifest with the sender's card-signing key).

An outreach laptop's package and its branch's answer are the same container with other parts. The
receiver must already trust the sender's key; an unknown key, a bad signature, a changed, missing,
extra or repeated part, a truncated file: each is refused, naming what is wrong, before anything
is read into the database.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from app.domain.messages import msg
from app.infra.card_keys import PublicKeyRecord, SigningKey
from app.infra.paths import AppPaths
from app.infra.workspace import partial_beside
from app.services.packages.format import MANIFEST, MAX_PART_BYTES, SIGNATURE, json_bytes, refused, when


@dataclass(frozen=True, slots=True)
class Signed:
    """A container whose signature and part hashes hold (its content still to be judged)."""

    manifest: dict[str, Any]
    digest: str  # SHA-256 of the manifest: it covers every part
    key: PublicKeyRecord
    created: dt.datetime
    parts: dict[str, list[dict[str, Any]]]


def write_signed(
    paths: AppPaths,
    path: Path,
    manifest: Mapping[str, Any],
    parts: Mapping[str, Sequence[Mapping[str, Any]]],
    key: SigningKey,
    *,
    before_replace: Callable[[bytes], None] = lambda _m: None,
) -> bytes:
    """Write the container to ``path`` (0600: it holds personal data), whole or not at all.

    ``before_replace`` runs with the signed manifest once the file is complete and before it is
    moved into place (the audit event, a last look at cancel). Returns the manifest's bytes."""
    blobs = {name: json_bytes(rows) for name, rows in parts.items()}
    full = {
        **manifest,
        "key_id": key.key_id,
        "parts": {
            name: {"sha256": hashlib.sha256(b).hexdigest(), "bytes": len(b), "rows": len(parts[name])}
            for name, b in blobs.items()
        },
    }
    manifest_bytes = json_bytes(full)
    signature = base64.b64encode(key.sign(manifest_bytes))
    path.parent.mkdir(parents=True, exist_ok=True)
    with partial_beside(paths, path) as tmp:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(MANIFEST, manifest_bytes)
            zf.writestr(SIGNATURE, signature)
            for name, b in blobs.items():
                zf.writestr(name, b)
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        before_replace(manifest_bytes)
        os.replace(tmp, path)
    return manifest_bytes


def read_zip(path: Path, allowed: Sequence[str]) -> dict[str, bytes]:
    """Every member of the zip, refusing unknown, repeated or oversized ones and broken files."""
    try:
        zf = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise refused(
            "package.unreadable",
            msg("Berkas {name} bukan paket Loket yang utuh ({exc}).", name=path.name, exc=exc),
        ) from exc
    with zf:
        out: dict[str, bytes] = {}
        for info in zf.infolist():
            name = info.filename
            if name not in (MANIFEST, SIGNATURE, *allowed):
                raise refused(
                    "package.part_extra",
                    msg("Paket memuat bagian yang tidak dikenal: {name}.", name=repr(name[:60])),
                )
            if name in out:
                raise refused(
                    "package.part_duplicate", msg("Bagian {name} muncul dua kali di paket.", name=name)
                )
            if info.file_size > MAX_PART_BYTES:
                raise refused("package.too_large", msg("Bagian {name} terlalu besar.", name=name))
            try:
                with zf.open(info) as fh:
                    data = fh.read(MAX_PART_BYTES + 1)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
                raise refused(
                    "package.part_changed", msg("Bagian {name} rusak: {exc}.", name=name, exc=exc)
                ) from exc
            if len(data) > MAX_PART_BYTES:
                raise refused("package.too_large", msg("Bagian {name} terlalu besar.", name=name))
            out[name] = data
    return out


def open_signed(
    path: Path,
    *,
    fmt: str,
    parts_by_version: Mapping[int, Sequence[str]],
    trusted: Mapping[str, PublicKeyRecord],
    id_field: str,
) -> Signed:
    """Check format, key, signature and every part's hash; parse the parts. ``DomainError`` says
    what is wrong."""
    every = sorted({p for parts in parts_by_version.values() for p in parts})
    files = read_zip(path, every)
    if MANIFEST not in files:
        raise refused("package.manifest_missing", "Paket tidak memuat manifest.json.")
    if SIGNATURE not in files:
        raise refused("package.signature_missing", "Paket tidak memuat tanda tangan (manifest.sig).")
    manifest_bytes = files[MANIFEST]
    try:
        manifest = json.loads(manifest_bytes.decode("utf-8"))
        key_id = str(manifest["key_id"])
        source = manifest["source"]
        code, name = str(source["code"]), str(source["name"])
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise refused("package.manifest", "manifest.json rusak atau bukan manifest paket Loket.") from exc
    version = manifest.get("version")
    if manifest.get("format") != fmt or version not in parts_by_version:
        raise refused("package.format", "Format atau versi paket tidak dikenal oleh Loket ini.")
    record = trusted.get(key_id)
    if record is None:
        raise refused(
            "package.unknown_key",
            msg(
                "Paket ditandatangani kunci {key_id} dari {code} {name} yang belum dipercaya di sini. Impor dulu kunci publik pengirimnya: 'loket keys import FILE' (supervisor).",
                key_id=key_id[:16],
                code=code,
                name=name[:60],
            ),
        )
    try:
        signature = base64.b64decode(files[SIGNATURE], validate=True)
        Ed25519PublicKey.from_public_bytes(record.public_key).verify(signature, manifest_bytes)
    except (ValueError, InvalidSignature) as exc:
        raise refused(
            "package.signature",
            "Tanda tangan paket tidak cocok: manifest diubah atau paket tidak ditandatangani kunci itu.",
        ) from exc
    try:
        created = when(str(manifest["created_at"]))
        listed = dict(manifest["parts"])
        ident = str(manifest[id_field])
    except (KeyError, TypeError, ValueError) as exc:
        raise refused("package.manifest", "manifest.json tidak lengkap.") from exc
    assert created is not None
    if record.retired_at is not None and created > record.retired_at:
        raise refused(
            "package.key_retired",
            msg("Kunci {key_id} sudah dipensiunkan sebelum paket dibuat.", key_id=key_id),
        )
    if len(ident) != 32 or not all(ch in "0123456789abcdef" for ch in ident):
        raise refused("package.manifest", "ID paket tidak sah.")
    expected = parts_by_version[int(version)]
    if set(listed) != set(expected):
        raise refused("package.manifest", "Daftar bagian di manifest tidak sesuai format paket.")
    for part in expected:
        if part not in files:
            raise refused(
                "package.part_missing",
                msg("Bagian {part} tercantum di manifest tetapi tidak ada di paket.", part=part),
            )
        digest = hashlib.sha256(files[part]).hexdigest()
        if digest != listed[part].get("sha256") or len(files[part]) != listed[part].get("bytes"):
            raise refused(
                "package.part_changed",
                msg("Isi bagian {part} berubah sejak paket ditandatangani (hash tidak cocok).", part=part),
            )
    parts: dict[str, list[dict[str, Any]]] = {}
    for part in expected:
        try:
            rows = json.loads(files[part].decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise refused(
                "package.part_changed", msg("Bagian {part} bukan JSON yang sah.", part=part)
            ) from exc
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise refused(
                "package.part_changed", msg("Bagian {part} tidak berbentuk daftar rekaman.", part=part)
            )
        parts[part] = rows
    return Signed(manifest, hashlib.sha256(manifest_bytes).hexdigest(), record, created, parts)
