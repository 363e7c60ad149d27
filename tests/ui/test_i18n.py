"""Translations: the shipped English is complete and current, it is what the officer sees, and money
and dates follow the interface language (Indonesian stays the default)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableView,
    QTabWidget,
    QWidget,
)

from app.domain.issues import DomainError, Issue
from app.domain.months import Month
from app.infra.paths import app_paths, resources_dir
from app.infra.settings import load_settings, save_settings
from app.services import enrolment, member_lookup
from tests.conftest import SUPERVISOR_PASSWORD, bpu_record
from ui import i18n
from ui.i18n import current_locale, install_translator, translate
from ui.models import display

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "loket_en.ts"
QM = ROOT / "resources" / "i18n" / "loket_en.qm"
BIN = Path(sys.executable).parent


def _messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """``(context, source) -> translation`` (None while unfinished)."""
    out: dict[tuple[str, str], str | None] = {}
    for context in ET.parse(ts).getroot().iter("context"):  # noqa: S314 (our own file)
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            tr = message.find("translation")
            assert tr is not None
            done = tr.get("type") not in ("unfinished", "obsolete", "vanished") and bool(tr.text)
            out[(name, message.findtext("source") or "")] = tr.text if done else None
    return out


@pytest.fixture
def english(qapp: Any) -> Iterator[None]:
    assert install_translator(qapp, "en")
    yield
    install_translator(qapp, "id")


# ---- the files ---------------------------------------------------------------------------------------
def test_the_core_texts_file_is_current() -> None:
    spec = importlib.util.spec_from_file_location("i18n_domain_tool", ROOT / "tools" / "i18n_domain.py")
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    assert tool.main(["--check"]) == 0, "run: python tools/i18n_domain.py (or make i18n)"


def test_every_english_text_is_translated() -> None:
    messages = _messages(TS)
    assert len(messages) > 900
    unfinished = [source for (_c, source), tr in messages.items() if tr is None]
    assert not unfinished, f"untranslated: {unfinished[:10]}"


def test_the_ts_file_holds_exactly_what_lupdate_extracts(tmp_path: Path) -> None:
    fresh = tmp_path / "loket_en.ts"
    shutil.copy(TS, fresh)
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            "-silent",
            "-no-obsolete",
            "-locations",
            "none",
            *sources,
            "-ts",
            str(fresh),
        ],
        check=True,
        capture_output=True,
    )
    assert set(_messages(fresh)) == set(_messages(TS)), "run: make i18n"


def test_the_committed_qm_is_built_from_the_ts(tmp_path: Path) -> None:
    built = tmp_path / "loket_en.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), "-silent", str(TS), "-qm", str(built)],
        check=True,
        capture_output=True,
    )
    assert built.read_bytes() == QM.read_bytes(), "run: make i18n"


def test_translations_load_from_the_resources_folder(qapp: Any, english: None) -> None:
    assert Path(i18n.translations_dir()) == resources_dir() / "i18n"
    assert current_locale() == "en"
    assert translate("IntakePage", "Simpan  (Ctrl+S)") == "Save  (Ctrl+S)"


def test_indonesian_needs_no_translator_and_is_the_default(qapp: Any) -> None:
    assert install_translator(qapp, "id")
    assert current_locale() == "id"
    assert translate("IntakePage", "Simpan  (Ctrl+S)") == "Simpan  (Ctrl+S)"
    assert install_translator(qapp, "xx") and current_locale() == "id"  # unknown: the source language


# ---- formatting --------------------------------------------------------------------------------------
DAY = dt.date(2026, 11, 23)


def test_money_numbers_and_dates_in_indonesian(qapp: Any) -> None:
    install_translator(qapp, "id")
    assert i18n.money(16800) == "Rp16.800"
    assert i18n.money(-1_250_000) == "-Rp1.250.000"
    assert i18n.number(1234567) == "1.234.567"
    assert i18n.decimal(1.5) == "1,5"
    assert i18n.date_long(DAY) == "23 November 2026"
    assert i18n.date_full(DAY) == "Senin, 23 November 2026"
    assert i18n.date_short(DAY) == "23-11-2026"
    assert i18n.date_time(dt.datetime(2026, 11, 23, 14, 5)) == "23-11-2026 14:05"
    assert display.month(Month(2026, 8)) == "Agustus 2026"
    assert display.period([Month(2026, 4), Month(2026, 5), Month(2026, 6)]) == "Apr 2026 – Jun 2026"


def test_money_numbers_and_dates_in_english(qapp: Any, english: None) -> None:
    assert i18n.money(16800) == "Rp16,800"
    assert i18n.money(-1_250_000) == "-Rp1,250,000"
    assert i18n.number(1234567) == "1,234,567"
    assert i18n.decimal(1.5) == "1.5"
    assert i18n.date_long(DAY) == "23 November 2026"
    assert i18n.date_full(DAY) == "Monday, 23 November 2026"
    assert i18n.date_short(DAY) == "23 Nov 2026"
    assert i18n.date_time(dt.datetime(2026, 11, 23, 14, 5)) == "23 Nov 2026 14:05"
    assert display.rupiah(16800) == "Rp16,800" and display.date(DAY) == "23 Nov 2026"
    assert display.month(Month(2026, 8)) == "August 2026"
    assert display.period([Month(2026, 4), Month(2026, 5), Month(2026, 7)]) == "Apr 2026 – May 2026, Jul 2026"
    with pytest.raises(TypeError):
        i18n.money(1.5)  # type: ignore[arg-type]


def test_core_messages_read_english_constant_or_with_values(qapp: Any, english: None, opened: Any) -> None:
    constant = DomainError(Issue("nik", "nik.length", "NIK harus 16 digit angka."))
    assert display.error_text(constant) == "The NIK must be 16 digits."
    assert display.error_issues(constant)[0].message == "The NIK must be 16 digits."
    # A message made with values, raised by the real core: its template translated, the values kept.
    with pytest.raises(DomainError) as raised:
        opened.ctx.read(lambda session: member_lookup.resolve_member(session, 424242))
    issue = raised.value.issues[0]
    assert issue.message == "Peserta '424242' tidak ditemukan." and issue.params == {"key": "424242"}
    assert display.error_text(raised.value) == "Member '424242' not found."
    assert display.label("Mandiri (dibayar sendiri)") == "Self-funded"
    assert display.cover_status("MENUNGGAK", 2) == "2 months in arrears"
    assert display.cover_status("BELUM_AKTIF", 0) == "Not yet active"
    assert display.record_status("ACTIVE") == "Active"


# ---- the real application in English -----------------------------------------------------------------
def _texts(root: QWidget) -> set[str]:
    """Every text a user can read in ``root`` and its children (hidden ones too)."""
    found: set[str] = {root.windowTitle()}
    for w in [root, *root.findChildren(QWidget)]:
        found.update((w.toolTip(), w.accessibleName(), w.accessibleDescription()))
        if isinstance(w, QLabel | QAbstractButton):
            found.add(w.text())
        if isinstance(w, QGroupBox):
            found.add(w.title())
        if isinstance(w, QLineEdit):
            found.add(w.placeholderText())
        if isinstance(w, QComboBox):
            found.update(w.itemText(i) for i in range(w.count()))
        if isinstance(w, QTabWidget):
            found.update(w.tabText(i) for i in range(w.count()))
        if isinstance(w, QListWidget):
            found.update(w.item(i).text() for i in range(w.count()))
        if isinstance(w, QTableView) and w.model() is not None:
            model, columns = w.model(), w.horizontalHeader().count()
            found.update(str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(columns))
            found.update(
                str(model.headerData(r, Qt.Orientation.Vertical) or "")
                for r in range(w.verticalHeader().count())
            )
    return {t for t in found if t}


def test_the_whole_application_reads_english(qtbot: Any, qapp: QApplication, home: Path, opened: Any) -> None:
    from ui.app import StartupController
    from ui.theme import apply_theme

    paths = app_paths(home)
    save_settings(paths, load_settings(paths).with_(language="en"))
    ctx = opened.ctx
    from app.services import auth, branch

    branch.setup_branch(ctx, code="101", name="KCP Indralaya", timezone="Asia/Jakarta")
    auth.create_first_supervisor(
        ctx, username="siti", full_name="Siti Rahmawati", password=SUPERVISOR_PASSWORD
    )
    actor = auth.login(ctx, "siti", SUPERVISOR_PASSWORD)
    number = enrolment.enrol_worker(ctx, actor, bpu_record()).number or ""

    indonesian = {
        source for (_context, source), tr in _messages(TS).items() if tr is not None and tr != source
    }
    apply_theme(qapp)
    app = StartupController(home=str(home))
    try:
        assert app.language == "en"
        assert app.login.windowTitle() == "Loket — Log in"  # the login window is already English
        app.start()
        login = app.login
        qtbot.waitUntil(lambda: login.ready, timeout=20_000)
        assert login.button.text() == "Log in"
        assert login.branch_label.text().startswith("Branch 101 KCP Indralaya")
        login.username.setText("siti")
        login.password.setText(SUPERVISOR_PASSWORD)
        with qtbot.waitSignal(app.main_window_shown, timeout=20_000):
            login.button.click()
        window = app.window
        seen: dict[str, set[str]] = {}
        for name, page in window.pages.items():
            window.show_page_named(name)
            qtbot.wait(50)  # let the page's first load (a worker) deliver
            app.runner.wait(10_000)
            QCoreApplication.processEvents()
            seen[name] = _texts(page)
        window.ui.bus.member_requested.emit(number)
        qtbot.waitUntil(
            lambda: number.replace(" ", "") in "".join(_texts(window.pages["MemberPage"])).replace(" ", "")
        )
        app.runner.wait(10_000)
        QCoreApplication.processEvents()
        seen["MemberPage (open)"] = _texts(window.pages["MemberPage"])
        window.show_help()
        seen["HelpDialog"] = _texts(window.help_dialog)  # type: ignore[arg-type]
        seen["MainWindow"] = _texts(window)

        left = {f"{page}: {text!r}" for page, texts in seen.items() for text in texts if text in indonesian}
        assert not left, "still Indonesian:\n" + "\n".join(sorted(left))
        everything = set().union(*seen.values())
        for english_text in (
            "Save  (Ctrl+S)",
            "Member Enrolment",
            "Find Member",
            "Verify Card",
            "Settings",
            "Keyboard shortcuts",
            "Contribution payment",
            "Mother's maiden name",
            "&Personal data",
        ):
            assert english_text in everything, english_text
        assert any(t.startswith("Enrolment") and "F2" in t for t in seen["MainWindow"])
        weekdays = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
        assert window.status_date.text().startswith(weekdays)  # the real clock: any day, in English
        assert window.status_conn.text() == "● Connected"
        window.close()
    finally:
        app.runner.wait(10_000)
        if app.ready is not None:
            app.ready.opened.ctx.engine.dispose()
        install_translator(qapp, "id")
    assert current_locale() == "id"


def test_qts_own_dialogs_speak_indonesian(qapp: Any, qtbot: Any) -> None:
    """Qt ships no Indonesian for its standard buttons and file/print dialogs: ours is installed."""
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox

    assert install_translator(qapp, "id")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Batal"
    box = QMessageBox(QMessageBox.Icon.Question, "Loket", "Hapus?")
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    texts = {b.text() for b in box.buttons()}
    assert texts == {"&Ya", "&Tidak"}
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert {b.text() for b in buttons.buttons()} == {"Simpan", "Batal"}
    dialog = QFileDialog(None, "Simpan PDF")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    labels = {w.text() for w in dialog.findChildren(QLabel)}
    assert "&Nama berkas:" in labels and "&Lihat di:" in labels


def test_every_translated_template_keeps_its_values() -> None:
    """A core template's translation names exactly the values of its Indonesian template."""
    import string

    def names(text: str) -> set[str]:
        return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}

    templates = [
        (src, tr) for (ctx, src), tr in _messages(TS).items() if ctx == "Issue" and tr and "{" in src
    ]
    assert len(templates) > 150
    wrong = [(src, tr) for src, tr in templates if names(src) != names(tr)]
    assert not wrong, wrong[:5]
