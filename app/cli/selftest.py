"""``loket --self-test``: prove an installation works end to end, in a throwaway database."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.domain.money import format_number, format_rupiah
from app.services.context import ServiceContext
from app.services.dto import Actor

_PASSWORD = "Swauji-Cabang-2026!"  # noqa: S105 - a throwaway account in a throwaway database

# Capabilities that land later add a step here: (name, fn(ctx, actor, number) -> detail).
EXTRA_STEPS: list[tuple[str, Callable[[ServiceContext, Actor, str], str]]] = []


@dataclass
class SelfTestReport:
    """The steps ``loket --self-test`` ran, with their times, and whether all passed."""

    steps: list[tuple[str, float, str]] = field(default_factory=list)  # (step, seconds, detail)
    ok: bool = True
    error: str = ""

    @staticmethod
    def format_step(name: str, seconds: float, detail: str) -> str:
        mark = "X " if detail.startswith("GAGAL") else "OK"
        return f"{mark} {name:<34} {seconds * 1000:7.0f} ms  {detail}"

    def summary(self) -> str:
        return "Swauji berhasil." if self.ok else f"Swauji GAGAL: {self.error}"


class _SelfTest:
    def __init__(self, echo: Callable[[str], None]) -> None:
        self.echo = echo
        self.report = SelfTestReport()

    def step(self, name: str, fn: Callable[[], str]) -> None:
        t0 = time.perf_counter()
        try:
            detail = fn()
        except Exception as exc:
            self.report.ok = False
            self.report.error = f"{name}: {type(exc).__name__}: {exc}"
            detail = f"GAGAL {type(exc).__name__}"
            raise
        finally:
            seconds = time.perf_counter() - t0
            self.report.steps.append((name, seconds, detail))
            self.echo(SelfTestReport.format_step(name, seconds, detail))


def run_self_test(echo: Callable[[str], None] = lambda _line: None) -> SelfTestReport:
    """Temporary database → branch and supervisor → enrol a demo worker → pay → card → receipts →
    verify the card's signed QR → check the audit chain. Nothing outside the temp folder is touched."""
    from app.bootstrap import Opened, open_app
    from app.services import auth, branch, cards, contributions, demo, enrolment, registration_receipt
    from app.services.audit import verify_audit

    test = _SelfTest(echo)
    with tempfile.TemporaryDirectory(prefix="loket-selftest-") as tmp:
        home = Path(tmp)
        opened: Opened | None = None
        try:

            def do_open() -> str:
                nonlocal opened
                opened = open_app(str(home / "swauji.sqlite3"), home=home, counter="SWAUJI")
                return opened.database_label

            test.step("buka basis data sementara", do_open)
            assert opened is not None
            ctx = opened.ctx
            actors: list[Actor] = []

            def setup() -> str:
                branch.setup_branch(ctx, code="999", name="Swauji Loket", timezone="Asia/Jakarta")
                auth.create_first_supervisor(ctx, username="penguji", full_name="Penguji", password=_PASSWORD)
                actors.append(auth.login(ctx, "penguji", _PASSWORD))
                return "cabang 999, supervisor penguji"

            test.step("atur cabang dan supervisor", setup)
            actor = actors[0]

            def helper_process() -> str:
                # The demo seed's worker process: proves the bundle can start a helper process. It
                # comes first: synthetic members go only into a database without real ones.
                seeded = demo.seed_members(ctx, actor, 40, batch=20, worker=True)
                return f"{seeded.created} peserta latihan dari proses pembantu"

            test.step("jalankan proses pembantu", helper_process)
            numbers: list[str] = []

            def enrol() -> str:
                out = enrolment.enrol_worker(ctx, actor, DEMO_WORKER)
                if out.status != "enrolled" or out.number is None:
                    raise RuntimeError("; ".join(i.message for i in out.errors))
                numbers.append(out.number)
                return out.number

            test.step("daftarkan pekerja contoh", enrol)
            number = numbers[0]

            def pay() -> str:
                payment = contributions.record_enrolment_payment(ctx, actor, number, method="cash")
                if payment is None:
                    raise RuntimeError("tidak ada pembayaran")
                pdf = contributions.receipt_pdf(ctx, payment.id)
                return f"{format_rupiah(payment.total)}, kuitansi {format_number(len(pdf))} B"

            test.step("bayar iuran dan cetak kuitansi", pay)
            qr: list[str] = []

            def card() -> str:
                issued = cards.issue_card(ctx, actor, number)
                pdf = cards.card_pdf(issued.face)
                if not pdf.startswith(b"%PDF"):
                    raise RuntimeError("kartu bukan PDF")
                qr.append(issued.face.qr_text)
                return f"seri {issued.card.serial}, {format_number(len(pdf))} B"

            test.step("cetak kartu peserta", card)

            def receipt() -> str:
                r = registration_receipt.registration_receipt(ctx, actor, number)
                return f"{format_number(len(registration_receipt.receipt_pdf(r)))} B"

            test.step("cetak tanda terima pendaftaran", receipt)

            def verify() -> str:
                v = cards.verify_card_text(ctx, qr[0])
                if not v.valid:
                    raise RuntimeError(v.message)
                return "QR sah (Claim 169, Ed25519)"

            test.step("verifikasi QR kartu", verify)

            def day() -> str:
                from app.domain.clock import business_date
                from app.services.day import day_report

                summary, pdf = day_report(ctx, actor, business_date(ctx.clock(), "Asia/Jakarta"))
                if not pdf.startswith(b"%PDF"):
                    raise RuntimeError("ringkasan harian bukan PDF")
                return f"{format_number(len(pdf))} B, kepala audit #{summary.audit.seq}"

            test.step("cetak ringkasan harian", day)
            test.step("muat driver PostgreSQL", postgresql_driver)
            for name, fn in EXTRA_STEPS:
                test.step(name, _bind(fn, ctx, actor, number))

            def audit() -> str:
                r = verify_audit(ctx)
                if not r.ok:
                    raise RuntimeError(r.message)
                return r.message

            test.step("periksa rantai audit", audit)
        except Exception:  # noqa: S110 - the report holds the failure and its step
            pass
        finally:
            if opened is not None:
                opened.ctx.engine.dispose()
    return test.report


