"""Merging one member changed on an outreach laptop and at the branch: field by field.

The laptop's record and the branch's are laid side by side. Only the fields where they differ are
decided; for each, the supervisor takes the laptop's value or the branch's. A field changed on one
side only starts on that side's value (the other side merely did not know); a field changed on both
sides starts undecided, and the merge is refused until every such field is chosen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from app.domain.intake import LABELS
from app.domain.issues import Issue
from app.domain.messages import msg

# The identity fields a correction may change (the member's enrolment terms are not corrected).
CORRECTABLE = (
    "nik",
    "nama",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "nama_ibu",
    "alamat",
    "no_hp",
    "kode_wilayah",
)
STATUS = "record_status"  # the member's standing, decided like a field
STATUS_LABEL = "Status peserta"
# What a deactivation reason reads as, beside the member's standing.
STATUS_WORDS = {
    "ACTIVE": "aktif",
    "MENINGGAL": "nonaktif: meninggal",
    "LUAR_NEGERI": "nonaktif: pindah ke luar negeri",
    "DUPLIKAT": "nonaktif: duplikat digabung",
    "DEACTIVATED": "nonaktif",
    "MERGED": "digabung",
}


class Side(StrEnum):
    """The two records a merge weighs: the laptop's and the branch's; a field takes one side's value."""

    LAPTOP = "laptop"
    BRANCH = "cabang"


SIDE_WORDS = {
    "laptop": Side.LAPTOP,
    "l": Side.LAPTOP,
    "cabang": Side.BRANCH,
    "c": Side.BRANCH,
    "branch": Side.BRANCH,
}


@dataclass(frozen=True, slots=True)
class FieldSides:
    """One field that differs: both values, who changed it since the laptop's last sync."""

    field: str
    label: str
    laptop: str | None
    branch: str | None
    laptop_changed: bool
    branch_changed: bool

    @property
    def only_branch(self) -> bool:
        """A standing the branch has closed, or a laptop that did not close it: the branch's stays
        (a member is never reopened, nor closed twice, by a merge)."""
        return self.field == STATUS and (self.laptop == "ACTIVE" or self.branch != "ACTIVE")

    @property
    def default(self) -> Side | None:
        """Where the choice starts: the side that changed it; undecided when both did."""
        if self.only_branch:
            return Side.BRANCH
        if self.laptop_changed and not self.branch_changed:
            return Side.LAPTOP
        if self.branch_changed and not self.laptop_changed:
            return Side.BRANCH
        return None

    @property
    def both_changed(self) -> bool:
        return self.laptop_changed and self.branch_changed


def shown(field: str, value: str | None) -> str:
    """A value as the supervisor reads it (a standing in words, an empty field as a dash)."""
    if field == STATUS:
        return STATUS_WORDS.get(value or "", value or "—")
    return value or "—"


def label_of(field: str) -> str:
    return STATUS_LABEL if field == STATUS else LABELS.get(field, field)


def compare(
    laptop: Mapping[str, str | None],
    branch: Mapping[str, str | None],
    *,
    laptop_changed: set[str],
    branch_changed: set[str],
) -> tuple[FieldSides, ...]:
    """The fields (identity fields, then status) where the two records differ."""
    out = []
    for f in (*CORRECTABLE, STATUS):
        a, b = laptop.get(f), branch.get(f)
        if (a or None) == (b or None):
            continue
        out.append(FieldSides(f, label_of(f), a, b, f in laptop_changed, f in branch_changed))
    return tuple(out)


def decide(fields: Sequence[FieldSides], choices: Mapping[str, str]) -> tuple[dict[str, Side], list[Issue]]:
    """The supervisor's choices checked against the differing fields: every field chosen (or
    started on a side), nothing chosen that does not differ, only ``laptop``/``cabang``."""
    by_field = {f.field: f for f in fields}
    issues: list[Issue] = []
    decided: dict[str, Side] = {}
    for name, word in choices.items():
        if name not in by_field:
            issues.append(
                Issue(
                    str(name)[:40],
                    "merge.field",
                    msg(
                        "Kolom '{name}' tidak berbeda antara laptop dan cabang; tidak perlu dipilih.",
                        name=str(name)[:40],
                    ),
                )
            )
            continue
        side = SIDE_WORDS.get(str(word).strip().lower())
        if side is None:
            issues.append(
                Issue(
                    name,
                    "merge.side",
                    msg("{label_of}: pilih 'laptop' atau 'cabang'.", label_of=label_of(name)),
                )
            )
            continue
        if side is Side.LAPTOP and by_field[name].only_branch:
            issues.append(
                Issue(
                    name,
                    "merge.status",
                    "Status peserta di cabang tetap: penggabungan tidak mengaktifkan kembali atau menutup dua kali.",
                )
            )
            continue
        decided[name] = side
    for f in fields:
        if f.field in decided:
            continue
        if f.default is None:
            issues.append(
                Issue(
                    f.field,
                    "merge.undecided",
                    msg("{label} diubah di laptop dan di cabang: pilih salah satu.", label=f.label),
                )
            )
        else:
            decided[f.field] = f.default
    return decided, issues
