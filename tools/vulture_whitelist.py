"""Names vulture cannot see being used: read by a library, the database, Qt or a test (``make lint``).

Vulture (configured in pyproject.toml) reports a definition no code of ours mentions. Everything
below is used all the same; each entry says by whom. Add an entry only after grepping the name in
app ui tests tools benchmarks build.spec resources: anything else it reports is dead, so delete it.
Qt's overrides (``keyPressEvent``, ``headerData`` …) are matched by ``ignore_names`` in pyproject.toml
instead. This file is never imported; its expressions only name what they whitelist.
"""

# ruff: noqa: B018, F821

# --- Alembic reads these module attributes of every migration ------------------------------------
down_revision
branch_labels
depends_on
downgrade

# --- SQLAlchemy --------------------------------------------------------------------------------------
models, cards_models, contribution_models, day_models  # app.db.all_models imports them to register tables
import_models, region_models, search_models, sync_models
_.cache_ok, _.process_bind_param, _.process_result_value  # TypeDecorator hooks (app/db/models.py)
type_annotation_map  # DeclarativeBase configuration
_on_connect, _on_begin, _refuse_inside_pipeline  # engine event listeners, registered by decorator
_.isolation_level  # pysqlite's attribute, set to None on connect so our begin event starts transactions
(
    KanwilMemberTally,
    KanwilTallyBaseline,
    KanwilNikTwice,
)  # mapped tables: created by metadata and migration 0021, kept by the tally's triggers
RegionalAuditHead  # mapped table: created by metadata and migration 0019, written by a Kanwil trigger
# Mapped columns no Python code reads as an ORM attribute (set by SQL, defaults or constructors; kept
# in the table for the record):
added_at, taken_on, resolved_at, resolved_by_id, committed_at, previous_status
rows_total, rows_enrolled, rows_rejected
_.resolved_at, _.resolved_by_id

# --- Enum members and data fields read from stored data ----------------------------------------------
PURGED, RESOLVED  # record and conflict states stored in the database (CHECK constraints)
EMPLOYER  # AfterGrace.EMPLOYER, named by the rate tables' "after_grace" in resources/data/rates
assumption, rounding_rule  # rate table fields parsed from the shipped JSON and kept with the table
# DTO fields the services fill and no screen shows yet (the lead decides: show them or drop them):
new_serial  # ReprintRequestDTO: the serial the approved reprint produced (app/services/cards/dto.py)
open_conflicts  # LaptopDTO: open conflicts per outreach laptop (app/services/packages/dto.py)

# --- Library protocols: attributes and hooks ReportLab, openpyxl, qrcode, logging and Qt read -------
ah  # ReportLab's Flowable.wrap(availWidth, availHeight) signature
_.fillColor, _.strokeColor, _.barSpacing, _.groupSpacing, _.categoryNames, _.fontSize, _.nudge
_.gridStrokeColor, _.visibleGrid, _.visible, _.valueMin, _.valueMax, _.valueStep, _.boxAnchor
_.labelTextFormat, _.barLabelFormat  # ReportLab chart properties (app/pdf/day_charts.py)
_.alignment, _.comment, _.number_format, _.freeze_panes  # openpyxl cell and sheet properties
_.errorTitle, _.errorStyle, _.promptTitle, _.showInputMessage  # openpyxl data validation
_._get_size, _.read_worksheets  # openpyxl's reader calls these overrides (app/infra/tabular.py)
_._min_column, _._min_row, _._max_column, _._max_row  # openpyxl's read-only sheet reads its size
_.outside  # benchmarks/bench_concurrency.py reads each part by name (getattr)
_.modules_count  # qrcode's QRCode reads it while drawing the function patterns (app/pdf/qr.py)
_.exc_text  # logging.Formatter prints a record's exc_text (app/infra/logs.py)
ISSUE_MESSAGES  # ui/i18n_domain.py is generated for pyside6-lupdate to read, never imported
_._cleanup  # weakref.finalize handle: kept so the work folder is removed with the page

# --- Kept for the tests: a pure entry point the unit tests drive -----------------------------------
QR_MAX_VERSION  # the QR version the card payload must fit in (tests/unit/test_card_payload.py)
qr_matrix  # the QR encoder's module matrix, compared with a reference encoder (tests/unit/test_qr.py)
