"""Every ``loket`` command, walked with the accounts that must be refused.

The command line is as strict as the window: a supervisor's command needs that supervisor's
password, and the service decides whether the account may (role, and standing: active, unlocked).
Each supervisor command is run as an officer (with the officer's own password), as a supervisor
without a password, with a wrong password, and as a deactivated and a locked supervisor; each
officer command as a deactivated and a locked officer. Every refusal exits 3 with one Indonesian
line (never a traceback) and leaves its audit event.

A command added to the parser without a row here fails ``test_every_command_is_in_the_table``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import sqlite3
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.bootstrap import open_app
from app.cli import build_parser, main
from app.services import auth, card_keys, enrolment
from tests.branch_setup import SUPERVISOR_PASSWORD, set_up_branch
from tests.conftest import OFFICER_PASSWORD, bpu_record

NEW_PASSWORD = "Kantor-Pagi-Cerah-42"
KTP_SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "ktp" / "contoh-ktp.jpg"


@dataclass(frozen=True)
class Row:
    """One command: ``argv`` with ``{who}`` where the account goes, ``kind`` of account it names,
    ``before`` lines of stdin ahead of the password (none yet), ``after`` lines after it."""

    argv: tuple[str, ...]
    kind: str  # "supervisor" | "officer" | "none"
    after: tuple[str, ...] = ()


def _commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        yield path
        return
    for action in subs:
        for name, sub in action.choices.items():
            yield from _commands(sub, (*path, name))


D = "2026-11-20"
TABLE: dict[str, Row] = {
    # --- a supervisor's power: the account named and its password --------------------------------
    "db copy": Row(("db", "copy", "--to", "{tmp}/salinan.sqlite3", "--supervisor", "{who}"), "supervisor"),
    "branch setup (change)": Row(
        (
            "branch",
            "setup",
            "--code",
            "101",
            "--name",
            "KCP Baru",
            "--timezone",
            "Asia/Jakarta",
            "--supervisor",
            "{who}",
        ),
        "supervisor",
    ),
    "officer add": Row(
        ("officer", "add", "baru", "--role", "officer", "--by", "{who}"), "supervisor", (NEW_PASSWORD,)
    ),
    "officer list": Row(("officer", "list", "--by", "{who}"), "supervisor"),
    "officer deactivate": Row(
        ("officer", "deactivate", "edi", "--by", "{who}", "--reason", "pindah"), "supervisor"
    ),
    "officer activate": Row(("officer", "activate", "ani", "--by", "{who}"), "supervisor"),
    "officer unlock": Row(("officer", "unlock", "edi", "--by", "{who}"), "supervisor"),
    "member approve": Row(("member", "approve", "1", "--supervisor", "{who}"), "supervisor"),
    "member reject": Row(
        ("member", "reject", "1", "--supervisor", "{who}", "--reason", "tanpa dokumen"), "supervisor"
    ),
    "member deactivate": Row(
        ("member", "deactivate", "{number}", "--reason", "died", "--supervisor", "{who}"), "supervisor"
    ),
    "demo seed": Row(("demo", "seed", "--members", "1", "--quiet", "--supervisor", "{who}"), "supervisor"),
    "audit key export": Row(
        ("audit", "key", "export", "-o", "{tmp}/kunci.txt", "--supervisor", "{who}"), "supervisor"
    ),
    "pay void": Row(("pay", "void", "1", "--reason", "salah nominal", "--supervisor", "{who}"), "supervisor"),
    "rates load": Row(("rates", "load", "{tmp}/tarif.json", "--supervisor", "{who}"), "supervisor"),
    "card reprint": Row(
        (
            "card",
            "reprint",
            "{number}",
            "--reason",
            "rusak",
            "--officer",
            "budi",
            "--approver",
            "{who}",
            "-o",
            "{tmp}/k.pdf",
        ),
        "supervisor",
    ),
    "keys import": Row(("keys", "import", "{tmp}/kunci-lain.json", "--supervisor", "{who}"), "supervisor"),
    "keys rotate": Row(("keys", "rotate", "--supervisor", "{who}"), "supervisor"),
    "backup": Row(("backup", "-o", "{tmp}/cadangan.sqlite3", "--supervisor", "{who}"), "supervisor"),
    "restore": Row(("restore", "{tmp}/cadangan-lama.sqlite3", "--supervisor", "{who}"), "supervisor"),
    "search reindex": Row(("search", "reindex", "--quiet", "--supervisor", "{who}"), "supervisor"),
    "privacy purge": Row(("privacy", "purge", "--dry-run", "--supervisor", "{who}"), "supervisor"),
    "report day (branch)": Row(("report", "day", "--date", D, "--by", "{who}", "--no-verify"), "supervisor"),
    "day close": Row(("day", "close", "--date", D, "--supervisor", "{who}"), "supervisor"),
    "day reopen": Row(
        ("day", "reopen", "--date", D, "--supervisor", "{who}", "--reason", "salah hitung"), "supervisor"
    ),
    "day pdf": Row(
        ("day", "pdf", "--date", D, "--supervisor", "{who}", "-o", "{tmp}/arsip.pdf"), "supervisor"
    ),
    "export (full NIK)": Row(
        (
            "export",
            "--from",
            D,
            "--to",
            D,
            "--format",
            "csv",
            "-o",
            "{tmp}",
            "--officer",
            "{who}",
            "--full-nik",
        ),
        "supervisor",
    ),
    "import-package": Row(("import-package", "{tmp}/desa.lpkg", "--supervisor", "{who}"), "supervisor"),
    "import-package --check": Row(
        ("import-package", "{tmp}/desa.lpkg", "--supervisor", "{who}", "--check"), "supervisor"
    ),
    "target set": Row(
        (
            "target",
            "set",
            "--regency",
            "16.10",
            "--workers",
            "1000",
            "--target",
            "50",
            "--baseline",
            "34",
            "--baseline-date",
            "2026-01-01",
            "--supervisor",
            "{who}",
        ),
        "supervisor",
    ),
    "package conflicts": Row(("package", "conflicts", "--supervisor", "{who}"), "supervisor"),
    "package resolve": Row(
        ("package", "resolve", "1", "--supervisor", "{who}", "--note", "orang sama"), "supervisor"
    ),
    "package reply": Row(
        ("package", "reply", "--laptop", "201", "-o", "{tmp}/balasan.lbal", "--supervisor", "{who}"),
        "supervisor",
    ),
    "package receive": Row(("package", "receive", "{tmp}/desa.lpkg", "--supervisor", "{who}"), "supervisor"),
    "package setup": Row(
        ("package", "setup", "--home-branch", "none", "--supervisor", "{who}"), "supervisor"
    ),
    "holidays add": Row(
        ("holidays", "add", "2026-12-31", "--name", "Libur daerah", "--supervisor", "{who}"), "supervisor"
    ),
    "holidays workday": Row(("holidays", "workday", "2026-12-24", "--supervisor", "{who}"), "supervisor"),
    "holidays remove": Row(("holidays", "remove", "2026-12-31", "--supervisor", "{who}"), "supervisor"),
    "holidays joint-leave": Row(("holidays", "joint-leave", "off", "--supervisor", "{who}"), "supervisor"),
    # --- an officer's work: the account named (the computer's own account stands for it) ---------
    "officer passwd": Row(("officer", "passwd", "{who}"), "officer"),
    "enrol": Row(("enrol", "--officer", "{who}", "--json", "{tmp}/pekerja.json", "--dry-run"), "officer"),
    "member show": Row(("member", "show", "{number}", "--officer", "{who}"), "officer"),
    "member history": Row(("member", "history", "{number}", "--officer", "{who}"), "officer"),
    "member correct": Row(
        (
            "member",
            "correct",
            "{number}",
            "--field",
            "tempat_lahir",
            "--value",
            "Palembang",
            "--reason",
            "KTP",
            "--officer",
            "{who}",
        ),
        "officer",
    ),
    "member corrections": Row(("member", "corrections", "--officer", "{who}"), "officer"),
    "pay": Row(("pay", "{number}", "--months", "1", "--method", "cash", "--officer", "{who}"), "officer"),
    "sponsor pay": Row(
        (
            "sponsor",
            "pay",
            "--sponsor",
            "Pemkab Ogan Ilir",
            "--months",
            "1",
            "--numbers",
            "{tmp}/nomor.txt",
            "--officer",
            "{who}",
        ),
        "officer",
    ),
    "schedule set": Row(("schedule", "set", "{number}", "--monthly", "--officer", "{who}"), "officer"),
    "card": Row(("card", "{number}", "-o", "{tmp}/kartu.pdf", "--officer", "{who}"), "officer"),
    "card spoil": Row(("card", "spoil", "{number}-1", "--reason", "macet", "--officer", "{who}"), "officer"),
    "cards": Row(
        ("cards", "--numbers", "{tmp}/nomor.txt", "-o", "{tmp}/lembar.pdf", "--quiet", "--officer", "{who}"),
        "officer",
    ),
    "receipt": Row(("receipt", "{number}", "-o", "{tmp}/terima.pdf", "--officer", "{who}"), "officer"),
    "search": Row(("search", "siti", "--officer", "{who}"), "officer"),
    "import": Row(("import", "{tmp}/impor.csv", "--officer", "{who}", "--dry-run"), "officer"),
    "privacy export": Row(
        ("privacy", "export", "{number}", "--officer", "{who}", "-o", "{tmp}/pdp"), "officer"
    ),
    "report day (own)": Row(("report", "day", "--date", D, "--officer", "{who}", "--no-verify"), "officer"),
    "export": Row(
        ("export", "--from", D, "--to", D, "--format", "csv", "-o", "{tmp}", "--officer", "{who}"), "officer"
    ),
    "export-package": Row(
        ("export-package", "--from", D, "--to", D, "-o", "{tmp}/p.lpkg", "--officer", "{who}"), "officer"
    ),
    "target list": Row(("target", "list", "--officer", "{who}"), "officer"),
    "package outbox": Row(("package", "outbox", "--officer", "{who}"), "officer"),
    "backup --daily": Row(("backup", "--daily", "--quiet", "--officer", "{who}"), "officer"),
    "pay receipt": Row(
        ("pay", "receipt", "TBI-101-2026-000001", "-o", "{tmp}/salinan.pdf", "--officer", "{who}"), "officer"
    ),
    "member cover-changes": Row(("member", "cover-changes", "--officer", "{who}"), "officer"),
    "outreach due": Row(("outreach", "due", "--month", "2026-12", "--officer", "{who}"), "officer"),
    "project add": Row(
        (
            "project",
            "add",
            "--name",
            "Jembatan Desa",
            "--owner",
            "Pemdes",
            "--contractor",
            "CV Maju",
            "--value",
            "180000000",
            "--spk",
            "2026-11-01",
            "--from",
            "2026-11",
            "--to",
            "2027-02",
            "--officer",
            "{who}",
        ),
        "officer",
    ),
    "project workers": Row(
        ("project", "workers", "PRJ-101-2026-000001", "{number}", "--officer", "{who}"), "officer"
    ),
    "project pay": Row(
        ("project", "pay", "PRJ-101-2026-000001", "--method", "cash", "--officer", "{who}"), "officer"
    ),
    "ktp read": Row(("ktp", "read", str(KTP_SAMPLE), "--officer", "{who}"), "officer"),
    # --- nobody's data and nobody's power: no account ---------------------------------------------
    "db upgrade": Row(("db", "upgrade"), "none"),
    "db status": Row(("db", "status"), "none"),
    "branch setup": Row(
        ("branch", "setup", "--code", "101", "--name", "X", "--timezone", "Asia/Jakarta"), "none"
    ),
    "self-test": Row(("self-test",), "none"),
    "audit key import": Row(("audit", "key", "import", "{tmp}/kunci.txt"), "none"),
    "audit verify": Row(("audit", "verify"), "none"),
    "quote": Row(("quote", "--json", "{tmp}/pekerja.json", "--months", "1"), "none"),
    "rates show": Row(("rates", "show"), "none"),
    "card list": Row(("card", "list", "{number}"), "none"),
    "verify": Row(("verify", "6BF5YZB2"), "none"),
    "keys export": Row(("keys", "export"), "none"),
    "keys list": Row(("keys", "list"), "none"),
    "backups": Row(("backups",), "none"),
    "restore --check": Row(("restore", "{tmp}/cadangan-lama.sqlite3", "--check"), "none"),
    "day status": Row(("day", "status", "--date", D), "none"),
    "import --template": Row(("import", "--template", "{tmp}/templat.xlsx"), "none"),
    "member cover": Row(("member", "cover", "{number}"), "none"),
    "holidays list": Row(("holidays", "list"), "none"),
    "project show": Row(("project", "show", "PRJ-101-2026-000001"), "none"),
    "project list": Row(("project", "list"), "none"),
    # --- the region: a supervisor (IT) sets it up and reads it; an officer sends a member ----------
    "region init": Row(("region", "init", "--supervisor", "{who}"), "supervisor"),
    "region add-branch": Row(
        (
            "region",
            "add-branch",
            "--branch",
            "postgresql+psycopg://it@127.0.0.1:1/cabang",
            "--supervisor",
            "{who}",
        ),
        "supervisor",
    ),
    "region area": Row(
        ("region", "area", "--branch", "102", "--regencies", "16.10", "--supervisor", "{who}"), "supervisor"
    ),
    "region status": Row(("region", "status", "--supervisor", "{who}"), "supervisor"),
    "region repair": Row(("region", "repair", "--branch", "102", "--supervisor", "{who}"), "supervisor"),
    "region audit": Row(("region", "audit", "--supervisor", "{who}"), "supervisor"),
    "region accept-restore": Row(
        ("region", "accept-restore", "--branch", "102", "--reason", "server rusak", "--supervisor", "{who}"),
        "supervisor",
    ),
    "region restores": Row(("region", "restores", "--supervisor", "{who}"), "supervisor"),
    "region dashboard": Row(("region", "dashboard", "--supervisor", "{who}"), "supervisor"),
    "member move": Row(("member", "move", "{number}", "--to", "102", "--officer", "{who}"), "officer"),
    "member moves": Row(("member", "moves", "--officer", "{who}"), "officer"),
    "member accept-move": Row(("member", "accept-move", "{number}", "--supervisor", "{who}"), "supervisor"),
    "member reject-move": Row(
        ("member", "reject-move", "{number}", "--reason", "salah cabang", "--supervisor", "{who}"),
        "supervisor",
    ),
    "member cancel-move": Row(("member", "cancel-move", "{number}", "--supervisor", "{who}"), "supervisor"),
}

# Parser paths whose rows are named with their sub-action (``pay void``) or their variants.
_PATH_OF = {
    "branch setup (change)": "branch setup",
    "pay void": "pay",
    "pay receipt": "pay",
    "card reprint": "card",
    "card spoil": "card",
    "card list": "card",
    "search reindex": "search",
    "report day (branch)": "report day",
    "report day (own)": "report day",
    "export (full NIK)": "export",
    "import-package --check": "import-package",
    "backup --daily": "backup",
    "restore --check": "restore",
    "import --template": "import",
}


def test_every_command_is_in_the_table() -> None:
    commands = {" ".join(c) for c in _commands(build_parser())}
    covered = {_PATH_OF.get(name, name) for name in TABLE}
    assert commands == covered, f"missing: {commands - covered}; unknown: {covered - commands}"


@dataclass
class Home:
    path: Path
    tmp: Path
    number: str

    def argv(self, row: Row, who: str) -> list[str]:
        fill = {"{who}": who, "{tmp}": str(self.tmp), "{number}": self.number}
        out = []
        for a in row.argv:
            for k, v in fill.items():
                a = a.replace(k, v)
            out.append(a)
        return [*out, "--home", str(self.path)]

    def db(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path / "data" / "loket.sqlite3", isolation_level=None)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Home:
    """siti (supervisor), budi (officer); rina and ani deactivated, tono and edi locked out."""
    root = tmp_path_factory.mktemp("cli-roles")
    path, tmp = root / "home", root / "files"
    tmp.mkdir()
    opened = open_app(home=path)
    ctx = opened.ctx
    set_up_branch(ctx)
    siti = auth.login(ctx, "siti", SUPERVISOR_PASSWORD)
    for name, role in (("budi", "officer"), ("rina", "supervisor"), ("tono", "supervisor"),
                       ("ani", "officer"), ("edi", "officer")):  # fmt: skip
        auth.add_officer(
            ctx, username=name, full_name=name.title(), role=role, password=OFFICER_PASSWORD, by=siti
        )
    for name in ("rina", "ani"):
        auth.set_officer_active(ctx, siti, name, False, "pindah tugas")
    out = enrolment.enrol_worker(ctx, siti, bpu_record())
    assert out.number is not None
    (tmp / "pekerja.json").write_text(json.dumps(bpu_record(nik="1610014508900004")), encoding="utf-8")
    (tmp / "nomor.txt").write_text(out.number + "\n", encoding="utf-8")
    (tmp / "tarif.json").write_text("{}", encoding="utf-8")
    (tmp / "kunci-lain.json").write_text(json.dumps(card_keys.export_keys(ctx)), encoding="utf-8")
    (tmp / "desa.lpkg").write_bytes(b"bukan paket")
    (tmp / "impor.csv").write_text("nik,nama\n1610014508900004,SITI\n", encoding="utf-8")
    (tmp / "cadangan-lama.sqlite3").write_bytes(b"")
    (tmp / "kunci.txt").write_text(ctx.audit_key.hex(), encoding="ascii")
    ctx.engine.dispose()
    h = Home(path, tmp, out.number)
    _relock(h)
    return h


def _relock(h: Home) -> None:
    """Lock tono and edi (real clock: the command line runs on it); clear everyone else's failures."""
    until = (dt.datetime.now(dt.UTC) + dt.timedelta(days=1)).replace(tzinfo=None).isoformat(sep=" ")
    with h.db() as db:
        db.execute(
            "UPDATE officer SET failed_logins = 0, locked_until = NULL WHERE username NOT IN ('tono', 'edi')"
        )
        db.execute("UPDATE officer SET locked_until = ? WHERE username IN ('tono', 'edi')", (until,))


