"""Grab every screen offscreen into PNGs for a human look: ``python tools/screenshots.py OUTDIR``."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

PASSWORD = "Kantor-Cabang-101!"


def settle(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(cond: object, timeout_ms: int = 30_000) -> None:
    waited = 0
    while not cond():  # type: ignore[operator]
        settle(20)
        waited += 20
        if waited > timeout_ms:
            raise TimeoutError("screen did not appear")


def main(out: Path, language: str = "id") -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from ui.app import StartupController
    from ui.theme import apply_theme

    apply_theme(app)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory() as home:
        if language != "id":  # the interface language is read from settings.json at start
            from app.infra.paths import app_paths
            from app.infra.settings import load_settings, save_settings

            paths = app_paths(home)
            save_settings(paths, load_settings(paths).with_(language=language))
        first = StartupController(home=home)
        first.start()
        wait_for(lambda: first.first_run is not None)
        settle()
        first.first_run.grab().save(str(out / "first-run-database.png"))
        d = first.first_run
        d.db_counter.setText("Loket 1")
        d.db_next.click()
        wait_for(lambda: d.steps.currentIndex() == 1)
        settle()
        d.grab().save(str(out / "first-run-branch.png"))
        d.code.setText("101")
        d.name.setText("KCP Indralaya")
        d.username.setText("siti")
        d.full_name.setText("Siti Rahmawati")
        d.password.setText(PASSWORD)
        d.password2.setText(PASSWORD)
        d.button.click()
        wait_for(lambda: first.first_run is None and first.login.isVisible())
        settle()
        first.login.grab().save(str(out / "login-after-first-run.png"))
        first.login.password.setText(PASSWORD)
        first.login.button.click()
        wait_for(lambda: first.window is not None)
        first.window.close()
        first.runner.wait()

        app2 = StartupController(home=home)
        app2.start()
        wait_for(lambda: app2.login.ready)
        settle()
        app2.login.grab().save(str(out / "login.png"))
        app2.login.username.setText("siti")
        app2.login.password.setText(PASSWORD)
        app2.login.button.click()
        wait_for(lambda: app2.window is not None)
        w = app2.window
        # A training database: 2,000 synthetic members (only ever before real ones), indexed for search.
        from app.services import demo

        demo.seed_members(w.ui.ctx, w.ui.actor, 2000)
        w.resize(1366, 740)
        settle()
        w.grab().save(str(out / "intake-empty.png"))
        page = w.pages["IntakePage"]
        page.nik.setText("1610014508900003")
        page._on_nik_edited(page.nik.text())
        page.nama.setText("Siti Aminah")
        page.tempat_lahir.setText("Indralaya")
        page.nama_ibu.setText("Fatimah")
        page.no_hp.setText("0812-3456-7890")
        page.alamat.setText("Jl. Merdeka No. 1 RT 001/RW 002")
        page.penghasilan.setText("1.500.000")
        page.ahli_waris.setText("BUDI SANTOSO:SUAMI")
        page.save()
        settle(1500)
        w.grab().save(str(out / "intake-saved.png"))
        page.reset()
        page.nik.setText("1610013102900003")
        page._on_nik_edited(page.nik.text())
        page.nama.setText("Siti <b>")
        page.save()
        settle()
        w.grab().save(str(out / "intake-errors.png"))
        # Reading a KTP (Ctrl+K): the capture dialog, then a sure and an unsure reading in the form.
        page.reset()
        page.ktp.capture()
        wait_for(lambda: page.ktp.dialog is not None and page.ktp.dialog.isVisible())
        settle()
        page.ktp.dialog.grab().save(str(out / "ktp-capture.png"))
        sample = Path(__file__).resolve().parents[1] / "resources" / "ktp" / "contoh-ktp.jpg"
        page.ktp.dialog.load_file(sample)
        wait_for(lambda: page.ktp.reading is not None and not page.ktp.busy, 60_000)
        settle(600)
        w.grab().save(str(out / "intake-ktp.png"))
        from io import BytesIO

        from PIL import Image, ImageFilter

        blurred = BytesIO()
        Image.open(sample).filter(ImageFilter.GaussianBlur(1.8)).save(blurred, "JPEG", quality=40)
        page.reset()
        page.ktp.reading = None
        page.ktp.read(bytearray(blurred.getvalue()))
        wait_for(lambda: page.ktp.reading is not None and not page.ktp.busy, 60_000)
        settle(600)
        w.grab().save(str(out / "intake-ktp-unsure.png"))
        page.reset()
        from PySide6.QtWidgets import QScrollArea

        for segment in ("PU", "PMI"):  # the fields only these segments have
            page.segmen.setCurrentIndex(page.segmen.findData(segment))
            settle()
            page.findChildren(QScrollArea)[0].ensureWidgetVisible(page.terms)
            settle()
            w.grab().save(str(out / f"intake-{segment.lower()}.png"))
        page.reset()
        # Pages with something on them: the synthetic members, a search typed, the member opened.
        for i in range(w.stack.count()):
            w.show_page(i)
            settle(500)
            name = w.stack.widget(i).__class__.__name__
            w.grab().save(str(out / f"page-{name}.png"))
        settings = w.pages["SettingsPage"]
        w.show_page(list(w.pages).index("SettingsPage"))
        for tab in (settings.holidays_tab, settings.unconfirmed_tab):
            settings.tabs.setCurrentWidget(tab)
            settle(800)
            w.grab().save(str(out / f"settings-{tab.objectName() or tab.__class__.__name__}.png"))
        found = w.pages["SearchPage"]
        w.show_page(list(w.pages).index("SearchPage"))
        found.box.setText("siti")
        found.box.textEdited.emit(found.box.text())  # as if typed
        settle(1500)
        w.grab().save(str(out / "search-results.png"))
        member = w.pages["MemberPage"]
        w.show_page(list(w.pages).index("MemberPage"))
        member.open_member("1610014508900003")
        settle(1500)
        w.grab().save(str(out / "member-record.png"))
        member.tabs.setCurrentIndex(1)  # contributions: the cover in words, and a date asked about
        member.cover.ask_button.click()
        settle(800)
        w.grab().save(str(out / "member-cover.png"))
        member.payment_actions.start_payment()
        settle(1200)
        if member.dialog is not None:
            member.dialog.grab().save(str(out / "member-payment-dialog.png"))
            member.dialog.reject()
            settle(300)
        member.payment_actions.start_schedule()
        settle(500)
        if member.dialog is not None:
            member.dialog.harvest.setChecked(True)
            for m in (3, 4, 9, 10):
                member.dialog.months[m - 1].setChecked(True)
            settle()
            member.dialog.grab().save(str(out / "member-schedule-dialog.png"))
            member.dialog.reject()
        shoot_projects(w, out)
        dashboard = w.pages["DashboardPage"]
        w.show_page(list(w.pages).index("DashboardPage"))
        dashboard.outreach_button.click()
        settle(500)
        dashboard.outreach_dialog.grab().save(str(out / "outreach-dialog.png"))
        dashboard.outreach_dialog.reject()
        w.lock()
        settle()
        w.grab().save(str(out / "locked-window.png"))
        w.lock_dialog.grab().save(str(out / "lock-dialog.png"))
        w.close()
        app2.runner.wait()
    _outreach_screens(out)
    print(f"screenshots in {out}")


def shoot_projects(w: Any, out: Path) -> None:
    """Proyek Konstruksi: the Elucidation's Rp180 million project with its charge by brackets as typed,
    two JAKON workers listed under it, paid, and its receipt."""
    import datetime as dt

    from PySide6.QtCore import QDate

    from app.domain.clock import business_date
    from app.services import enrolment

    page = w.pages["ProjectsPage"]
    w.show_page(list(w.pages).index("ProjectsPage"))
    workers = []
    for i, name in enumerate(("Ahmad Fauzi", "Budi Hartono"), start=1):
        record = {
            "nik": f"16100145089004{i:02d}",
            "nama": name,
            "tempat_lahir": "Indralaya",
            "tanggal_lahir": "1990-08-05",
            "jenis_kelamin": "P",
            "nama_ibu": "Fatimah",
            "alamat": "Jl. Merdeka No. 1 RT 001/RW 002",
            "pekerjaan": "P012",
            "segmen": "JAKON",
            "penghasilan": 3_000_000,
            "program": "JKK,JKM",
            "bulan_bayar": 0,
        }
        number = enrolment.enrol_worker(w.ui.ctx, w.ui.actor, record).number
        if number is None:
            raise RuntimeError("the construction workers of the screenshots could not be enrolled")
        workers.append(number)
    today = business_date(w.ui.ctx.clock(), w.ui.branch.timezone)
    f = page.form
    f.name.setText("Jembatan Desa Tanjung Pering")
    f.owner.setText("Pemerintah Desa Tanjung Pering")
    f.contractor.setText("CV Sumber Rejeki")
    f.value.setText("180.000.000")
    f.spk.setDate(QDate(today.year, today.month, today.day))
    last = (dt.date(today.year, today.month, 1) + dt.timedelta(days=160)).replace(day=1)
    f.last.setDate(QDate(last.year, last.month, 1))
    page.quote.schedule()
    wait_for(lambda: page.quote.charge is not None)
    settle()
    w.grab().save(str(out / "projects-form.png"))
    page.register()
    wait_for(lambda: page.desk.project is not None and page.desk.busy is None)
    page.detail.worker_number.setText(", ".join(workers))
    page.add_workers()
    wait_for(lambda: page.desk.busy is None and bool(page.desk.project.workers))
    page.detail.method.setCurrentIndex(page.detail.method.findData("transfer"))
    page.detail.reference.setText("TRX 0047 BRI")
    settle()
    w.grab().save(str(out / "projects-workers.png"))
    page.pay()
    wait_for(lambda: page.preview is not None and page.preview.isVisible())
    settle()
    page.preview.grab().save(str(out / "projects-receipt.png"))
    page.preview.reject()
    settle()
    w.grab().save(str(out / "projects-paid.png"))
    page.new_project()
    f.value.setText("18O.000.000")
    page.quote.schedule()
    settle()
    w.grab().save(str(out / "projects-errors.png"))
    f.value.clear()
    page.quote.schedule()


def _outreach_screens(out: Path) -> None:
    """Jemput Bola both ways (a branch and its laptop of their own): tools/screenshots_outreach.py."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "screenshots_outreach", Path(__file__).with_name("screenshots_outreach.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(out)


if __name__ == "__main__":
    # tools/screenshots.py [FOLDER] [LANGUAGE]   e.g. /tmp/shots-en en
    main(
        Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots"), sys.argv[2] if len(sys.argv) > 2 else "id"
    )
