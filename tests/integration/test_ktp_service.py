"""The read-a-KTP use case: audited without the picture or its data, the bytes wiped, the engine optional."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.cli.selftest import _read_sample_ktp
from app.db.models import AuditEvent
from app.domain.progress import CancelFlag, Cancelled
from app.infra import ktp_ocr
from app.services import ktp

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "ktp" / "contoh-ktp.jpg"
EXPECTED = json.loads(SAMPLE.with_suffix(".json").read_text("utf-8"))["fields"]


def test_reading_is_audited_without_the_picture_and_the_bytes_are_wiped(ctx: Any, officer: Any) -> None:
    data = bytearray(SAMPLE.read_bytes())
    steps: list[tuple[int, int]] = []
    reading = ktp.read_ktp(ctx, officer, data, progress=lambda d, t, m="": steps.append((d, t)))
    assert {f.key: f.value for f in reading.fields} == EXPECTED
    assert data == bytearray(len(data))  # zeroed once read
    assert steps[0][0] == 0 and steps[-1][0] == steps[-1][1]
    events = ctx.read(
        lambda s: s.execute(
            select(AuditEvent.actor, AuditEvent.details).where(AuditEvent.action == "ktp.read")
        ).all()
    )
    assert len(events) == 1 and events[0].actor == officer.username
    details = events[0].details
    assert json.loads(details)["unsure"] == 0
    for value in EXPECTED.values():
        assert value not in details


def test_a_cancelled_read_stops_and_wipes(ctx: Any, officer: Any) -> None:
    flag = CancelFlag()
    flag.cancel()
    data = bytearray(SAMPLE.read_bytes())
    with pytest.raises(Cancelled):
        ktp.read_ktp(ctx, officer, data, cancel=flag)
    assert data == bytearray(len(data))


def test_without_the_component_the_reader_says_so_and_the_self_test_skips(
    ctx: Any, officer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def missing() -> Any:
        raise ktp_ocr.EngineUnavailableError("Komponen Baca KTP belum terpasang di komputer ini (tesserocr).")

    monkeypatch.setattr(ktp, "default_engine", missing)
    with pytest.raises(ktp.EngineUnavailableError):
        ktp.read_ktp(ctx, officer, bytearray(SAMPLE.read_bytes()))
    assert ktp.reader_available() is not None
    assert _read_sample_ktp(ctx, officer).startswith("dilewati")
