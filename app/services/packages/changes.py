"""The laptop's corrections and deactivations, applied at the branch or held for a supervisor.

Each change carries ``seen``: the branch's audit head in the last answer the laptop had imported
when the change was made. A member the branch changed itself after that (``state.branch_changes``),
or whose record here no longer matches what the laptop changed from, or that already waits in a
conflict, is **changed on both sides**: all the laptop's changes to it go into one conflict
(``changed_both``), merged field by field by a supervisor (``conflicts.merge_conflict``). The
others are applied through the correction and deactivation services' own rules, each kept as a
correction of this branch with the laptop's reason and officers, and audited. A change already
received (same laptop, same id) is skipped, so a package imported twice changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db.day_models import PackageConflict
from app.db.ids import local_part
from app.db.models import Member
from app.db.sync_models import PackageChange
from app.domain.issues import DomainError, Issue
from app.domain.member_merge import STATUS
from app.domain.messages import msg
from app.domain.states import ConflictStatus, RecordStatus
from app.services.audit import AuditItem, append_events
from app.services.context import ServiceContext
from app.services.corrections import DecidedCorrection, decide_correction
from app.services.deactivation import close_member
from app.services.dto import Actor
from app.services.packages.dto import VerifiedPackage
from app.services.packages.merge import RecordMerge
from app.services.packages.state import branch_changes, member_state, record_state

# A laptop value the branch refuses only because of what is here (not because it is malformed):
# held for the supervisor rather than refusing the whole package.
HELD_CODES = frozenset({"nik.duplicate"})
BATCH = 500  # corrections decided before one flush


@dataclass
class _Change:
    kind: str  # correction | deactivation
    row: dict[str, Any]

    @property
    def ref(self) -> int:
        return int(self.row["ref"])

    @property
    def at(self) -> str:
        return str(self.row.get("decided_at") or self.row.get("at") or "")

    @property
    def seen(self) -> int:
        return int(self.row.get("seen") or 0)


@dataclass
class ChangeOutcome:
    """What applying a package's corrections and deactivations did: applied, already done, held, conflicts."""

    applied_corrections: int = 0
    applied_deactivations: int = 0
    already: int = 0
    held: int = 0
    conflicts: list[PackageConflict] = field(default_factory=list)  # changed_both, new or extended


