"""Ctrl+K on the intake page: capture a KTP, read it in the background, fill the form and mark what to check.

Nothing is saved here: the officer checks the marked fields and saves with Ctrl+S as always.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QLineEdit

from app.domain.progress import Cancelled
from ui.i18n import translate
from ui.theme import repolish

if TYPE_CHECKING:
    from app.domain.ktp_reading import KtpReading
    from ui.dialogs.ktp_capture import KtpCaptureDialog
    from ui.pages.intake import IntakePage

# The form's own fields, in the order the cursor should visit unsure ones.
FORM_ORDER = (
    "nik",
    "nama",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "alamat",
    "kode_wilayah",
    "pekerjaan",
)
# Which of the reading's fields each form field comes from.
SOURCES = {
    "nik": ("nik",),
    "nama": ("nama",),
    "tempat_lahir": ("tempat_lahir",),
    "tanggal_lahir": ("tanggal_lahir",),
    "jenis_kelamin": ("jenis_kelamin",),
    "alamat": ("alamat", "rt_rw"),
    "kode_wilayah": ("kel_desa", "kecamatan", "kabupaten", "provinsi"),
    "pekerjaan": ("pekerjaan",),
}


IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".webp")


def _is_picture(mime: QMimeData) -> bool:
    return mime.hasImage() or any(
        u.isLocalFile() and u.toLocalFile().lower().endswith(IMAGE_SUFFIXES) for u in mime.urls()
    )


class DropFilter(QObject):
    """Lets the page take a KTP picture dropped on it; ``dropped`` carries the mime data."""

    dropped = Signal(QMimeData)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and isinstance(event, QDropEvent):
            if _is_picture(event.mimeData()):
                event.acceptProposedAction()
                return True
            return False
        if (
            event.type() == QEvent.Type.Drop
            and isinstance(event, QDropEvent)
            and _is_picture(event.mimeData())
        ):
            self.dropped.emit(event.mimeData())
            event.acceptProposedAction()
            return True
        return super().eventFilter(obj, event)


class KtpReader(QObject):
    """Owns the capture dialog and the background read for one intake page."""

    def __init__(self, page: IntakePage) -> None:
        super().__init__(page)
        self.page = page
        self.dialog: KtpCaptureDialog | None = None
        self.reading: KtpReading | None = None
        self.focus_key = ""
        self.busy = False
        QShortcut(
            QKeySequence("Ctrl+K"), page, self.capture, context=Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        self.drops = DropFilter(self)
        self.drops.dropped.connect(self._on_dropped)
        page.setAcceptDrops(True)
        page.installEventFilter(self.drops)

    # ---- getting the picture -----------------------------------------------------------------------
    def capture(self) -> None:
        if self.busy or self.page._saving:
            return
        from ui.dialogs.ktp_capture import KtpCaptureDialog  # and the camera code: on first use

        self.dialog = KtpCaptureDialog(self.page, self.page.ui.ctx.paths)
        self.dialog.image_chosen.connect(self.read)
        self.dialog.finished.connect(self._on_dialog_closed)
        self.dialog.open()

    def _on_dialog_closed(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def _on_dropped(self, mime: QMimeData) -> None:
        from ui.dialogs.ktp_capture import picture_from_mime

        data = picture_from_mime(mime)
        if data is not None:
            self.read(data)

    # ---- reading it -------------------------------------------------------------------------------
    def read(self, data: bytearray) -> None:
        if self.busy:
            return
        from app.services import ktp  # the reader and Pillow load on the first card, not at start

        page = self.page
        if page.success.isVisible():
            page.reset()  # the last worker is saved: this card starts the next one
        self.busy = True
        page.banner.clear()
        ui = page.ui
        task = ui.runner.run_with_dialog(
            page,
            translate("KtpReader", "Membaca KTP…"),
            lambda progress, cancel: ktp.read_ktp(ui.ctx, ui.actor, data, progress=progress, cancel=cancel),
            on_success=self._on_read,
            on_error=self._on_failed,
            on_cancel=self._on_cancelled,
        )
        # After the progress dialog has closed (it takes the focus with it): the cursor to the first doubt.
        task.finished.connect(self._focus_after_read, Qt.ConnectionType.QueuedConnection)

    def _focus_after_read(self) -> None:
        if self.reading is not None and self.focus_key:
            QTimer.singleShot(0, lambda: focus_field(self.page, self.focus_key))

    def _on_cancelled(self) -> None:
        self.busy = False
        self.page.banner.show_message("info", translate("KtpReader", "Pembacaan KTP dibatalkan."))

    def _on_failed(self, exc: BaseException) -> None:
        from app.services import ktp

        self.busy = False
        if isinstance(exc, ktp.KtpImageError):
            text = exc.message
        elif isinstance(exc, ktp.EngineUnavailableError):
            text = str(exc)
        elif isinstance(exc, Cancelled):
            return self._on_cancelled()
        else:
            text = translate(
                "KtpReader", "KTP tidak dapat dibaca ({kind}). Ketik datanya seperti biasa."
            ).format(kind=type(exc).__name__)
        self.page.banner.show_message(
            "error", translate("KtpReader", "Gagal membaca KTP: {text}").format(text=text)
        )

    def _on_read(self, reading: KtpReading) -> None:
        self.reading = reading
        self.focus_key = fill_form(self.page, reading)
        self.busy = False


def _set_line(editor: QLineEdit, value: str) -> None:
    editor.setText(value)
    editor.textEdited.emit(value)  # the page reacts as to typing: NIK fills, validation runs


def _set_combo(combo: QComboBox, value: str) -> bool:
    index = combo.findData(value)
    if index < 0:
        return False
    combo.setCurrentIndex(index)
    return True


def fill_form(page: IntakePage, reading: KtpReading) -> str:
    """Put the reading into the form and mark each filled field with how sure it is.

    Returns the field the cursor should go to: the first doubt, else the first the card does not give.
    """
    pre = reading.prefill()
    if "nik" in pre:
        _set_line(page.nik, pre["nik"])
    for key in ("nama", "tempat_lahir", "alamat"):
        if key in pre:
            _set_line(getattr(page, key), pre[key])
    if "tanggal_lahir" in pre:
        y, m, d = pre["tanggal_lahir"].split("-")
        _set_line(page.tanggal_lahir, f"{d}-{m}-{y}")
    filled = {k for k in pre if k not in ("kode_wilayah", "pekerjaan", "jenis_kelamin")}
    if "jenis_kelamin" in pre and _set_combo(page.jenis_kelamin, pre["jenis_kelamin"]):
        filled.add("jenis_kelamin")
    if pre.get("kode_wilayah"):
        combo = page.kode_wilayah
        if combo.findData(pre["kode_wilayah"]) < 0:
            village = page.ui.ctx.regions.village(pre["kode_wilayah"])
            if village is not None:
                combo.addItem(f"{village.name} ({village.code})", village.code)
        if _set_combo(combo, pre["kode_wilayah"]):
            filled.add("kode_wilayah")
    if pre.get("pekerjaan") and _set_combo(page.pekerjaan, pre["pekerjaan"]):
        filled.add("pekerjaan")

    unsure: list[str] = []
    for key in FORM_ORDER:
        fields = [reading.get(k) for k in SOURCES[key]]
        doubts = [f for f in fields if not f.sure]
        pct = round(min(f.confidence for f in fields) * 100)
        if key not in filled:
            unsure.append(key)
            from_nik = key in ("tanggal_lahir", "jenis_kelamin") and key in page._autofilled
            if from_nik:
                _mark(
                    page,
                    key,
                    translate("KtpReader", "Tidak terbaca di KTP; terisi dari NIK — periksa"),
                    "warning",
                )
                continue
            note = "; ".join(f.note for f in doubts if f.note) or translate("KtpReader", "tidak terbaca")
            _mark(page, key, translate("KtpReader", "KTP: {note} — isi sendiri").format(note=note), "warning")
        elif doubts:
            unsure.append(key)
            note = "; ".join(
                f"{f.key.replace('_', ' ')}: {f.note}" if len(fields) > 1 else f.note for f in doubts
            )
            _mark(
                page,
                key,
                translate("KtpReader", "KTP {pct}% — periksa: {note}").format(pct=pct, note=note),
                "warning",
            )
        else:
            _mark(page, key, translate("KtpReader", "Dari KTP · yakin {pct}%").format(pct=pct), "derived")
    failed = [c for c in reading.checks if not c.ok]
    lines = [
        translate("KtpReader", "KTP terbaca: {n} kolom terisi, {u} perlu dicek (ditandai kuning).").format(
            n=len(filled), u=len(unsure)
        )
        if unsure
        else translate(
            "KtpReader",
            "KTP terbaca: {n} kolom terisi; NIK cocok dengan tanggal lahir, jenis kelamin dan wilayah.",
        ).format(n=len(filled))
    ]
    if not reading.card_found:
        lines.append(
            translate("KtpReader", "Tepi kartu tidak ditemukan; seluruh gambar dibaca sebagai kartu.")
        )
    lines += [f"⚠ {c.message}" for c in failed]
    lines.append(
        translate("KtpReader", "Lengkapi nama ibu, penghasilan dan lainnya, lalu simpan dengan Ctrl+S.")
    )
    page.banner.show_message("warning" if unsure else "info", "\n".join(lines))
    target = unsure[0] if unsure else "nama_ibu"
    focus_field(page, target)
    return target


def focus_field(page: IntakePage, key: str) -> None:
    editor = page.rows[key].editor
    page.activateWindow()
    editor.setFocus(Qt.FocusReason.OtherFocusReason)
    if isinstance(editor, QLineEdit):
        editor.selectAll()


def _mark(page: IntakePage, key: str, text: str, role: str) -> None:
    """A note under the field; it goes away once the officer changes the field."""
    row = page.rows[key]
    if key == "nik" and row.hint.text():
        text = f"{row.hint.text()}\n{text}"  # keep what the NIK says (birth date, gender, region)
    row.set_hint(text, role=role)
    row.setProperty("ktp", role)
    editor: Any = row.editor
    editor.setProperty("ktp", role)
    repolish(editor)
    signal = (
        editor.lineEdit().textEdited
        if isinstance(editor, QComboBox) and editor.isEditable()
        else (editor.currentIndexChanged if isinstance(editor, QComboBox) else editor.textEdited)
    )

    def clear(*_: object) -> None:
        if key != "nik":
            row.set_hint("")
        row.setProperty("ktp", None)
        editor.setProperty("ktp", None)
        repolish(editor)
        signal.disconnect(clear)

    signal.connect(clear)
