"""cover per programme: paid programme-months, fines and credits, PU risk class, PMI terms

Revision ID: 0010
Revises: 0006
Create Date: 2026-12-07 12:00:00

A payment now pays named contribution months **per programme**: every ``payment_month`` row of
the old model (one per month) becomes one row per programme the payment priced, with that
programme's amount from the quote kept in ``payment.detail``. Before changing anything, each
member's status under the old model is recorded (``cover_status_before``) so the branch can see
whose status the new model changes, and why (``loket db cover-report``).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 5000


def _month_index(yyyymm: int) -> int:
    return (yyyymm // 100) * 12 + yyyymm % 100 - 1


def _old_status(paid: set[int], since: int, current: int, harvest: frozenset[int]) -> tuple[str, int]:
    """The status the old model showed (frozen copy of the pre-0010 rule): arrears are the due
    months unpaid counting back from this month to the first paid one, more than 3 is NONAKTIF."""
    arrears = 0
    m = current
    while m >= since:
        month_of_year = m % 12 + 1
        if not harvest or month_of_year in harvest:
            if m in paid:
                break
            arrears += 1
        m -= 1
    if arrears == 0:
        return "AKTIF", 0
    return ("MENUNGGAK" if arrears <= 3 else "NONAKTIF"), arrears


def _snapshot(conn: sa.Connection) -> None:
    tz = conn.execute(sa.text("SELECT timezone FROM branch LIMIT 1")).scalar() or "Asia/Jakarta"
    today = dt.datetime.now(ZoneInfo(tz)).date()
    current = today.year * 12 + today.month - 1
    paid: dict[int, set[int]] = {}
    for member_id, month in conn.execute(
        sa.text("SELECT member_id, month FROM payment_month WHERE NOT voided")
    ):
        paid.setdefault(member_id, set()).add(_month_index(month))
    harvest: dict[int, frozenset[int]] = {}
    for member_id, text in conn.execute(sa.text("SELECT member_id, schedule FROM contribution_schedule")):
        if text and text.startswith("HARVEST:"):
            harvest[member_id] = frozenset(int(x) for x in text.split(":", 1)[1].split(",") if x)
    since: dict[int, int] = {}
    for member_id, day in conn.execute(sa.text("SELECT member_id, business_date FROM enrolment ORDER BY id")):
        d = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day))
        since[member_id] = d.year * 12 + d.month - 1
    table = sa.table(
        "cover_status_before",
        sa.column("member_id", sa.Integer),
        sa.column("status", sa.String),
        sa.column("arrears", sa.Integer),
        sa.column("taken_on", sa.Date),
    )
    rows: list[dict[str, Any]] = []
    for member_id, start in since.items():
        status, arrears = _old_status(
            paid.get(member_id, set()), start, current, harvest.get(member_id, frozenset())
        )
        rows.append({"member_id": member_id, "status": status, "arrears": arrears, "taken_on": today})
        if len(rows) >= BATCH:
            conn.execute(table.insert(), rows)
            rows = []
    if rows:
        conn.execute(table.insert(), rows)


def _split_months(conn: sa.Connection) -> None:
    """One row per programme for every old one-per-month row, amounts from the payment's quote."""
    last_id: int | None = None
    quote: dict[str, Any] = {}
    updates: list[dict[str, Any]] = []
    inserts: list[dict[str, Any]] = []
    rows = conn.execute(
        sa.text(
            "SELECT pm.id, pm.payment_id, pm.member_id, pm.month, pm.amount, pm.voided, p.detail "
            "FROM payment_month pm JOIN payment p ON p.id = pm.payment_id ORDER BY pm.id"
        )
    ).all()
    for pm_id, payment_id, member_id, month, amount, voided, detail in rows:
        if payment_id != last_id:  # a payment's months were written together: parse its quote once
            quote, last_id = json.loads(detail), payment_id
        label = f"{month // 100:04d}-{month % 100:02d}"
        per: dict[str, int] = {}
        for line in quote.get("lines", ()):
            if line.get("month") == label:
                per[str(line["programme"])] = per.get(str(line["programme"]), 0) + int(line["amount"])
        for code in quote.get("programmes", ()):
            per.setdefault(str(code), 0)  # a programme paid inside a bundle (PMI's JKM), or without a line
        per.pop("JKP", None)  # JKP carries no contribution of its own
        codes = sorted(per) or ["JKK"]
        first, rest = codes[0], codes[1:]
        updates.append({"row_id": pm_id, "programme": first, "amount": per.get(first, amount)})
        inserts.extend(
            {
                "payment_id": payment_id,
                "member_id": member_id,
                "programme": code,
                "month": month,
                "amount": per[code],
                "voided": voided,
            }
            for code in rest
        )
    if updates:
        conn.execute(
            sa.text("UPDATE payment_month SET programme = :programme, amount = :amount WHERE id = :row_id"),
            updates,
        )
    if inserts:
        table = sa.table(
            "payment_month",
            sa.column("payment_id", sa.Integer),
            sa.column("member_id", sa.Integer),
            sa.column("programme", sa.String),
            sa.column("month", sa.Integer),
            sa.column("amount", sa.BigInteger),
            sa.column("voided", sa.Boolean),
        )
        for i in range(0, len(inserts), BATCH):
            conn.execute(table.insert(), inserts[i : i + BATCH])