def postgresql_driver() -> str:
    """The branch server's driver loads with its compiled libpq (nothing connects)."""
    import psycopg
    from sqlalchemy import create_engine

    engine = create_engine("postgresql+psycopg://loket@127.0.0.1/loket")  # the dialect loads; no connection
    engine.dispose()
    impl = psycopg.pq.__impl__
    if impl not in ("binary", "c"):
        raise RuntimeError(f"psycopg tanpa libpq terkompilasi ({impl})")
    version = psycopg.pq.version()
    return f"psycopg {psycopg.__version__} ({impl}), libpq {version // 10000}.{version % 10000}"


def _bind(
    fn: Callable[[ServiceContext, Actor, str], str], ctx: ServiceContext, actor: Actor, number: str
) -> Callable[[], str]:
    return lambda: fn(ctx, actor, number)


DEMO_WORKER: dict[str, Any] = {
    "nik": "1610014508900003",
    "nama": "Siti Aminah",
    "tempat_lahir": "Indralaya",
    "tanggal_lahir": "1990-08-05",
    "jenis_kelamin": "P",
    "nama_ibu": "Fatimah",
    "no_hp": "0812-3456-7890",
    "alamat": "Jl. Merdeka No. 1 RT 001/RW 002",
    "kode_wilayah": "16.10.01.2005",
    "pekerjaan": "P001",
    "segmen": "BPU",
    "penghasilan": 1000000,
    "program": "JKK,JKM,JHT",
    "bulan_bayar": 3,
    "ahli_waris": "BUDI SANTOSO:SUAMI",
}


def _read_sample_ktp(ctx: ServiceContext, actor: Actor) -> str:
    """The bundled synthetic KTP photo must read back exactly (the OCR engine and its data are in)."""
    import json

    from app.infra.paths import resources_dir
    from app.services.ktp import EngineUnavailableError, read_ktp

    folder = resources_dir() / "ktp"
    expected = json.loads((folder / "contoh-ktp.json").read_text("utf-8"))["fields"]
    try:
        reading = read_ktp(ctx, actor, bytearray((folder / "contoh-ktp.jpg").read_bytes()))
    except EngineUnavailableError:  # the optional component is not installed: the rest still works
        return "dilewati: komponen Baca KTP tidak terpasang"
    got = {f.key: f.value for f in reading.fields}
    wrong = sorted(k for k, v in expected.items() if got.get(k) != v)
    if wrong:
        raise RuntimeError(f"KTP contoh salah dibaca: {', '.join(wrong)}")
    return f"{len(got)} kolom tepat, {sum(c.ok for c in reading.checks)} pemeriksaan NIK cocok"


EXTRA_STEPS.append(("baca KTP contoh (luring)", lambda ctx, actor, _number: _read_sample_ktp(ctx, actor)))
