"""Validation findings shared by the form, the CLI, imports and scripts."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.messages import params_of


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding about one field: a stable code and an Indonesian message.

    ``field`` is the intake-record key (``nik``, ``nama`` …); ``code`` is stable across
    releases (``nik.province``) so scripts and reports can rely on it.
    """

    field: str
    code: str
    message: str

    @property
    def params(self) -> dict[str, str]:
        """The values the message was made from (``app.domain.messages``); empty for a constant one."""
        return params_of(self.message)

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "code": self.code, "message": str(self.message)}


class DomainError(Exception):
    """A rule was broken; carries the findings so every caller reports them the same way."""

    def __init__(self, issues: list[Issue] | Issue) -> None:
        self.issues: list[Issue] = [issues] if isinstance(issues, Issue) else list(issues)
        super().__init__("; ".join(f"{i.code}: {i.message}" for i in self.issues))