class ChangeMerge:
    """The package's changes, after its records (``RecordMerge``), in the same transaction."""

    def __init__(
        self,
        session: Session,
        ctx: ServiceContext,
        pkg: VerifiedPackage,
        by: Actor,
        records: RecordMerge,
        record_conflicts: Mapping[str, PackageConflict],
    ) -> None:
        self.s, self.ctx, self.pkg, self.by, self.records = session, ctx, pkg, by, records
        self.code = pkg.info.source_code
        self.record_conflicts = record_conflicts  # number -> nik_both/number_taken conflict of this package
        self.out = ChangeOutcome()
        self.items: list[AuditItem] = []
        self.problems: list[Issue] = []
        self.origin = {"package": pkg.info.package_id, "source": self.code}
        self.open: dict[str, PackageConflict] = {}  # number -> its open changed_both conflict
        self.decided: list[tuple[DecidedCorrection, _Change]] = []

    def run(self) -> ChangeOutcome:
        groups = self._new_changes()
        existing_ids = [
            self.records.members[n]
            for n in groups
            if n in self.records.members and n not in self.records.inserted
        ]
        lowest = min((c.seen for changes in groups.values() for c in changes), default=0)
        since = branch_changes(self.s, existing_ids, lowest)
        waiting = self.open = self._waiting_conflicts(list(groups))
        laptop = {str(m["number"]): m for m in self.pkg.parts["members.json"]}
        loaded = self._load_members([self.records.members[n] for n in groups if n in self.records.members])
        for number, changes in groups.items():
            changes.sort(key=lambda c: (c.at, c.kind, c.ref))
            if number in self.record_conflicts:
                self._record(changes, "CONFLICT", conflict=self.record_conflicts[number])
                self.out.held += len(changes)
                continue
            member_id = self.records.members[number]
            m = loaded[member_id]
            if number in self.records.inserted:
                self._inserted(m, changes)
                continue
            ours = since.get(member_id, [])
            both = number in waiting or any(ch.seq > c.seen for c in changes for ch in ours)
            if both or not self._fits(member_state(self.s, m), changes):
                self._hold(number, m, laptop[number], changes)
                continue
            self._apply(m, changes, laptop[number])
        self._flush_decided()
        if self.problems:
            raise DomainError(self.problems)
        append_events(self.s, self.ctx, actor=self.by, events=self.items)
        return self.out

    # ---- reading ---------------------------------------------------------------------------------
    def _load_members(self, ids: list[int]) -> dict[int, Member]:
        """The members the changes are about, read in chunks rather than row by row."""
        out: dict[int, Member] = {}
        for i in range(0, len(ids), 2000):
            out.update(
                (m.id, m)
                for m in self.s.execute(select(Member).where(Member.id.in_(ids[i : i + 2000]))).scalars()
            )
        return out

    def _new_changes(self) -> dict[str, list[_Change]]:
        parts = self.pkg.parts
        every = [_Change("correction", r) for r in parts["corrections.json"]] + [
            _Change("deactivation", r) for r in parts["deactivations.json"]
        ]
        known = set(
            self.s.execute(
                select(PackageChange.kind, PackageChange.source_ref).where(
                    PackageChange.source_code == self.code
                )
            ).all()
        )
        groups: dict[str, list[_Change]] = {}
        for c in every:
            if (c.kind, c.ref) not in known:
                groups.setdefault(str(c.row["member"]), []).append(c)
        return groups

    def _waiting_conflicts(self, numbers: list[str]) -> dict[str, PackageConflict]:
        if not numbers:
            return {}
        rows = self.s.execute(
            select(PackageConflict).where(
                PackageConflict.kind == "changed_both",
                PackageConflict.status == ConflictStatus.OPEN,
                PackageConflict.number.in_(numbers),
            )
        ).scalars()
        return {c.number: c for c in rows}

    @staticmethod
    def _fits(state: dict[str, str | None], changes: list[_Change]) -> bool:
        """Whether the laptop's changes follow on from the branch's record, one after the other."""
        sim = dict(state)
        for c in changes:
            if c.kind == "deactivation":
                if sim[STATUS] == RecordStatus.ACTIVE:
                    sim[STATUS] = str(c.row["reason"])
                continue
            for f, values in c.row["changes"].items():
                old, new = values.get("old"), values.get("new")
                if sim.get(f) == new:
                    continue
                if sim.get(f) != old:
                    return False
                sim[f] = new
        return True

    # ---- writing ---------------------------------------------------------------------------------
    def _record(
        self,
        changes: list[_Change],
        outcome: str,
        *,
        conflict: PackageConflict | None = None,
        correction_id: int | None = None,
        deactivation_id: int | None = None,
    ) -> None:
        for c in changes:
            self.s.add(
                PackageChange(
                    package_id=self.pkg.info.package_id,
                    source_code=self.code,
                    kind=c.kind,
                    source_ref=c.ref,
                    member_number=str(c.row["member"]),
                    outcome=outcome,
                    correction_id=correction_id,
                    deactivation_id=deactivation_id,
                    conflict_id=conflict.id if conflict is not None else None,
                    record=json.dumps(c.row, ensure_ascii=False, sort_keys=True),
                )
            )

    def _inserted(self, m: Member, changes: list[_Change]) -> None:
        """A member first merged by this package already carries the laptop's latest record; only a
        duplicate merge on the laptop (stored here as active) remains to be done."""
        for c in changes:
            if c.kind == "deactivation" and m.record_status == RecordStatus.ACTIVE:
                self._apply(m, [c])
            else:
                self._record([c], "ALREADY")
                self.out.already += 1

    def _laptop_officer(self, ref: Any) -> int:
        return self.records.officer(ref)

    def _apply(self, m: Member, changes: list[_Change], record: dict[str, Any] | None = None) -> None:
        for i, c in enumerate(changes):
            if c.kind == "deactivation":
                self._flush_decided()
                self._deactivate(m, c)
                continue
            here = member_state(self.s, m)
            wanted = {f: v.get("new") for f, v in c.row["changes"].items() if here.get(f) != v.get("new")}
            if not wanted:
                self._record([c], "ALREADY")
                self.out.already += 1
                continue
            if "nik" in wanted:
                self._flush_decided()  # the NIK check must see every NIK decided before it
            try:
                with self.s.no_autoflush:  # decided in batches, flushed together (_flush_decided)
                    decided = decide_correction(
                        self.s,
                        self.ctx,
                        m,
                        wanted,
                        reason=f"{c.row['reason']} (laptop {self.code})",
                        proposed_by_id=self._laptop_officer(c.row.get("proposed_by")),
                        decided_by_id=self._laptop_officer(c.row.get("decided_by")),
                        confirm_mismatch=bool(c.row.get("confirm_mismatch")),
                        origin={**self.origin, "laptop_ref": c.ref},
                    )
            except DomainError as exc:
                if record is not None and all(x.code in HELD_CODES for x in exc.issues):
                    # What is here stops it, not the value itself: the rest waits with it.
                    self._hold(m.number, m, record, changes[i:], exc.issues)
                    return
                self.problems.extend(
                    Issue(
                        f"koreksi {local_part(c.ref)} peserta {m.number}",
                        x.code,
                        msg("{field}: {message}", field=x.field, message=x.message),
                    )
                    for x in exc.issues
                )
                continue
            self.decided.append((decided, c))
            if len(self.decided) >= BATCH:
                self._flush_decided()

    def _flush_decided(self) -> None:
        """Write the corrections decided so far at once, then record them with their events."""
        if not self.decided:
            return
        self.s.flush()
        for decided, c in self.decided:
            self.items.extend(decided.finish(self.s))
            self._record([c], "APPLIED", correction_id=decided.correction.id)
            self.out.applied_corrections += 1
        self.decided.clear()

    def _deactivate(self, m: Member, c: _Change) -> None:
        if m.record_status != RecordStatus.ACTIVE:
            self._record([c], "ALREADY")
            self.out.already += 1
            return
        target = None
        if c.row.get("into"):
            target = self.s.execute(
                select(Member).where(Member.number == str(c.row["into"]))
            ).scalar_one_or_none()
            if target is None:
                self.problems.append(
                    Issue(
                        f"penonaktifan {local_part(c.ref)} peserta {m.number}",
                        "package.change_target",
                        msg(
                            "Peserta {number} digabung di laptop ke {into}, yang belum ada di cabang ini. Impor dulu paket yang memuat peserta tujuan itu.",
                            number=m.number,
                            into=c.row["into"],
                        ),
                    )
                )
                return
        try:
            row, _dto = close_member(
                self.s,
                self.ctx,
                self.by,
                m,
                str(c.row["reason"]),
                note=f"{c.row.get('note') or ''} (laptop {self.code})".strip(),
                target=target,
                origin={**self.origin, "laptop_ref": c.ref},
            )
        except DomainError as exc:
            self.problems.extend(
                Issue(f"penonaktifan {local_part(c.ref)} peserta {m.number}", i.code, i.message)
                for i in exc.issues
            )
            return
        self._record([c], "APPLIED", deactivation_id=row.id)
        self.out.applied_deactivations += 1

    def _hold(
        self,
        number: str,
        m: Member,
        record: dict[str, Any],
        changes: list[_Change],
        issues: list[Issue] | None = None,
    ) -> None:
        """Into the member's one open ``changed_both`` conflict (made, or extended with the laptop's
        newer record and these changes)."""
        conflict = self.open.get(number)
        closed_as = next((str(c.row["reason"]) for c in reversed(changes) if c.kind == "deactivation"), None)
        data = json.loads(conflict.record) if conflict is not None else {"changes": [], "seen": None}
        seen = [c.seen for c in changes] + ([int(data["seen"])] if data.get("seen") is not None else [])
        closed_before = data.get("laptop_state", {}).get(STATUS) if conflict is not None else None
        state = record_state(record, closed_as)
        if closed_as is None and closed_before not in (None, "ACTIVE"):
            state[STATUS] = closed_before
        refs = {c.row.get(k) for c in changes for k in ("proposed_by", "decided_by", "by")} - {None}
        known = {int(o["id"]): o for o in data.get("officers", [])}
        known.update({int(o["id"]): o for o in self.pkg.parts["officers.json"] if o.get("id") in refs})
        data.update(
            officers=[known[k] for k in sorted(known)],
            member=record,
            laptop_state=state,
            seen=min(seen),
            changes=[*data["changes"], *({"kind": c.kind, **c.row} for c in changes)],
            problems=[*data.get("problems", []), *(i.as_dict() for i in issues or [])],
        )
        text = json.dumps(data, ensure_ascii=False, sort_keys=True)
        if conflict is None:
            conflict = PackageConflict(
                package_id=self.pkg.info.package_id,
                kind="changed_both",
                number=number,
                local_number=m.number,
                record=text,
                status=ConflictStatus.OPEN,
                created_at=self.ctx.clock(),
            )
            self.s.add(conflict)
            self.open[number] = conflict
        else:
            conflict.record = text
        self.s.flush()
        if conflict not in self.out.conflicts:
            self.out.conflicts.append(conflict)
        self._record(changes, "CONFLICT", conflict=conflict)
        self.out.held += len(changes)
