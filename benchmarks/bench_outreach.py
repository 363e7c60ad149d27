"""Outreach sync: a branch merges a laptop package carrying 10,000 corrections (one per member),
beside a bare-SQL floor measured in the same run on a copy of the same branch database.

Set-up (not timed): a laptop (201) with ``N`` members (``demo.seed_members``) sends them to the branch
(101) in a first package; then a second package is built and signed with the laptop's key carrying
``N`` approved corrections (a new phone number and address each), as the laptop's own export would.

- **merge**: ``packages.import_package`` of that package: signature and hashes, every record through
  the intake rules, each correction through the correction rules, kept as a correction of the
  branch with its two audit events, one transaction.
- **floor**: ``sqlite3`` alone on a copy of the branch database taken just before: one transaction
  of ``executemany`` UPDATE member + INSERT member_correction + INSERT member_correction_change —
  the rows the merge must write at the least, with no checks and no audit.
- **verify only**: ``packages.verify_package`` (what ``import-package --check`` does), beside the
  floor of reading the zip, hashing and parsing its parts and checking one Ed25519 signature.

``run(smoke=True)``: 200 changes, the same code paths.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import sqlite3
import time
import zipfile
from pathlib import Path
from typing import Any

from benchmarks.harness import BENCH_PASSWORD, Row, temp_home

CHANGES, SMOKE_CHANGES = 10_000, 200


class _Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


def _side(home: Path, code: str, name: str, clock: _Clock) -> tuple[Any, Any]:
    from app.bootstrap import open_app
    from app.services import auth, branch

    opened = open_app(home=str(home), clock=clock, counter=f"BENCH-{code}")
    branch.setup_branch(opened.ctx, code=code, name=name, timezone="Asia/Jakarta")
    auth.create_first_supervisor(
        opened.ctx, username="bench", full_name="Bangku Panjang", password=BENCH_PASSWORD
    )
    return opened, auth.login(opened.ctx, "bench", BENCH_PASSWORD)


def corrections_package(laptop: Any, actor: Any, first: Path, out: Path, n: int) -> Path:
    """The second package: the first one's members, each with one approved correction (new phone
    and address), signed with the laptop's key (what its outbox export would carry)."""
    from app.services import card_keys
    from app.services.branch import current_branch
    from app.services.packages.container import write_signed
    from app.services.packages.format import FORMAT, PARTS, VERSION

    with zipfile.ZipFile(first) as zf:
        parts = {name: json.loads(zf.read(name)) for name in PARTS}
        manifest = json.loads(zf.read("manifest.json"))
    members = parts["members.json"][:n]
    keep = {str(m["number"]) for m in members}
    officer = parts["officers.json"][0]["id"] if parts["officers.json"] else actor.id
    corrections = []
    now = laptop.ctx.clock().isoformat()
    for i, m in enumerate(members, start=1):
        phone, address = f"+62813{i:08d}", f"DUSUN {i % 9 + 1} RT {i % 30 + 1:03d}/RW 00{i % 7 + 1}"
        corrections.append(
            {
                "ref": i,
                "member": m["number"],
                "changes": {
                    "no_hp": {"old": m["no_hp"], "new": phone},
                    "alamat": {"old": m["alamat"], "new": address},
                },
                "reason": "Nomor HP dan alamat baru, KTP dilihat",
                "confirm_mismatch": False,
                "proposed_by": officer,
                "proposed_at": now,
                "decided_by": officer,
                "decided_at": now,
                "seen": None,
            }
        )
        m["no_hp"], m["alamat"] = phone, address
    second = {
        "officers.json": parts["officers.json"],
        "members.json": members,
        "heirs.json": [h for h in parts["heirs.json"] if str(h["member"]) in keep],
        "enrolments.json": [e for e in parts["enrolments.json"] if str(e["member"]) in keep],
        "payments.json": [],
        "payment_months.json": [],
        "cards.json": [],
        "audit_events.json": [],
        "corrections.json": corrections,
        "deactivations.json": [],
    }
    key = card_keys.signing_key(laptop.ctx, current_branch(laptop.ctx))  # type: ignore[arg-type]
    head = {
        "format": FORMAT,
        "version": VERSION,
        "package_id": hashlib.md5(out.name.encode()).hexdigest(),  # noqa: S324 - an id, not a secret
        "created_at": now,
        "source": manifest["source"],
        "period": manifest["period"],
        "exported_by": actor.username,
        "sync": {**manifest["sync"], "mode": "outbox"},
    }
    write_signed(laptop.ctx.paths, out, head, second, key)
    return out


