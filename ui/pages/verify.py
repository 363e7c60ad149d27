"""Verifikasi Kartu: a USB QR scanner (a keyboard ending with Enter) or a paste; valid or not, and why."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.clock import local_time
from app.domain.issues import DomainError
from app.domain.membership import MembershipNumber
from app.domain.roles import Permission, allowed
from app.services import card_keys, cards, contributions
from app.services.card_keys import CardKeyDTO
from app.services.cards import CardVerification
from app.services.contribution_dto import CoverDTO
from ui.context import UiContext
from ui.i18n import translate
from ui.models import display
from ui.theme import repolish
from ui.widgets import Banner, primary_button

REASON_TITLES = {
    "malformed": QT_TRANSLATE_NOOP("VerifyPage", "QR tidak terbaca sebagai kartu"),
    "unknown_key": QT_TRANSLATE_NOOP("VerifyPage", "Kunci penerbit tidak dikenal"),
    "bad_signature": QT_TRANSLATE_NOOP("VerifyPage", "Tanda tangan tidak cocok"),
    "revoked": QT_TRANSLATE_NOOP("VerifyPage", "Kartu sudah dicabut"),
    "expired": QT_TRANSLATE_NOOP("VerifyPage", "Masa berlaku habis"),
}
HISTORY_SIZE = 12


@dataclass(frozen=True, slots=True)
class ScanResult:
    """A scanned card checked, and the member's cover when the card is genuine."""

    verification: CardVerification
    contribution: CoverDTO | None


def _grouped(number: str | None) -> str:
    if not number:
        return "—"
    try:
        return MembershipNumber(number).grouped()
    except ValueError:
        return number


