"""The sync both ways from the command line, as IT scripts it: export the outbox, import it with an
answer, see a conflict side by side, merge it field by field, bring the answer back, see the outbox."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main as cli_main
from tests.conftest import SUPERVISOR_PASSWORD, FakeClock
from tests.outreach_fixtures import (
    Side,
    correct,
    enrol_village,
    make_branch,
    make_laptop,
    member_fields,
    trust_each_other,
)


@pytest.fixture
def pair(tmp_path: Path, clock: FakeClock) -> Iterator[tuple[Side, Side]]:
    branch = make_branch(None, tmp_path / "cabang", clock)
    laptop = make_laptop(tmp_path / "laptop-201", clock)
    trust_each_other(branch, laptop)
    yield branch, laptop
    laptop.ctx.engine.dispose()
    branch.ctx.engine.dispose()


def run(
    argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(SUPERVISOR_PASSWORD + "\n"))
    code = cli_main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_both_ways_on_the_command_line(
    pair: tuple[Side, Side],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    branch, laptop = pair
    at_branch, on_laptop = ["--home", str(tmp_path / "cabang")], ["--home", str(tmp_path / "laptop-201")]
    (number,) = enrol_village(laptop, n=1)
    code, out, _ = run(["package", "outbox", "--officer", "dedi", "--json", *on_laptop], monkeypatch, capsys)
    assert code == 0 and json.loads(out)["counts"]["member"] == 1
    p1, r1 = tmp_path / "p1.lpkg", tmp_path / "r1.lbal"
    assert (
        run(["export-package", "-o", str(p1), "--officer", "dedi", *on_laptop], monkeypatch, capsys)[0] == 0
    )
    assert p1.stat().st_mode & 0o077 == 0  # full NIKs inside: the owner's only
    code, out, _ = run(
        ["import-package", str(p1), "--supervisor", "siti", "--reply", str(r1), *at_branch],
        monkeypatch,
        capsys,
    )
    assert code == 0 and "1 peserta baru" in out and str(r1) in out
    code, out, _ = run(
        ["package", "receive", str(r1), "--supervisor", "rina", *on_laptop], monkeypatch, capsys
    )
    assert code == 0 and "sudah sampai di cabang" in out
    code, out, _ = run(["package", "outbox", "--officer", "dedi", *on_laptop], monkeypatch, capsys)
    assert "Belum sampai ke cabang: tidak ada" in out

    correct(branch, number, {"no_hp": "0811-2222-3333"}, "Datang ke loket")
    correct(laptop, number, {"no_hp": "0819-8888-7777", "tempat_lahir": "Pemulutan"})
    code, out, _ = run(["package", "outbox", "--officer", "dedi", *on_laptop], monkeypatch, capsys)
    assert "1 koreksi" in out and number in out
    p2, r2 = tmp_path / "p2.lpkg", tmp_path / "r2.lbal"
    run(["export-package", "-o", str(p2), "--officer", "dedi", *on_laptop], monkeypatch, capsys)
    code, out, _ = run(["import-package", str(p2), "--supervisor", "siti", *at_branch], monkeypatch, capsys)
    assert code == 0 and "1 menunggu supervisor" in out and "changed_both" in out
    code, out, _ = run(["package", "conflicts", "--supervisor", "siti", *at_branch], monkeypatch, capsys)
    assert code == 0 and "+6281988887777" in out and "+6281122223333" in out and "diubah di keduanya" in out
    text = out
    code, out, _ = run(
        ["package", "conflicts", "--supervisor", "siti", "--json", *at_branch], monkeypatch, capsys
    )
    (listed,) = json.loads(out)
    fields = {f["field"]: f for f in listed["fields"]}
    assert fields["no_hp"]["default"] is None and fields["tempat_lahir"]["default"] == "laptop"
    # The supervisor reads a short per-branch number (the id within the branch's block), not the long id.
    assert listed["id"] == 101 * 10**12 + listed["no"] and 0 < listed["no"] < 1000
    assert f"konflik #{listed['no']} [changed_both]" in text and str(listed["id"]) not in text
    assert f"loket package resolve {listed['no']} --take" in text
    # Both numbers name the conflict; the long one still works for scripts.
    code, _, err = run(["package", "resolve", str(listed["id"]), "--supervisor", "siti", *at_branch],
                       monkeypatch, capsys)  # fmt: skip
    assert code == 2 and "[merge.undecided]" in err and "Nomor HP" in err
    code, _, err = run(["package", "resolve", str(listed["no"] + 7), "--supervisor", "siti", *at_branch],
                       monkeypatch, capsys)  # fmt: skip
    assert code == 2 and "[package.conflict_not_open]" in err and f"#{listed['no'] + 7} " in err
    resolve = ["package", "resolve", str(listed["no"]), "--supervisor", "siti", *at_branch]
    code, _, err = run(resolve, monkeypatch, capsys)
    assert code == 2 and "[merge.undecided]" in err and "Nomor HP" in err
    with pytest.raises(SystemExit) as usage:  # argparse's own usage error
        run([*resolve, "--take", "no_hp"], monkeypatch, capsys)
    assert usage.value.code == 2 and "KOLOM=laptop" in capsys.readouterr().err
    code, out, _ = run(
        [*resolve, "--take", "no_hp=cabang", "--note", "Nomor loket yang aktif"], monkeypatch, capsys
    )
    assert code == 0 and "no_hp=cabang" in out and "tempat_lahir=laptop" in out
    assert f"Konflik #{listed['no']} digabung" in out
    assert member_fields(branch, number)["tempat_lahir"] == "PEMULUTAN"
    code, out, _ = run(
        ["package", "reply", "--laptop", "201", "-o", str(r2), "--supervisor", "siti", *at_branch],
        monkeypatch,
        capsys,
    )
    assert code == 0 and "1 peserta diperbarui cabang" in out
    code, out, _ = run(
        ["package", "receive", str(r2), "--supervisor", "rina", "--json", *on_laptop], monkeypatch, capsys
    )
    assert code == 0 and json.loads(out)["members_updated"] == 1
    assert member_fields(laptop, number)["no_hp"] == "+6281122223333"
    code, out, _ = run(
        ["package", "receive", str(r2), "--supervisor", "rina", *on_laptop], monkeypatch, capsys
    )
    assert "sudah pernah diimpor" in out


def test_package_setup_from_the_command_line(
    pair: tuple[Side, Side],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _branch, _laptop = pair
    on_laptop = ["--home", str(tmp_path / "laptop-201")]
    setup = ["package", "setup", "--home-branch", "101", "--supervisor", "rina", *on_laptop]
    code, _, err = run([*setup, "--warn-days", "9", "--freeze-days", "4"], monkeypatch, capsys)
    assert code == 2 and "[outreach.freeze_before_warn]" in err
    code, out, _ = run([*setup, "--warn-days", "2", "--freeze-days", "5"], monkeypatch, capsys)
    assert code == 0 and "setelah 5 hari" in out
    code, out, _ = run(
        ["package", "setup", "--home-branch", "none", "--supervisor", "rina", *on_laptop], monkeypatch, capsys
    )
    assert code == 0 and "bukan lagi laptop" in out
    code, out, _ = run(["package", "outbox", "--officer", "dedi", *on_laptop], monkeypatch, capsys)
    assert "bukan laptop jemput bola" in out
