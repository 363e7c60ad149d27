"""Handing the counter over: what happens to an intake form not saved yet when its officer leaves.

Never lost silently: the officer is asked (keep it for them until they log in again, discard it, or
stay); from the lock screen, where the officer is not there to answer, it is kept for them.
"""

from __future__ import annotations

import enum

from PySide6.QtWidgets import QMessageBox, QWidget

from ui.i18n import translate
from ui.intake_draft import IntakeDraft


class Leaving(enum.Enum):
    """Why the officer leaves the main window."""

    SWITCH = "switch"  # another officer (or the supervisor) takes the counter
    QUIT = "quit"  # Loket closes
    LOCKED = "locked"  # "Ganti petugas" on the lock screen: the officer is away


class UnsavedChoice(enum.Enum):
    """What becomes of an intake form not saved yet when its officer leaves."""

    KEEP = "keep"  # kept in memory for the same officer (not possible when Loket closes)
    DISCARD = "discard"
    STAY = "stay"


def ask_about_unsaved(
    parent: QWidget, leaving: Leaving, draft: IntakeDraft, officer_name: str, *, locked: bool = False
) -> UnsavedChoice:
    """Ask what to do with ``draft``; Enter and Esc both go back to the form. On a locked screen
    the worker's name is not shown (whoever is at the counter may not be the officer)."""
    if leaving is Leaving.LOCKED:
        return UnsavedChoice.KEEP
    who = "" if locked else draft.describe()
    box = QMessageBox(parent)
    box.setObjectName("unsavedQuestion")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("Handover", "Data belum disimpan"))
    box.setText(
        translate("Handover", "Formulir pendaftaran {who} belum disimpan.").format(who=who)
        if who
        else translate("Handover", "Formulir pendaftaran belum disimpan.")
    )
    if leaving is Leaving.SWITCH:
        box.setInformativeText(
            translate(
                "Handover",
                "Simpan sementara: formulir kembali seperti ini saat {officer} masuk lagi (hanya di komputer "
                "ini, sampai Loket ditutup). Buang: isi formulir dihapus.",
            ).format(officer=officer_name)
        )
        keep = box.addButton(translate("Handover", "Simpan sementara"), QMessageBox.ButtonRole.AcceptRole)
        keep.setObjectName("unsavedKeep")
    else:
        box.setInformativeText(
            translate("Handover", "Bila Loket ditutup, isi formulir hilang. Simpan dulu dengan Ctrl+S.")
        )
        keep = None
    discard = box.addButton(
        translate("Handover", "Buang dan keluar")
        if leaving is Leaving.QUIT
        else translate("Handover", "Buang"),
        QMessageBox.ButtonRole.DestructiveRole,
    )
    discard.setObjectName("unsavedDiscard")
    stay = box.addButton(translate("Handover", "Kembali ke formulir"), QMessageBox.ButtonRole.RejectRole)
    stay.setObjectName("unsavedStay")
    box.setDefaultButton(stay)
    box.setEscapeButton(stay)
    box.exec()
    clicked = box.clickedButton()
    if keep is not None and clicked is keep:
        return UnsavedChoice.KEEP
    if clicked is discard:
        return UnsavedChoice.DISCARD
    return UnsavedChoice.STAY
