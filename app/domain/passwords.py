"""Password policy: long enough, not common, not the username."""

from __future__ import annotations

from collections.abc import Container

from app.domain.issues import Issue
from app.domain.messages import msg

MIN_LENGTH = 12
MAX_LENGTH = 256


def check_password(password: str, *, username: str, common: Container[str]) -> list[Issue]:
    issues: list[Issue] = []
    if len(password) < MIN_LENGTH:
        issues.append(
            Issue(
                "password",
                "password.length",
                msg("Kata sandi minimal {min_length} karakter.", min_length=MIN_LENGTH),
            )
        )
    elif len(password) > MAX_LENGTH:
        issues.append(
            Issue(
                "password",
                "password.length",
                msg("Kata sandi paling banyak {max_length} karakter.", max_length=MAX_LENGTH),
            )
        )
    lowered = password.lower()
    if lowered in common or lowered.strip("0123456789!@#$%^&*.") in common:
        issues.append(
            Issue(
                "password",
                "password.common",
                "Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain.",
            )
        )
    if username and username.lower() in lowered:
        issues.append(Issue("password", "password.username", "Kata sandi tidak boleh memuat nama pengguna."))
    if len(set(password)) < 4 and len(password) >= MIN_LENGTH:
        issues.append(
            Issue("password", "password.repetitive", "Kata sandi terlalu berulang; campur huruf dan angka.")
        )
    return issues
