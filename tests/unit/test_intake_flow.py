"""The intake counter's flow without Qt: steps, when saving is open, which errors show, Enter's path."""

from __future__ import annotations

from app.domain.issues import Issue
from app.services.intake_flow import IntakeFlow, IntakeStep, Show, Summary

REQUIRED = Issue("nama", "nama.required", "Nama wajib diisi.")
BAD_NIK = Issue("nik", "nik.province", "Kode provinsi NIK tidak dikenal.")
MISMATCH = Issue("tanggal_lahir", "nik.date_mismatch", "Tanggal lahir berbeda dengan NIK.")
QUIET = Issue("kode_wilayah", "nik.region_unknown", "Kode kecamatan tidak ada di data hari ini.")


def test_a_walk_in_goes_from_form_to_pay_to_print() -> None:
    f = IntakeFlow()
    assert f.step is IntakeStep.FORM and f.can_save and f.save_visible and f.editing
    assert f.start_save() and f.attempted
    f.saving_started()
    assert f.step is IntakeStep.SAVING and not f.can_save
    assert not f.reset()  # never while the enrolment is being written
    f.saved_as("12345678901", payment_due=True)
    assert f.step is IntakeStep.PAY and not f.print_primary and not f.editing and not f.save_visible
    f.paid()
    assert f.step is IntakeStep.PRINT and f.print_primary
    assert f.reset() and f.step is IntakeStep.FORM and f.can_save and not f.attempted


def test_nothing_due_goes_straight_to_print() -> None:
    f = IntakeFlow()
    f.saving_started()
    f.saved_as("12345678901", payment_due=False)
    assert f.step is IntakeStep.PRINT and f.print_primary


def test_a_failed_save_keeps_the_form() -> None:
    f = IntakeFlow()
    f.start_save()
    f.saving_started()
    f.save_failed()
    assert f.step is IntakeStep.FORM and f.can_save


def test_a_closed_day_or_a_frozen_laptop_refuses_saving_and_survives_the_next_worker() -> None:
    f = IntakeFlow(day_closed=True)
    assert not f.can_save and not f.start_save() and not f.attempted
    f.reset()
    assert f.day_closed and not f.can_save
    f.day_closed, f.frozen = False, True
    assert not f.can_save


def test_likely_duplicates_are_compared_in_place_of_the_form() -> None:
    f = IntakeFlow()
    assert not f.compare()  # nothing to compare
    f.likely = 2
    assert f.compare() and f.step is IntakeStep.COMPARE and not f.save_visible
    assert f.back_to_form() and f.step is IntakeStep.FORM and not f.back_to_form()
    f.saved_as("12345678901", payment_due=False)
    assert not f.can_compare and f.likely == 0


def test_errors_show_once_a_field_is_left_or_saving_was_tried() -> None:
    f = IntakeFlow()
    assert f.field_shows("nama", [REQUIRED], []) == (Show.NOTHING, "")
    f.left("nama")
    assert f.field_shows("nama", [REQUIRED], []) == (Show.ERROR, REQUIRED.message)
    assert f.field_shows("nik", [BAD_NIK], []) == (Show.NOTHING, "")
    f.start_save()
    assert f.field_shows("nik", [BAD_NIK], []) == (Show.ERROR, BAD_NIK.message)


def test_warnings_show_at_once_except_those_said_elsewhere() -> None:
    f = IntakeFlow()
    assert f.field_shows("tanggal_lahir", [], [MISMATCH]) == (Show.WARNING, MISMATCH.message)
    assert f.field_shows("kode_wilayah", [], [QUIET]) == (Show.NOTHING, "")
    assert f.needs_mismatch_confirmation([MISMATCH]) and not f.needs_mismatch_confirmation([QUIET])


def test_the_summary_line() -> None:
    f = IntakeFlow()
    assert f.summary([], True) == (Summary.READY, 0)
    f.likely = 1
    assert f.summary([], True) == (Summary.LIKELY, 0)
    assert f.summary([REQUIRED, REQUIRED, BAD_NIK], False) == (Summary.FIX, 2)
    f.duplicate = "12345678901"
    assert f.summary([], True) == (Summary.DUPLICATE, 0)
    f.nik_edited()
    assert f.duplicate is None
    assert IntakeFlow().summary([], False) == (Summary.NONE, 0)


def test_enter_skips_fields_filled_from_the_nik_and_closed_ones() -> None:
    chain = ["nik", "nama", "tanggal_lahir", "jenis_kelamin", "nama_ibu", "saveButton"]
    f = IntakeFlow()
    f.autofilled.update({"tanggal_lahir": "01-02-1990", "jenis_kelamin": "P"})
    assert f.next_field(chain, "nama", chain) == "nama_ibu" and "nama" in f.touched
    assert f.next_field(chain, "nama_ibu", [k for k in chain if k != "saveButton"]) is None
    assert f.next_field(chain, "elsewhere", chain) is None
