"""Read a KTP picture into intake fields (use case): OCR offline, cross-check, audit that a card was read.

The picture is read in memory and never written anywhere; the audit event records the fact of the
reading (how many fields, how many unsure, whether the NIK agreed with the card), never the picture
nor the personal data read from it.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from app.domain.clock import business_date
from app.domain.ktp_reading import KtpReading, RegionTree, read_card
from app.domain.progress import NEVER, CancelToken, ProgressSink, no_progress
from app.domain.regions import default_regions
from app.infra.ktp_image import KtpImageError
from app.infra.ktp_ocr import EngineUnavailableError, LineEngine, default_engine
from app.infra.ktp_reader import read_lines
from app.services.audit import append_event
from app.services.branch import cached_branch
from app.services.context import ServiceContext
from app.services.dto import Actor

__all__ = ["EngineUnavailableError", "KtpImageError", "KtpReading", "read_ktp", "reader_available"]


def _tree(ctx: ServiceContext) -> RegionTree:
    """The context's regions when they can list children (Kemendagri's do; a test's small fake may not)."""
    regions = ctx.regions
    return regions if isinstance(regions, RegionTree) else default_regions()


def reader_available() -> str | None:
    """None when the reader can run here; else why not (Indonesian)."""
    try:
        default_engine()
    except EngineUnavailableError as exc:
        return str(exc)
    return None


def read_ktp(
    ctx: ServiceContext,
    actor: Actor | None,
    data: bytearray | bytes,
    *,
    engine_factory: Callable[[], LineEngine] | None = None,
    progress: ProgressSink = no_progress,
    cancel: CancelToken = NEVER,
    audit: bool = True,
) -> KtpReading:
    """Read the KTP in ``data`` (an encoded image). A ``bytearray`` is zeroed once read.

    Raises ``KtpImageError`` for a file that is not a readable picture and
    ``EngineUnavailableError`` when the reader's component is not installed.
    """
    try:
        engine = (engine_factory or default_engine)()
        found = read_lines(engine, data, progress=progress, cancel=cancel)  # no copy left behind
    finally:
        if isinstance(data, bytearray):
            data[:] = bytes(len(data))
    today = business_date(ctx.clock(), _timezone(ctx))
    reading = read_card(
        found.lines,
        today=today,
        regions=ctx.regions,
        tree=_tree(ctx),
        occupations=ctx.reference.occupations,
        card_found=found.card_found,
    )
    if audit:

        def work(session: Session) -> None:
            append_event(
                session,
                ctx,
                actor=actor,
                action="ktp.read",
                entity="ktp",
                details={
                    "fields": sum(1 for f in reading.fields if f.value),
                    "unsure": len(reading.unsure),
                    "checks_failed": [c.code for c in reading.checks if not c.ok],
                    "card_found": reading.card_found,
                },
            )

        ctx.write(work)
    return reading


def _timezone(ctx: ServiceContext) -> str:
    branch = cached_branch(ctx)
    return branch.timezone if branch else "Asia/Jakarta"  # before the branch is set up