def upgrade() -> None:
    conn = op.get_bind()
    op.create_table(
        "cover_status_before",
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("arrears", sa.Integer(), nullable=False),
        sa.Column("taken_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"], ["member.id"], name=op.f("fk_cover_status_before_member_id_member")
        ),
        sa.PrimaryKeyConstraint("member_id", name=op.f("pk_cover_status_before")),
    )
    _snapshot(conn)

    with op.batch_alter_table("payment_month", schema=None) as batch_op:
        batch_op.drop_index("uq_payment_month_live")
        batch_op.add_column(sa.Column("programme", sa.String(length=3), nullable=True))
    _split_months(conn)
    with op.batch_alter_table("payment_month", schema=None) as batch_op:
        batch_op.alter_column("programme", existing_type=sa.String(length=3), nullable=False)
        batch_op.create_index(
            "uq_payment_month_live",
            ["member_id", "programme", "month"],
            unique=True,
            sqlite_where=sa.text("NOT voided"),
            postgresql_where=sa.text("NOT voided"),
        )

    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("fine_total", sa.BigInteger(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("credit_total", sa.BigInteger(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("request_key", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_payment_request_key"), ["request_key"])
        batch_op.drop_constraint(batch_op.f("ck_payment_amounts"), type_="check")
        batch_op.create_check_constraint(
            "amounts",
            "total >= 0 AND gross_total >= 0 AND discount_total >= 0 AND fine_total >= 0 AND credit_total >= 0",
        )

    op.create_table(
        "construction_project",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=24), nullable=False),
        sa.Column("name", sa.String(length=150), nullable=False),
        sa.Column("owner", sa.String(length=150), nullable=False),
        sa.Column("contractor", sa.String(length=150), nullable=False),
        sa.Column("npp", sa.String(length=30), nullable=True),
        sa.Column("contract_value", sa.BigInteger(), nullable=False),
        sa.Column("spk_date", sa.Date(), nullable=False),
        sa.Column("first_month", sa.Integer(), nullable=False),
        sa.Column("last_month", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("registered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("business_date", sa.Date(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("receipt_no", sa.String(length=24), nullable=True),
        sa.Column("method", sa.String(length=10), nullable=True),
        sa.Column("reference", sa.String(length=60), nullable=True),
        sa.Column("jkk", sa.BigInteger(), nullable=False),
        sa.Column("jkm", sa.BigInteger(), nullable=False),
        sa.Column("paid_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("contract_value > 0", name=op.f("ck_construction_project_contract_value")),
        sa.CheckConstraint("last_month >= first_month", name=op.f("ck_construction_project_months")),
        sa.CheckConstraint("status IN ('REGISTERED', 'PAID')", name=op.f("ck_construction_project_status")),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["officer.id"], name=op.f("fk_construction_project_officer_id_officer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_construction_project")),
        sa.UniqueConstraint("code", name=op.f("uq_construction_project_code")),
        sa.UniqueConstraint("receipt_no", name=op.f("uq_construction_project_receipt_no")),
    )

    with op.batch_alter_table("enrolment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("project_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_enrolment_project_id"), ["project_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_enrolment_project_id_construction_project"),
            "construction_project",
            ["project_id"],
            ["id"],
        )
        batch_op.add_column(sa.Column("risk_class", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("pmi_route", sa.String(length=14), nullable=True))
        batch_op.add_column(sa.Column("pmi_contract_months", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("pmi_departure", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("pmi_jht", sa.BigInteger(), nullable=True))

    with op.batch_alter_table("contribution_schedule", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("contribution_schedule", schema=None) as batch_op:
        batch_op.drop_column("reason")
    with op.batch_alter_table("enrolment", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_enrolment_project_id_construction_project"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_enrolment_project_id"))
        for name in (
            "project_id",
            "pmi_jht",
            "pmi_departure",
            "pmi_contract_months",
            "pmi_route",
            "risk_class",
        ):
            batch_op.drop_column(name)
    op.drop_table("construction_project")
    with op.batch_alter_table("payment", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_payment_amounts"), type_="check")
        batch_op.create_check_constraint("amounts", "total >= 0 AND gross_total >= 0 AND discount_total >= 0")
        batch_op.drop_constraint(batch_op.f("uq_payment_request_key"), type_="unique")
        for name in ("request_key", "credit_total", "fine_total"):
            batch_op.drop_column(name)
    op.execute("DELETE FROM payment_month WHERE programme <> 'JKK'")
    with op.batch_alter_table("payment_month", schema=None) as batch_op:
        batch_op.drop_index("uq_payment_month_live")
        batch_op.drop_column("programme")
        batch_op.create_index(
            "uq_payment_month_live",
            ["member_id", "month"],
            unique=True,
            sqlite_where=sa.text("NOT voided"),
            postgresql_where=sa.text("NOT voided"),
        )
    op.drop_table("cover_status_before")