def _value(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names on a card are data, never markup
    label.setProperty("role", "dataValue")
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class VerifyPage(QWidget):
    """Verifikasi Kartu: a scanned or pasted QR checked, valid or not and why."""

    nav_label = QT_TRANSLATE_NOOP("VerifyPage", "Verifikasi Kartu")
    shortcut = "F5"
    required_permission = Permission.VERIFY

    def __init__(self, ui: UiContext) -> None:
        super().__init__()
        self.ui = ui
        self.setObjectName("page")
        self.can_import = allowed(ui.actor.role, Permission.SETTINGS)
        self.last: ScanResult | None = None
        self._pending = 0
        outer = QVBoxLayout(self)
        outer.setContentsMargins(18, 14, 18, 12)
        outer.setSpacing(10)
        title = QLabel(translate("VerifyPage", "Verifikasi Kartu"))
        title.setObjectName("pageTitle")
        outer.addWidget(title)
        hint = QLabel(
            translate(
                "VerifyPage",
                "Arahkan pemindai ke QR di kartu, atau tempel teks QR lalu tekan Enter. "
                "Kolom kosong kembali setelah setiap pindaian, siap untuk kartu berikutnya.",
            )
        )
        hint.setObjectName("pageHint")
        hint.setWordWrap(True)
        outer.addWidget(hint)

        scan_row = QHBoxLayout()
        self.scan = QLineEdit()
        self.scan.setObjectName("scanInput")
        self.scan.setAccessibleName(translate("VerifyPage", "Teks QR kartu"))
        self.scan.setPlaceholderText(translate("VerifyPage", "Pindai QR kartu di sini…"))
        self.scan.setMaxLength(2000)
        scan_row.addWidget(self.scan, 1)
        self.check_button = primary_button(translate("VerifyPage", "Periksa  (Enter)"), "verifyButton")
        scan_row.addWidget(self.check_button)
        outer.addLayout(scan_row)

        body = QHBoxLayout()
        body.setSpacing(16)
        outer.addLayout(body, 1)
        body.addWidget(self._build_verdict(), 3)
        side = QVBoxLayout()
        side.setSpacing(10)
        side.addWidget(self._build_history(), 2)
        side.addWidget(self._build_keys(), 3)
        body.addLayout(side, 2)

        self.scan.returnPressed.connect(self.verify_current)
        self.check_button.clicked.connect(self.verify_current)
        self.refresh_keys()

    # ---- construction -----------------------------------------------------------------------------
    def _build_verdict(self) -> QFrame:
        self.verdict = QFrame()
        self.verdict.setObjectName("verdict")
        self.verdict.setProperty("kind", "none")
        v = QVBoxLayout(self.verdict)
        v.setContentsMargins(18, 14, 18, 14)
        v.setSpacing(6)
        self.verdict_title = QLabel(translate("VerifyPage", "Belum ada kartu dipindai"))
        self.verdict_title.setObjectName("verdictTitle")
        self.verdict_title.setTextFormat(Qt.TextFormat.PlainText)
        v.addWidget(self.verdict_title)
        self.verdict_reason = QLabel()
        self.verdict_reason.setObjectName("verdictReason")
        self.verdict_reason.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict_reason.setWordWrap(True)
        self.verdict_reason.setVisible(False)
        v.addWidget(self.verdict_reason)
        self.verdict_message = QLabel(
            translate("VerifyPage", "Hasil pemeriksaan tanda tangan digital kartu tampil di sini.")
        )
        self.verdict_message.setObjectName("verdictMessage")
        self.verdict_message.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict_message.setWordWrap(True)
        v.addWidget(self.verdict_message)
        self.verdict_name = QLabel()
        self.verdict_name.setObjectName("verdictName")
        self.verdict_name.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict_name.setWordWrap(True)
        v.addWidget(self.verdict_name)

        self.card_grid = QWidget()
        grid = QGridLayout(self.card_grid)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(3)
        self.fields: dict[str, QLabel] = {}
        rows = [
            ("number", translate("VerifyPage", "Nomor peserta")),
            ("birth", translate("VerifyPage", "Tanggal lahir")),
            ("programmes", translate("VerifyPage", "Program (di kartu)")),
            ("serial", translate("VerifyPage", "Seri kartu")),
            ("issued", translate("VerifyPage", "Diterbitkan")),
            ("issuer", translate("VerifyPage", "Penerbit")),
            ("member_status", translate("VerifyPage", "Status peserta di sini")),
            ("member_programmes", translate("VerifyPage", "Program saat ini")),
            ("contribution", translate("VerifyPage", "Iuran")),
            ("current_card", translate("VerifyPage", "Kartu yang berlaku")),
        ]
        self.field_keys: dict[str, QLabel] = {}
        for r, (key, label) in enumerate(rows):
            k = QLabel(label)
            k.setProperty("role", "dataKey")
            grid.addWidget(k, r, 0, Qt.AlignmentFlag.AlignTop)
            value = _value(f"verify_{key}")
            grid.addWidget(value, r, 1)
            self.fields[key] = value
            self.field_keys[key] = k
        grid.setColumnStretch(1, 1)
        v.addWidget(self.card_grid)
        self.card_grid.setVisible(False)
        v.addStretch(1)
        return self.verdict

    def _build_history(self) -> QGroupBox:
        box = QGroupBox(translate("VerifyPage", "Pindaian sesi ini"))
        v = QVBoxLayout(box)
        self.history = QListWidget()
        self.history.setObjectName("scanHistory")
        self.history.setAccessibleName(translate("VerifyPage", "Riwayat pindaian sesi ini"))
        self.history.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.history.setWordWrap(True)
        self.history.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        v.addWidget(self.history)
        return box

    def _build_keys(self) -> QGroupBox:
        box = QGroupBox(translate("VerifyPage", "Kunci cabang lain"))
        v = QVBoxLayout(box)
        note = QLabel(
            translate(
                "VerifyPage",
                "Kartu cabang lain sah di sini setelah kunci publik cabang itu diimpor "
                "(berkas dari 'loket keys export').",
            )
        )
        note.setObjectName("pageHint")
        note.setWordWrap(True)
        v.addWidget(note)
        self.keys_table = QTableWidget(0, 3)
        self.keys_table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.keys_table.setObjectName("keysTable")
        self.keys_table.setHorizontalHeaderLabels(
            [
                translate("VerifyPage", "ID kunci"),
                translate("VerifyPage", "Cabang"),
                translate("VerifyPage", "Status"),
            ]
        )
        self.keys_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.keys_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.keys_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.keys_table.verticalHeader().setVisible(False)
        header = self.keys_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        v.addWidget(self.keys_table, 1)
        self.keys_banner = Banner("keysBanner")
        v.addWidget(self.keys_banner)
        self.import_button = QPushButton(translate("VerifyPage", "Impor kunci publik…"))
        self.import_button.setObjectName("importKeyButton")
        self.import_button.setEnabled(self.can_import)
        if not self.can_import:
            self.import_button.setToolTip(
                translate("VerifyPage", "Hanya supervisor yang dapat mengimpor kunci.")
            )
            self.import_button.setText(translate("VerifyPage", "Impor kunci publik… (supervisor)"))
        self.import_button.clicked.connect(self._on_import_clicked)
        v.addWidget(self.import_button)
        return box

    # ---- verification -------------------------------------------------------------------------------
    def verify_current(self) -> None:
        text = self.scan.text()
        self.scan.clear()  # the next card can be scanned while this one is checked
        self.scan.setFocus()
        if not text.strip():
            return
        self.verify_text(text)

    def verify_text(self, text: str) -> None:
        ctx, actor = self.ui.ctx, self.ui.actor

        def work() -> ScanResult:
            verification = cards.verify_card_text(ctx, text, actor=actor)
            status = None
            if verification.member is not None:
                try:
                    status = contributions.member_cover(ctx, verification.member.number)
                except DomainError:
                    status = None
            return ScanResult(verification, status)

        self._pending += 1
        self.verdict_message.setText(translate("VerifyPage", "Memeriksa…"))
        self.ui.runner.run(work, on_success=self._on_verified, on_error=self._on_failed)

    def _on_failed(self, exc: BaseException) -> None:
        self._pending -= 1
        self._set_kind("invalid")
        self.verdict_title.setText(translate("VerifyPage", "Tidak dapat diperiksa"))
        self.verdict_reason.setVisible(False)
        message = display.message_of(exc) or translate("VerifyPage", "Pemeriksaan gagal; pindai ulang.")
        self.verdict_message.setText(str(message))
        self.verdict_name.clear()
        self.card_grid.setVisible(False)

    def _set_kind(self, kind: str) -> None:
        self.verdict.setProperty("kind", kind)
        repolish(self.verdict)
        for label in self.verdict.findChildren(QLabel):
            repolish(label)

    def _on_verified(self, result: ScanResult) -> None:
        self._pending -= 1
        self.last = result
        v = result.verification
        tz = self.ui.branch.timezone
        self._set_kind("valid" if v.valid else "invalid")
        self.verdict_title.setText(
            translate("VerifyPage", "✔  KARTU SAH") if v.valid else translate("VerifyPage", "✖  TIDAK SAH")
        )
        reason = REASON_TITLES.get(v.reason or "")
        self.verdict_reason.setText(translate("VerifyPage", reason) if reason and not v.valid else "")
        self.verdict_reason.setVisible(not v.valid)
        self.verdict_message.setText(display.message(v.message))
        self.verdict_name.setText(v.name or "")
        self.verdict_name.setVisible(bool(v.name))
        has_claims = v.number is not None
        values = {
            "number": _grouped(v.number),
            "birth": display.date(v.birth_date),
            "programmes": ", ".join(v.programmes) or "—",
            "serial": v.serial or "—",
            "issued": display.when(v.issued_at, tz),
            "issuer": v.issuer
            or (translate("VerifyPage", "kunci {key_id}").format(key_id=v.key_id) if v.key_id else "—"),
        }
        m = v.member
        if m is not None:
            status = display.label(m.record_status_label)
            if m.card_status is None:
                status += translate("VerifyPage", " · seri ini tidak tercatat di sini (kartu cabang lain)")
            values["member_status"] = status
            values["member_programmes"] = ", ".join(m.programmes) or "—"
            values["current_card"] = m.current_serial or translate("VerifyPage", "belum ada kartu berlaku")
            c = result.contribution
            if c is not None:
                values["contribution"] = display.message(c.headline)
            else:
                values["contribution"] = "—"
        for key in ("member_status", "member_programmes", "contribution", "current_card"):
            self.fields[key].setVisible(m is not None)
            self.field_keys[key].setVisible(m is not None)
        for key, label in self.fields.items():
            label.setText(values.get(key, ""))
        self.card_grid.setVisible(has_claims)
        self._add_history(v)

    def _add_history(self, v: CardVerification) -> None:
        when = local_time(self.ui.ctx.clock(), self.ui.branch.timezone).strftime("%H:%M:%S")
        verdict = "SAH" if v.valid else translate("VerifyPage", "TIDAK SAH")
        who = v.name or translate("VerifyPage", REASON_TITLES.get(v.reason or "", ""))
        number = f" · {_grouped(v.number)}" if v.number else ""
        item = QListWidgetItem(f"{when}  {verdict}  {who}{number}")
        item.setData(Qt.ItemDataRole.UserRole, v.valid)
        item.setForeground(Qt.GlobalColor.darkGreen if v.valid else Qt.GlobalColor.darkRed)
        self.history.insertItem(0, item)
        while self.history.count() > HISTORY_SIZE:
            self.history.takeItem(self.history.count() - 1)

    # ---- trusted keys ----------------------------------------------------------------------------------
    def refresh_keys(self) -> None:
        self.ui.runner.run(lambda: card_keys.list_keys(self.ui.ctx), on_success=self._fill_keys)

    def _fill_keys(self, keys: list[CardKeyDTO]) -> None:
        self.keys_table.setRowCount(len(keys))
        for i, k in enumerate(keys):
            if k.current:
                status = translate("VerifyPage", "dipakai loket ini")
            elif k.retired_at is not None:
                status = translate("VerifyPage", "pensiun (tetap memverifikasi)")
            else:
                status = (
                    translate("VerifyPage", "cabang ini")
                    if k.origin == "own"
                    else translate("VerifyPage", "diimpor")
                )
            branch = f"{k.branch_code} {k.branch_name}"
            for j, text in enumerate((k.key_id, branch, status)):
                self.keys_table.setItem(i, j, QTableWidgetItem(text))

    def _on_import_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            translate("VerifyPage", "Impor kunci publik cabang lain"),
            "",
            translate("VerifyPage", "Kunci Loket (*.json);;Semua berkas (*)"),
        )
        if path:
            self.import_key_file(Path(path))

    def import_key_file(self, path: Path) -> None:
        """Trust the public key(s) in an export file from another branch (supervisors only)."""
        ctx, actor = self.ui.ctx, self.ui.actor

        def work() -> list[CardKeyDTO]:
            try:
                data: Any = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, ValueError) as exc:
                raise ValueError(
                    translate("VerifyPage", "Berkas tidak dapat dibaca sebagai ekspor kunci (JSON).")
                ) from exc
            return card_keys.import_keys(ctx, actor, data)

        def done(fresh: list[CardKeyDTO]) -> None:
            if fresh:
                names = ", ".join(f"{k.key_id} ({k.branch_code} {k.branch_name})" for k in fresh)
                self.keys_banner.show_message(
                    "info", translate("VerifyPage", "Kunci dipercaya: {names}.").format(names=names)
                )
            else:
                self.keys_banner.show_message(
                    "info", translate("VerifyPage", "Kunci di berkas ini sudah dipercaya sebelumnya.")
                )
            self.refresh_keys()

        def failed(exc: BaseException) -> None:
            if isinstance(exc, DomainError):
                text = "\n".join(display.message(i.message) for i in exc.issues)
            else:
                text = display.message_of(exc) or str(exc) or translate("VerifyPage", "Impor kunci gagal.")
            self.keys_banner.show_message("error", text)

        self.ui.runner.run(work, on_success=done, on_error=failed)

    def focus_first(self) -> None:
        self.refresh_keys()  # the counter's own key appears once its first card is signed
        self.scan.setFocus()
