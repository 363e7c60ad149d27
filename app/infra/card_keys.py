"""Card signing keys on disk: this counter's Ed25519 keys (0600) and the keyring of trusted public keys.

Layout under the keys folder (``AppPaths.keys``, outside the database and outside backups)::

    card-signing/<key id>.key     private key, 32 raw bytes as hex, mode 0600
    card-signing/current          key id of the key that signs new cards
    card-trusted/<key id>.json    a public key this counter trusts (its own, old and new, and
                                  those imported from other branches)

Rotation writes a new key, points ``current`` at it and deletes the old private key; the old
public key stays in the keyring so cards signed with it keep verifying.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from app.domain.cards import key_id_for
from app.infra.secrets import write_private

EXPORT_FORMAT = "loket-card-key"
EXPORT_VERSION = 1


def _raw_public(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


@dataclass(frozen=True, slots=True)
class PublicKeyRecord:
    """A trusted public key and what we know of its owner."""

    key_id: str
    public_key: bytes  # raw 32 bytes
    branch_code: str
    branch_name: str
    created_at: dt.datetime
    origin: str  # "own" (made on this counter or another counter of this branch) or "imported"
    retired_at: dt.datetime | None = None

    def export(self) -> dict[str, Any]:
        return {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "key_id": self.key_id,
            "algorithm": "Ed25519",
            "public_key": base64.b64encode(self.public_key).decode("ascii"),
            "branch_code": self.branch_code,
            "branch_name": self.branch_name,
            "created_at": self.created_at.isoformat(),
            "retired_at": self.retired_at.isoformat() if self.retired_at else None,
        }


class KeyFileError(ValueError):
    """An exported key file that cannot be trusted as it is; the message is for the officer."""


def parse_export(data: Any) -> list[PublicKeyRecord]:
    """Read ``loket keys export`` output (one object or a list) and check each key id."""
    items = data if isinstance(data, list) else [data]
    out: list[PublicKeyRecord] = []
    for item in items:
        if not isinstance(item, dict) or item.get("format") != EXPORT_FORMAT:
            raise KeyFileError("Berkas bukan ekspor kunci kartu Loket (format tidak dikenal).")
        if item.get("algorithm") != "Ed25519":
            raise KeyFileError("Hanya kunci Ed25519 yang diterima.")
        try:
            public_key = base64.b64decode(str(item["public_key"]), validate=True)
            created = dt.datetime.fromisoformat(str(item["created_at"]))
            retired = dt.datetime.fromisoformat(item["retired_at"]) if item.get("retired_at") else None
            code, name, key_id = str(item["branch_code"]), str(item["branch_name"]), str(item["key_id"])
        except (KeyError, ValueError, TypeError) as exc:
            raise KeyFileError(f"Ekspor kunci tidak lengkap atau rusak ({exc.__class__.__name__}).") from exc
        if len(public_key) != 32:
            raise KeyFileError("Kunci publik Ed25519 harus 32 byte.")
        if key_id_for(public_key) != key_id:
            raise KeyFileError(f"ID kunci {key_id[:16]} tidak cocok dengan kunci publiknya.")
        if created.tzinfo is None or (retired is not None and retired.tzinfo is None):
            raise KeyFileError("Waktu pada ekspor kunci harus memuat zona waktu.")
        if not (len(code) == 3 and code.isdigit()) or not name.strip() or len(name) > 100:
            raise KeyFileError("Kode cabang (3 digit) dan nama cabang wajib ada.")
        out.append(PublicKeyRecord(key_id, public_key, code, name.strip(), created, "imported", retired))
    return out


class SigningKey:
    """The private key that signs new cards; only ``sign`` leaves this object."""

    def __init__(self, private: Ed25519PrivateKey) -> None:
        self._private = private
        self.public_key = _raw_public(private.public_key())
        self.key_id = key_id_for(self.public_key)

    def sign(self, message: bytes) -> bytes:
        return self._private.sign(message)


class CardKeyStore:
    """The card keys folder: this counter's signing keys and the public keys it trusts."""

    def __init__(self, keys_dir: Path) -> None:
        self.signing_dir = keys_dir / "card-signing"
        self.trusted_dir = keys_dir / "card-trusted"
        self._current = self.signing_dir / "current"

    # --- signing keys ------------------------------------------------------------------------

    def current(self) -> SigningKey | None:
        try:
            key_id = self._current.read_text(encoding="ascii").strip()
            text = (self.signing_dir / f"{key_id}.key").read_text(encoding="ascii").strip()
        except FileNotFoundError:
            return None
        return SigningKey(Ed25519PrivateKey.from_private_bytes(bytes.fromhex(text)))

    def _write_key(self) -> SigningKey:
        private = Ed25519PrivateKey.generate()
        raw = private.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
        key = SigningKey(private)
        write_private(self.signing_dir / f"{key.key_id}.key", raw.hex().encode("ascii") + b"\n")
        if os.name == "posix":
            self.signing_dir.chmod(0o700)
        return key

    def create(self, *, branch_code: str, branch_name: str, now: dt.datetime) -> tuple[SigningKey, bool]:
        """The current key, creating the first one if there is none. → (key, created)."""
        existing = self.current()
        if existing is not None:
            return existing, False
        key = self._write_key()
        try:
            fd = os.open(self._current, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            # Another process made the first key at the same moment: sign with theirs.
            (self.signing_dir / f"{key.key_id}.key").unlink(missing_ok=True)
            theirs = self.current()
            assert theirs is not None
            return theirs, False
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(key.key_id + "\n")
        self.trust(PublicKeyRecord(key.key_id, key.public_key, branch_code, branch_name, now, "own"))
        return key, True

    def rotate(
        self, *, branch_code: str, branch_name: str, now: dt.datetime
    ) -> tuple[SigningKey, str | None]:
        """Make a new current key; the old public key stays trusted, its private key is deleted."""
        old = self.current()
        key = self._write_key()
        write_private(self._current, (key.key_id + "\n").encode("ascii"))
        self.trust(PublicKeyRecord(key.key_id, key.public_key, branch_code, branch_name, now, "own"))
        if old is not None:
            (self.signing_dir / f"{old.key_id}.key").unlink(missing_ok=True)
            record = self.trusted().get(old.key_id)
            if record is not None and record.retired_at is None:
                self.trust(
                    PublicKeyRecord(
                        record.key_id,
                        record.public_key,
                        record.branch_code,
                        record.branch_name,
                        record.created_at,
                        record.origin,
                        now,
                    )
                )
        return key, old.key_id if old else None

    # --- keyring ---------------------------------------------------------------------------------

    def trust(self, record: PublicKeyRecord) -> None:
        self.trusted_dir.mkdir(parents=True, exist_ok=True)
        data = record.export() | {"origin": record.origin}
        path = self.trusted_dir / f"{record.key_id}.json"
        tmp = path.with_name(path.name + f".tmp{os.getpid()}")
        tmp.write_text(json.dumps(data, indent=2), encoding="utf-8")
        os.replace(tmp, path)

    def trusted(self) -> dict[str, PublicKeyRecord]:
        out: dict[str, PublicKeyRecord] = {}
        if not self.trusted_dir.is_dir():
            return out
        for path in sorted(self.trusted_dir.glob("*.json")):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                (record,) = parse_export(data)
            except (OSError, ValueError):
                continue  # a damaged or foreign file is not trusted
            if record.key_id != path.stem:
                continue
            origin = data.get("origin") if data.get("origin") in ("own", "imported") else "imported"
            out[record.key_id] = PublicKeyRecord(
                record.key_id,
                record.public_key,
                record.branch_code,
                record.branch_name,
                record.created_at,
                origin,
                record.retired_at,
            )
        return out