def _floor(db: Path, rows: list[dict[str, Any]], officer: int) -> float:
    """The least the merge must write, with sqlite3 alone, in one transaction."""
    con = sqlite3.connect(db, isolation_level=None)
    try:
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        ids = dict(con.execute("SELECT number, id FROM member"))
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")
        t0 = time.perf_counter()
        con.execute("BEGIN IMMEDIATE")
        con.executemany(
            "UPDATE member SET no_hp = ?, alamat = ? WHERE number = ?",
            [(r["changes"]["no_hp"]["new"], r["changes"]["alamat"]["new"], r["member"]) for r in rows],
        )
        first = int(con.execute("SELECT coalesce(max(id), 0) FROM member_correction").fetchone()[0]) + 1
        con.executemany(
            "INSERT INTO member_correction (id, member_id, status, reason, confirm_mismatch, proposed_by_id, "
            "proposed_at, decided_by_id, decided_at) VALUES (?, ?, 'APPROVED', ?, 0, ?, ?, ?, ?)",
            [
                (first + i, ids[r["member"]], r["reason"], officer, now, officer, now)
                for i, r in enumerate(rows)
            ],
        )
        con.executemany(
            "INSERT INTO member_correction_change (correction_id, field, old_value, new_value) VALUES (?, ?, ?, ?)",
            [(first + i, f, v["old"], v["new"]) for i, r in enumerate(rows) for f, v in r["changes"].items()],
        )
        con.execute("COMMIT")
        return time.perf_counter() - t0
    finally:
        con.close()


def _verify_floor(path: Path, public_key: bytes) -> float:
    """zipfile + hashlib + json + one Ed25519 signature: reading a signed package, nothing judged."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    t0 = time.perf_counter()
    with zipfile.ZipFile(path) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    Ed25519PublicKey.from_public_bytes(public_key).verify(
        base64.b64decode(files["manifest.sig"]), files["manifest.json"]
    )
    for name, blob in files.items():
        if name.endswith(".json") and name != "manifest.json":
            hashlib.sha256(blob).hexdigest()
            json.loads(blob)
    return time.perf_counter() - t0


def run(smoke: bool = False) -> list[Row]:
    from app.services import card_keys, demo, packages
    from app.services.packages.verify import verify_package

    n = SMOKE_CHANGES if smoke else CHANGES
    clock = _Clock(dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC))
    with temp_home("loket-bench-outreach-") as root:
        branch, siti = _side(root / "cabang", "101", "KC Palembang", clock)
        laptop, rina = _side(root / "laptop", "201", "Jemput Bola 1 KC Palembang", clock)
        card_keys.import_keys(branch.ctx, siti, card_keys.export_keys(laptop.ctx))
        demo.seed_members(laptop.ctx, rina, n, spread_days=30)
        first = packages.export_package(laptop.ctx, rina, path=root / "p1.lpkg").path
        imported = packages.import_package(branch.ctx, siti, first, password=BENCH_PASSWORD)
        assert imported.members_added == n, imported
        second = corrections_package(laptop, rina, first, root / "p2.lpkg", n)
        rows = json.loads(zipfile.ZipFile(second).read("corrections.json"))
        db = Path(branch.database_url.split(":///", 1)[1])
        floor_db = root / "floor.sqlite3"
        src = sqlite3.connect(db)
        dst = sqlite3.connect(floor_db)
        src.backup(dst)
        src.close()
        dst.close()
        officer = int(
            sqlite3.connect(floor_db).execute("SELECT id FROM officer WHERE username = 'bench'").fetchone()[0]
        )
        floor = _floor(floor_db, rows, officer)
        key = card_keys.trusted_keys(branch.ctx)
        record = next(r for r in key.values() if r.branch_code == "201")
        verify_floor = min(_verify_floor(second, record.public_key) for _ in range(3))
        t0 = time.perf_counter()
        verify_package(branch.ctx, second)
        verify_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        merged = packages.import_package(branch.ctx, siti, second, password=BENCH_PASSWORD)
        merge_s = time.perf_counter() - t0
        assert merged.corrections_applied == n and not merged.conflicts, merged
        size = second.stat().st_size / 1024 / 1024
        branch.ctx.engine.dispose()
        laptop.ctx.engine.dispose()
    label = f"{n:,}"
    return [
        Row(
            f"outreach: merge a package of {label} corrections (import_package)",
            merge_s,
            "s",
            floor,
            "sqlite3 executemany UPDATE + INSERT, 1 txn",
            "report",
        ),
        Row("  per correction", merge_s / n * 1000, "ms", floor / n * 1000, "sqlite3, same rows", "report"),
        Row(
            f"outreach: verify the package ({label} corrections + members, intake rules)",
            verify_s,
            "s",
            verify_floor,
            "zipfile + sha256 + json + 1 Ed25519 verify",
            "report",
        ),
        Row("  package size (zip, deflated)", size, "MiB", target="report"),
    ]