def _run(h: Home, argv: list[str], stdin: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        code = main(argv)
    finally:
        sys.stdin = old
    return code, capsys.readouterr().err


def _events_since(h: Home, seq: int) -> list[tuple[str, str, str | None, str]]:
    with h.db() as db:
        return db.execute(
            "SELECT action, actor, entity_id, details FROM audit_event WHERE seq > ? ORDER BY seq", (seq,)
        ).fetchall()


def _head(h: Home) -> int:
    with h.db() as db:
        return int(db.execute("SELECT max(seq) FROM audit_event").fetchone()[0])


# (case, account, its password, what the person reads, the audit event that records it)
SUPERVISOR_CASES = [
    ("officer", "budi", OFFICER_PASSWORD, "Akses ditolak: hanya supervisor yang boleh", "access.denied"),
    ("no password", "siti", "", "Nama pengguna atau kata sandi salah", "login.failed"),
    ("wrong password", "siti", "Bukan-Sandinya-99", "Nama pengguna atau kata sandi salah", "login.failed"),
    ("deactivated", "rina", OFFICER_PASSWORD, "dinonaktifkan", "login.inactive"),
    ("locked", "tono", OFFICER_PASSWORD, "terkunci", "login.refused_locked"),
]
OFFICER_CASES = [
    ("deactivated", "ani", OFFICER_PASSWORD, "dinonaktifkan", "access.denied"),
    ("locked", "edi", OFFICER_PASSWORD, "terkunci", "access.denied"),
]
SUPERVISOR_ROWS = [n for n, r in TABLE.items() if r.kind == "supervisor"]
OFFICER_ROWS = [n for n, r in TABLE.items() if r.kind == "officer"]


def _check_refusal(
    h: Home, name: str, who: str, code: int, err: str, said: str, action: str, seq: int
) -> None:
    assert code == 3, f"{name} as {who}: exit {code}: {err}"
    assert "Traceback" not in err and err.startswith("loket: ") and said in err, err
    assert len(err.strip().splitlines()) == 1, err
    events = _events_since(h, seq)
    assert any(a == action and (actor == who or entity == who) for a, actor, entity, _d in events), (
        name,
        events,
    )
    assert not any(a in ("officer.add", "db.backup", "day.close", "demo.seed") for a, *_ in events), events


@pytest.mark.parametrize("case", SUPERVISOR_CASES, ids=[c[0] for c in SUPERVISOR_CASES])
@pytest.mark.parametrize("name", SUPERVISOR_ROWS)
def test_a_supervisor_command_refuses(
    home: Home, name: str, case: tuple[str, str, str, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    _label, who, password, said, action = case
    row = TABLE[name]
    seq = _head(home)
    stdin = "\n".join((password, *row.after)) + "\n"
    code, err = _run(home, home.argv(row, who), stdin, capsys)
    _check_refusal(home, name, who, code, err, said, action, seq)
    _relock(home)


@pytest.mark.parametrize("case", OFFICER_CASES, ids=[c[0] for c in OFFICER_CASES])
@pytest.mark.parametrize("name", OFFICER_ROWS)
def test_an_officer_command_refuses_a_deactivated_or_locked_account(
    home: Home, name: str, case: tuple[str, str, str, str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    _label, who, password, said, action = case
    seq = _head(home)
    code, err = _run(home, home.argv(TABLE[name], who), password + "\n" + password + "\n", capsys)
    _check_refusal(home, name, who, code, err, said, action, seq)


def test_the_supervisor_with_the_password_gets_past_the_gate(
    home: Home, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same table, run by siti with her password: nothing is refused for who she is."""
    refusals = []
    for name in SUPERVISOR_ROWS:
        row = TABLE[name]
        code, err = _run(
            home, home.argv(row, "siti"), "\n".join((SUPERVISOR_PASSWORD, *row.after)) + "\n", capsys
        )
        capsys.readouterr()
        if code == 3 and ("Akses ditolak" in err or "kata sandi salah" in err):
            refusals.append((name, err))
        assert "Traceback" not in err, (name, err)
        _relock(home)
    assert refusals == []
