"""Grab the outreach sync screens offscreen at 1366×768: ``python tools/screenshots_outreach.py OUTDIR``.

A branch (101) and its laptop (201) are made in a temporary folder; a member is changed on both
sides; then the branch's Jemput Bola page with the conflict, the field-by-field merge dialog, the
laptop's outbox, the password dialog for an answer, the intake page of a frozen laptop and the
settings tab are grabbed. ``tools/screenshots.py`` calls ``main`` too.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

PASSWORD = "Kantor-Cabang-101!"
OFFICER_PASSWORD = "Loket-Pagi-Sehat-7"
SIZE = (1366, 768)


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


def _side(home: Path, code: str, name: str, boss: str, officer: str, record: dict[str, object] | None = None):  # type: ignore[no-untyped-def]
    from app.bootstrap import open_app
    from app.services import auth
    from app.services.branch import setup_branch

    opened = open_app(home=home, counter=f"LOKET-{code}")
    setup_branch(opened.ctx, code=code, name=name, timezone="Asia/Jakarta")
    auth.create_first_supervisor(opened.ctx, username=boss, full_name=boss.title(), password=PASSWORD)
    chief = auth.login(opened.ctx, boss, PASSWORD)
    auth.add_officer(
        opened.ctx,
        username=officer,
        full_name=officer.title(),
        role="officer",
        password=OFFICER_PASSWORD,
        by=chief,
    )
    return opened, chief, auth.login(opened.ctx, officer, OFFICER_PASSWORD)


def _villager(i: int) -> dict[str, object]:
    return {
        "nik": f"161001{41 + i:02d}0890{i + 1:04d}",
        "nama": ["Siti Aminah", "Wati Susanti", "Rohana", "Yuliani", "Sri Mulyani"][i],
        "tempat_lahir": "Indralaya",
        "tanggal_lahir": f"1990-08-{1 + i:02d}",
        "jenis_kelamin": "P",
        "nama_ibu": "Fatimah",
        "no_hp": "0812-3456-7890",
        "alamat": "Jl. Merdeka No. 1 RT 001/RW 002",
        "kode_wilayah": "16.10.01.2005",
        "pekerjaan": "P001",
        "segmen": "BPU",
        "penghasilan": 1000000,
        "program": "JKK,JKM",
        "kanal": "DESA",
    }


def _grab(widget: QWidget, path: Path) -> None:
    settle(400)
    widget.grab().save(str(path))


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    from app.services import card_keys, corrections, enrolment, outreach_sync, packages
    from app.services import contributions as cs
    from app.services.branch import current_branch
    from ui.context import UiContext
    from ui.dialogs.conflict_merge import ConflictMergeDialog
    from ui.main_window import MainWindow
    from ui.tasks import TaskRunner
    from ui.theme import apply_theme

    apply_theme(app)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        branch, siti, budi = _side(root / "cabang", "101", "KCP Indralaya", "siti", "budi")
        laptop, rina, dedi = _side(root / "laptop", "201", "Jemput Bola 1 KCP Indralaya", "rina", "dedi")
        outreach_sync.set_outreach(
            laptop.ctx, rina, home="101", warn_days=3, freeze_days=7, password=PASSWORD
        )
        card_keys.import_keys(branch.ctx, siti, card_keys.export_keys(laptop.ctx))
        card_keys.import_keys(laptop.ctx, rina, card_keys.export_keys(branch.ctx))
        numbers = []
        for i in range(3):
            number = enrolment.enrol_worker(laptop.ctx, dedi, _villager(i)).number or ""
            cs.record_enrolment_payment(laptop.ctx, dedi, number)
            numbers.append(number)
        p1 = packages.export_package(laptop.ctx, dedi, path=root / "p1.lpkg").path
        packages.import_package(branch.ctx, siti, p1, password=PASSWORD, reply_to=root / "r1.lbal")
        packages.receive_reply(laptop.ctx, rina, root / "r1.lbal", password=PASSWORD)

        def fix(opened, officer, boss, number, changes, reason):  # type: ignore[no-untyped-def]
            c = corrections.propose_correction(opened.ctx, officer, number, changes, reason)
            corrections.approve_correction(opened.ctx, boss, c.id, PASSWORD)

        fix(
            branch,
            budi,
            siti,
            numbers[0],
            {"no_hp": "0811-0000-1111", "nama_ibu": "Fatimah Zahra"},
            "Datang ke loket",
        )
        fix(
            laptop,
            dedi,
            rina,
            numbers[0],
            {"no_hp": "0822-3333-4444", "alamat": "Dusun III RT 001/RW 002"},
            "KTP asli dilihat",
        )
        p2 = packages.export_package(laptop.ctx, dedi, path=root / "p2.lpkg").path
        packages.import_package(branch.ctx, siti, p2, password=PASSWORD)
        fresh = enrolment.enrol_worker(laptop.ctx, dedi, _villager(3)).number or ""
        cs.record_enrolment_payment(laptop.ctx, dedi, fresh)

        runner = TaskRunner()
        # The branch: Jemput Bola with the conflict, then the merge dialog.
        b = current_branch(branch.ctx)
        assert b is not None
        w = MainWindow(UiContext(branch, siti, b, runner))
        w.resize(*SIZE)
        w.show()
        w.show_page_named("OutreachPage")
        page = w.pages["OutreachPage"]
        wait_for(lambda: page.state is not None and page.branch.model.rowCount() == 1)  # type: ignore[attr-defined]
        _grab(w, out / "outreach-branch-conflicts.png")
        page.branch.decide_current()  # type: ignore[attr-defined]
        wait_for(lambda: isinstance(page.branch.dialog, ConflictMergeDialog))  # type: ignore[attr-defined]
        dialog = page.branch.dialog  # type: ignore[attr-defined]
        _grab(dialog, out / "outreach-merge-dialog.png")
        dialog.password.setText(PASSWORD)
        dialog.submit()
        wait_for(lambda: dialog.error.isVisible() or any(r.error.isVisible() for r in dialog.rows.values()))
        _grab(dialog, out / "outreach-merge-dialog-undecided.png")
        dialog.reject()
        w.close()
        runner.wait()
        # The laptop: its outbox, the answer's password, the frozen intake page, the settings tab.
        lb = current_branch(laptop.ctx)
        assert lb is not None
        w2 = MainWindow(UiContext(laptop, rina, lb, runner))
        w2.resize(*SIZE)
        w2.show()
        w2.show_page_named("OutreachPage")
        lp = w2.pages["OutreachPage"]
        wait_for(lambda: lp.state is not None)  # type: ignore[attr-defined]
        _grab(w2, out / "outreach-laptop-outbox.png")
        lp.outbox.receive_from(root / "r1.lbal")  # type: ignore[attr-defined]
        wait_for(lambda: lp.outbox.dialog is not None and lp.outbox.dialog.isVisible())  # type: ignore[attr-defined]
        _grab(lp.outbox.dialog, out / "outreach-answer-password.png")  # type: ignore[attr-defined]
        lp.outbox.dialog.reject()  # type: ignore[attr-defined]
        w2.show_page_named("SettingsPage")
        settings = w2.pages["SettingsPage"]
        settings.tabs.setCurrentWidget(settings.outreach_tab)  # type: ignore[attr-defined]
        _grab(w2, out / "settings-outreach.png")
        week_ago = (dt.datetime.now(dt.UTC) - dt.timedelta(days=9)).isoformat()

        def age(session):  # type: ignore[no-untyped-def]
            from app.db.models import Setting
            from app.db.sync_models import SyncReply

            session.get(Setting, outreach_sync.SINCE_KEY).value = week_ago
            for r in session.query(SyncReply):
                r.imported_at = dt.datetime.fromisoformat(week_ago)

        laptop.ctx.write(age)
        w2.show_page_named("IntakePage")
        intake = w2.pages["IntakePage"]
        wait_for(lambda: intake.sync_gate.frozen)  # type: ignore[attr-defined]
        _grab(w2, out / "intake-frozen.png")
        w2.show_page_named("OutreachPage")
        wait_for(lambda: "ditolak" in lp.status.text())  # type: ignore[attr-defined]
        _grab(w2, out / "outreach-laptop-frozen.png")
        w2.close()
        runner.wait()
        branch.ctx.engine.dispose()
        laptop.ctx.engine.dispose()
    print(f"outreach screenshots in {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))
