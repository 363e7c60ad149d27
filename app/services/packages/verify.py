"""Reading a package at the branch: signature and hashes (``container``), then where it comes from
and what it carries (``app.domain.package_rules``). One problem refuses the whole package, every
problem is listed, and nothing is merged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.domain.issues import DomainError, Issue
from app.domain.membership import parse_number
from app.domain.messages import msg
from app.domain.package_rules import change_issues, provenance_issues, record_issues
from app.domain.roles import Permission
from app.services.auth import authorize
from app.services.card_keys import require_branch, trusted_keys
from app.services.context import ServiceContext
from app.services.dto import Actor
from app.services.packages.container import open_signed
from app.services.packages.dto import PackageInfo, VerifiedPackage
from app.services.packages.format import FORMAT, PARTS, PARTS_BY_VERSION, refused


def verify_package(ctx: ServiceContext, path: Path) -> VerifiedPackage:
    """Check signature and hashes without merging anything; ``DomainError`` says what is wrong."""
    signed = open_signed(
        path, fmt=FORMAT, parts_by_version=PARTS_BY_VERSION, trusted=trusted_keys(ctx), id_field="package_id"
    )
    manifest, record = signed.manifest, signed.key
    code, name = str(manifest["source"]["code"]), str(manifest["source"]["name"])
    try:
        start = dt.date.fromisoformat(manifest["period"]["from"])
        end = dt.date.fromisoformat(manifest["period"]["to"])
        sync = manifest.get("sync") or {}
        home = str(sync["home"]) if sync.get("home") else None
        seen = sync.get("seen_seq")
        if seen is not None and (not isinstance(seen, int) or isinstance(seen, bool) or seen < 0):
            raise ValueError(seen)
    except (KeyError, TypeError, ValueError) as exc:
        raise refused("package.manifest", "manifest.json tidak lengkap.") from exc
    parts = {p: signed.parts.get(p, []) for p in PARTS}  # a version-1 package has no changes
    for m in parts["members.json"]:
        parsed = parse_number(str(m.get("number", "")))
        if isinstance(parsed, Issue):
            raise refused(
                "package.number", msg("Nomor peserta {m} di paket tidak sah.", m=str(m.get("number"))[:20])
            )
    # Where it comes from (key and numbers), then what it carries (the intake form's own rules):
    # one problem refuses the whole package, every problem is listed.
    problems = provenance_issues(code, name, record.key_id, record.branch_code, record.branch_name, parts)
    problems += change_issues(code, parts)
    if not problems:
        problems = record_issues(parts, regions=ctx.regions, reference=ctx.reference)
    if problems:
        raise DomainError(problems)
    counts = {p.removesuffix(".json"): len(parts[p]) for p in PARTS}
    info = PackageInfo(
        path,
        str(manifest["package_id"]),
        code,
        name,
        record.key_id,
        start,
        end,
        signed.created,
        counts,
        signed.digest,
        home=home,
        seen_seq=seen,
    )
    return VerifiedPackage(info, parts)


def check_addressed_here(ctx: ServiceContext, info: PackageInfo) -> None:
    """A package from this branch's own prefix, or from a laptop of another branch, is refused."""
    branch = require_branch(ctx)
    if info.source_code == branch.code:
        raise refused(
            "package.same_branch",
            msg(
                "Paket berasal dari kode {source_code}, sama dengan cabang ini. Setiap laptop jemput bola harus diatur dengan kode 3 digit sendiri (loket branch setup --code …) agar nomor peserta tidak bentrok.",
                source_code=info.source_code,
            ),
        )
    if info.home is not None and info.home != branch.code:
        raise refused(
            "package.other_branch",
            msg(
                "Paket ini dari laptop {source_code} milik cabang {home}, bukan cabang {code}. Bawa paket ke cabangnya sendiri; tidak ada yang digabung di sini.",
                source_code=info.source_code,
                home=info.home,
                code=branch.code,
            ),
        )


def check_package(ctx: ServiceContext, supervisor: Actor, path: Path) -> VerifiedPackage:
    """``loket import-package --check``: everything the import checks, nothing merged (supervisor)."""
    authorize(ctx, supervisor, Permission.APPROVE)
    pkg = verify_package(ctx, path)
    check_addressed_here(ctx, pkg.info)
    return pkg
