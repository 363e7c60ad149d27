"""Reading a rate table's JSON: every figure checked, every problem reported at once.

Format 1 tables hold rates only; format 2 tables also state, per segment, how cover works (the
arrears limit and what follows it), due dates per programme, the late fine, the BPU income
table with a confidence mark per row, JKP's recomposition and the PMI packages. A format 1 table
a supervisor loaded still works: its segments take those rules from the latest table that states
them (``RateBook.cover_rules``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from app.domain.cover import AfterGrace, CoverKind, CoverPolicy, DueRule, GraceBenefits, Starts
from app.domain.issues import DomainError, Issue
from app.domain.messages import msg
from app.domain.rate_checks import RateChecker, find_floats
from app.domain.rates import (
    PAYERS,
    Bracket,
    ContractTier,
    DatedAmount,
    DiscountRule,
    IncomeBase,
    PlacementPackage,
    PmiPackages,
    ProgrammeRate,
    RateTable,
    RecompositionPart,
    RiskClass,
    SegmentRates,
    Shares,
)
from app.domain.reference import PROGRAMMES, SEGMENTS

FORMATS = ("loket-rates/1", "loket-rates/2")
FORMAT = FORMATS[-1]
ROUNDING_RULES = frozenset({"HALF_UP_PER_PROGRAMME_PER_MONTH"})
KINDS = frozenset({"percent", "flat", "risk_class", "none", "bundle", "included", "recomposed"})
BASE_METHODS = frozenset({"minimum", "brackets", "wage", "none"})


def _shares(c: RateChecker, raw: Any, path: str) -> Shares:
    if not isinstance(raw, Mapping) or not raw:
        c.err(
            path, "rates.shares", msg('\'{path}\' harus berisi pembagian, mis. {{"worker": "1"}}.', path=path)
        )
        return Shares(())
    items: list[tuple[str, Fraction]] = []
    for payer in raw:
        if payer not in PAYERS:
            c.err(
                f"{path}.{payer}",
                "rates.payer",
                msg("Pihak pembayar '{payer}' tidak dikenal (employer/worker).", payer=payer),
            )
            continue
        f = c.percent(raw[payer], f"{path}.{payer}")
        if f is not None:
            items.append((payer, f))
    items.sort(key=lambda kv: PAYERS.index(kv[0]))
    return Shares(tuple(items))


def _due(c: RateChecker, raw: Any, path: str, *, required: bool = True) -> DueRule | None:
    if raw is None and not required:
        return None
    if not isinstance(raw, Mapping):
        c.err(path, "rates.required", msg("'{path}' wajib diisi.", path=path))
        return None
    day, offset, shift = raw.get("day"), raw.get("month_offset"), raw.get("holiday_shift", True)
    if not isinstance(day, int) or isinstance(day, bool) or not 1 <= day <= 28:
        c.err(f"{path}.day", "rates.due", "Tanggal jatuh tempo harus 1–28.")
    elif not isinstance(offset, int) or isinstance(offset, bool) or not 0 <= offset <= 2:
        c.err(f"{path}.month_offset", "rates.due", "month_offset harus 0, 1 atau 2.")
    elif not isinstance(shift, bool):
        c.err(f"{path}.holiday_shift", "rates.due", "holiday_shift harus true atau false.")
    else:
        return DueRule(day, offset, shift)
    return None


def _parts(c: RateChecker, raw: Any, path: str) -> tuple[RecompositionPart, ...]:
    if not isinstance(raw, list) or not raw:
        c.err(path, "rates.parts", "Program rekomposisi butuh daftar 'parts'.")
        return ()
    out: list[RecompositionPart] = []
    for i, p in enumerate(raw):
        q = f"{path}[{i}]"
        if not isinstance(p, Mapping):
            c.err(q, "rates.type", msg("'{q}' harus objek.", q=q))
            continue
        start = c.month(p.get("from"), f"{q}.from")
        taken_raw = p.get("taken")
        taken: dict[str, Fraction] = {}
        if not isinstance(taken_raw, Mapping):
            c.err(
                f"{q}.taken", "rates.parts", "'taken' harus berisi program asal dan persennya, mis. JKK 0.14."
            )
        else:
            for code, pct in taken_raw.items():
                if code not in PROGRAMMES:
                    c.err(
                        f"{q}.taken.{code}",
                        "rates.programme",
                        msg("Program '{code}' tidak dikenal.", code=code),
                    )
                    continue
                f = c.percent(pct, f"{q}.taken.{code}")
                if f is not None:
                    taken[code] = f
        government = c.percent(p.get("government", "0"), f"{q}.government")
        if start is not None and government is not None:
            out.append(
                RecompositionPart(start, taken, government, c.text(p, "source", q), c.flag(p, "unconfirmed"))
            )
    if [p.start for p in out] != sorted({p.start for p in out}):
        c.err(path, "rates.order", "Bagian rekomposisi harus urut bulan, tanpa bulan ganda.")
    return tuple(out)


def _cover(c: RateChecker, raw: Any, path: str, *, required: bool) -> CoverPolicy | None:
    if raw is None and not required:
        return None
    if not isinstance(raw, Mapping):
        c.err(path, "rates.required", msg("'{path}' wajib diisi (aturan kepesertaan).", path=path))
        return None
    try:
        kind = CoverKind(str(raw.get("kind")))
        after = AfterGrace(raw.get("after_grace", "END"))
        benefits = GraceBenefits(raw.get("grace_benefits", "AFTER_SETTLEMENT"))
        starts = Starts(raw.get("starts", "FIRST_PAYMENT"))
    except ValueError:
        c.err(
            path,
            "rates.cover",
            msg("'{path}': kind/after_grace/grace_benefits/starts tidak dikenal.", path=path),
        )
        return None
    grace = raw.get("grace_months", 3)
    if not isinstance(grace, int) or isinstance(grace, bool) or not 0 <= grace <= 24:
        c.err(f"{path}.grace_months", "rates.cover", "grace_months harus 0–24.")
        return None
    return CoverPolicy(
        kind, grace, after, benefits, c.text(raw, "source", path), c.flag(raw, "unconfirmed"), starts
    )


def _late_fine(c: RateChecker, raw: Any, path: str) -> Fraction | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        c.err(path, "rates.type", msg("'{path}' harus objek atau null.", path=path))
        return None
    c.text(raw, "source", path)
    return c.percent(raw.get("percent_per_month"), f"{path}.percent_per_month")


def _pmi(c: RateChecker, raw: Any, path: str) -> PmiPackages | None:
    if raw is None:
        return None
    if not isinstance(raw, Mapping):
        c.err(path, "rates.type", msg("'{path}' harus objek.", path=path))
        return None
    packages: list[PlacementPackage] = []
    raw_placement = raw.get("placement")
    if not isinstance(raw_placement, list) or not raw_placement:
        c.err(f"{path}.placement", "rates.pmi", "Paket penempatan PMI wajib diisi.")
    else:
        for i, p in enumerate(raw_placement):
            q = f"{path}.placement[{i}]"
            months = p.get("months") if isinstance(p, Mapping) else None
            amount = c.money(p.get("amount") if isinstance(p, Mapping) else None, f"{q}.amount")
            if not isinstance(months, int) or isinstance(months, bool) or not 1 <= months <= 120:
                c.err(f"{q}.months", "rates.pmi", "Lama kontrak paket harus 1–120 bulan.")
            elif amount is not None:
                packages.append(PlacementPackage(months, amount))
    if [p.months for p in packages] != sorted({p.months for p in packages}):
        c.err(f"{path}.placement", "rates.order", "Paket penempatan harus urut lama kontrak, tanpa ganda.")
    ints = {}
    for key in ("pre_departure", "extra_month"):
        ints[key] = c.money(raw.get(key), f"{path}.{key}") or 0
    for key in ("after_months", "individual_earliest_months"):
        v = raw.get(key, 0)
        if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v <= 24:
            c.err(f"{path}.{key}", "rates.pmi", msg("'{key}' harus 0–24 bulan.", key=key))
            v = 0
        ints[key] = v
    if not packages:
        return None
    return PmiPackages(
        pre_departure=ints["pre_departure"],
        placement=tuple(packages),
        extra_month=ints["extra_month"],
        after_months=ints["after_months"],
        individual_earliest_months=ints["individual_earliest_months"],
        source=c.text(raw, "source", path),
        unconfirmed=c.flag(raw, "unconfirmed"),
    )


def _programme(c: RateChecker, code: str, raw: Any, path: str) -> ProgrammeRate | None:
    if code not in PROGRAMMES:
        c.err(path, "rates.programme", msg("Program '{code}' tidak dikenal.", code=code))
        return None
    if not isinstance(raw, Mapping):
        c.err(path, "rates.type", msg("'{path}' harus objek.", path=path))
        return None
    kind = c.text(raw, "kind", path)
    if kind and kind not in KINDS:
        c.err(f"{path}.kind", "rates.kind", msg("Jenis tarif '{kind}' tidak dikenal.", kind=kind))
        return None
    label = c.text(raw, "label", path, required=False) or code
    source = c.text(raw, "source", path)
    common: dict[str, Any] = {
        "code": code,
        "label": label,
        "kind": kind,
        "note": c.text(raw, "note", path, required=False),
        "source": source,
        "unconfirmed": c.flag(raw, "unconfirmed"),
    }
    common["due"] = _due(c, raw.get("due"), f"{path}.due", required=False)
    if kind == "recomposed":
        common["parts"] = _parts(c, raw.get("parts"), f"{path}.parts")
    if kind == "percent":
        common["shares"] = _shares(c, raw.get("shares"), f"{path}.shares")
    elif kind in ("flat", "bundle"):
        common["amount"] = c.money(raw.get("amount"), f"{path}.amount") or 0
        choices = raw.get("choices") or []
        if not isinstance(choices, list):
            c.err(f"{path}.choices", "rates.type", "'choices' harus daftar nominal rupiah.")
            choices = []
        common["choices"] = tuple(
            a for i, x in enumerate(choices) if (a := c.money(x, f"{path}.choices[{i}]")) is not None
        )
        if kind == "bundle":
            covers = c.strings(raw.get("covers"), f"{path}.covers")
            common["covers"] = tuple(p for p in PROGRAMMES if p in covers)
    elif kind == "risk_class":
        classes: dict[int, RiskClass] = {}
        raw_classes = raw.get("classes")
        if not isinstance(raw_classes, Mapping) or not raw_classes:
            c.err(f"{path}.classes", "rates.classes", "Kelas risiko wajib diisi.")
        else:
            for key, spec in raw_classes.items():
                if not str(key).isdigit() or not isinstance(spec, Mapping):
                    c.err(f"{path}.classes.{key}", "rates.classes", "Kelas risiko harus bernomor 1, 2, ….")
                    continue
                classes[int(key)] = RiskClass(
                    int(key),
                    c.text(spec, "label", f"{path}.classes.{key}", required=False) or f"kelas {key}",
                    _shares(c, spec.get("shares"), f"{path}.classes.{key}.shares"),
                )
        default = raw.get("default_class")
        if default not in classes:
            c.err(
                f"{path}.default_class", "rates.default_class", "Kelas risiko bawaan harus salah satu kelas."
            )
        common["classes"] = dict(sorted(classes.items()))
        common["default_class"] = default if isinstance(default, int) else None
    caps = raw.get("wage_cap")
    if caps is not None:
        entries: list[DatedAmount] = []
        if not isinstance(caps, list):
            c.err(f"{path}.wage_cap", "rates.type", "'wage_cap' harus daftar.")
        else:
            for i, e in enumerate(caps):
                p = f"{path}.wage_cap[{i}]"
                if not isinstance(e, Mapping):
                    c.err(p, "rates.type", msg("'{p}' harus objek.", p=p))
                    continue
                start = c.month(e.get("from"), f"{p}.from")
                amount = c.money(e.get("amount"), f"{p}.amount", nullable=True)
                if start is not None:
                    entries.append(
                        DatedAmount(start, amount, c.text(e, "source", p), c.flag(e, "unconfirmed"))
                    )
            starts = [e.start for e in entries]
            if starts != sorted(set(starts)):
                c.err(f"{path}.wage_cap", "rates.order", "Batas upah harus urut bulan, tanpa bulan ganda.")
        common["wage_cap"] = tuple(entries)
    return ProgrammeRate(**common)


def _base(c: RateChecker, raw: Any, path: str) -> IncomeBase:
    if not isinstance(raw, Mapping):
        c.err(path, "rates.required", msg("'{path}' wajib diisi.", path=path))
        return IncomeBase("none", 0, (), "", "", True)
    method = c.text(raw, "method", path)
    if method and method not in BASE_METHODS:
        c.err(
            f"{path}.method",
            "rates.base_method",
            msg("Metode dasar iuran '{method}' tidak dikenal.", method=method),
        )
    minimum = c.money(raw.get("minimum", 0), f"{path}.minimum") or 0
    brackets: list[Bracket] = []
    raw_brackets = raw.get("brackets") or []
    if not isinstance(raw_brackets, list):
        c.err(f"{path}.brackets", "rates.type", "'brackets' harus daftar.")
        raw_brackets = []
    for i, b in enumerate(raw_brackets):
        p = f"{path}.brackets[{i}]"
        if not isinstance(b, Mapping):
            c.err(p, "rates.type", msg("'{p}' harus objek.", p=p))
            continue
        low = c.money(b.get("low"), f"{p}.low")
        high = c.money(b.get("high"), f"{p}.high", nullable=True)
        base = c.money(b.get("base"), f"{p}.base")
        if low is not None and base is not None:
            brackets.append(Bracket(low, high, base, c.flag(b, "unconfirmed")))
    if method == "brackets":
        if not brackets:
            c.err(f"{path}.brackets", "rates.brackets", "Metode 'brackets' butuh daftar golongan.")
        expected = 0
        for i, b in enumerate(brackets):
            if b.low != expected or (b.high is not None and b.high <= b.low):
                c.err(
                    f"{path}.brackets[{i}]", "rates.brackets", "Golongan harus mulai dari 0 dan bersambung."
                )
                break
            if b.high is None and i != len(brackets) - 1:
                c.err(
                    f"{path}.brackets[{i}]",
                    "rates.brackets",
                    "Hanya golongan terakhir boleh tanpa batas atas.",
                )
                break
            expected = b.high if b.high is not None else expected
        if brackets and brackets[-1].high is not None:
            c.err(
                f"{path}.brackets", "rates.brackets", "Golongan terakhir harus tanpa batas atas (high: null)."
            )
    return IncomeBase(
        method=method,
        minimum=minimum,
        brackets=tuple(brackets),
        assumption=c.text(raw, "assumption", path, required=False),
        source=c.text(raw, "source", path),
        unconfirmed=c.flag(raw, "unconfirmed"),
    )


def _segment(c: RateChecker, code: str, raw: Any, *, version: int) -> SegmentRates | None:
    path = f"segments.{code}"
    if not isinstance(raw, Mapping):
        c.err(path, "rates.type", msg("'{path}' harus objek.", path=path))
        return None
    due = _due(c, raw.get("due"), f"{path}.due") or DueRule(15, 0)
    programmes: dict[str, ProgrammeRate] = {}
    raw_programmes = raw.get("programmes")
    if not isinstance(raw_programmes, Mapping) or not raw_programmes:
        c.err(f"{path}.programmes", "rates.required", msg("'{path}.programmes' wajib diisi.", path=path))
    else:
        for p_code, spec in raw_programmes.items():
            rate = _programme(c, p_code, spec, f"{path}.programmes.{p_code}")
            if rate is not None:
                programmes[p_code] = rate
    for must in ("JKK", "JKM"):
        if must not in programmes and isinstance(raw_programmes, Mapping) and must not in raw_programmes:
            c.err(
                f"{path}.programmes",
                "rates.required",
                msg("Tarif {must} wajib ada untuk segmen {code}.", must=must, code=code),
            )
    tiers: list[ContractTier] = []
    raw_tiers = raw.get("contract_tiers")
    if isinstance(raw_tiers, Mapping):
        for i, t in enumerate(raw_tiers.get("tiers") or []):
            p = f"{path}.contract_tiers.tiers[{i}]"
            if not isinstance(t, Mapping):
                c.err(p, "rates.type", msg("'{p}' harus objek.", p=p))
                continue
            up_to = c.money(t.get("up_to"), f"{p}.up_to", nullable=True)
            rates = {
                k: f for k in ("JKK", "JKM") if k in t and (f := c.percent(t[k], f"{p}.{k}")) is not None
            }
            tiers.append(ContractTier(up_to, rates))
    return SegmentRates(
        code=code,
        label=c.text(raw, "label", path, required=False) or code,
        due=due,
        base=_base(c, raw.get("base"), f"{path}.base"),
        programmes=programmes,
        contract_tiers=tuple(tiers),
        cover=_cover(c, raw.get("cover"), f"{path}.cover", required=version >= 2),
        late_fine=_late_fine(c, raw.get("late_fine"), f"{path}.late_fine"),
        states_late_fine="late_fine" in raw or version >= 2,
        pmi=_pmi(c, raw.get("pmi_packages"), f"{path}.pmi_packages"),
    )


def _discount(c: RateChecker, i: int, raw: Any) -> DiscountRule | None:
    path = f"discounts[{i}]"
    if not isinstance(raw, Mapping):
        c.err(path, "rates.type", msg("'{path}' harus objek.", path=path))
        return None
    first = c.month(raw.get("from"), f"{path}.from")
    last = c.month(raw.get("to"), f"{path}.to")
    fraction = c.percent(raw.get("percent"), f"{path}.percent")
    segments = c.strings(raw.get("segments"), f"{path}.segments")
    programmes = c.strings(raw.get("programmes"), f"{path}.programmes")
    if segments - set(SEGMENTS):
        c.err(f"{path}.segments", "rates.segment", "Segmen potongan tidak dikenal.")
    if programmes - set(PROGRAMMES):
        c.err(f"{path}.programmes", "rates.programme", "Program potongan tidak dikenal.")
    if first is not None and last is not None and last < first:
        c.err(f"{path}.to", "rates.period", "Bulan akhir potongan sebelum bulan awalnya.")
    ident = c.text(raw, "id", path)
    if first is None or last is None or fraction is None:
        return None
    return DiscountRule(
        id=ident,
        label=c.text(raw, "label", path),
        segments=segments,
        programmes=programmes,
        fraction=fraction,
        first=first,
        last=last,
        requires_flags=c.strings(raw.get("requires_flags"), f"{path}.requires_flags"),
        unless_flags=c.strings(raw.get("unless_flags"), f"{path}.unless_flags"),
        excluded_funding=c.strings(raw.get("excluded_funding"), f"{path}.excluded_funding"),
        source=c.text(raw, "source", path),
        unconfirmed=c.flag(raw, "unconfirmed"),
    )


def canonical(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def parse_rate_table(data: Any) -> RateTable:
    """Check a whole table and build it; every problem is reported at once (``DomainError``)."""
    c = RateChecker()
    if not isinstance(data, Mapping):
        raise DomainError(Issue("table", "rates.type", "Tabel tarif harus objek JSON."))
    floats: list[str] = []
    find_floats(data, "", floats)
    for path in floats[:10]:
        c.err(
            path,
            "rates.float",
            msg(
                "'{path}' berupa pecahan biner; tulis persen sebagai teks (\"0.24\") dan rupiah sebagai bilangan bulat.",
                path=path,
            ),
        )
    if data.get("format") not in FORMATS:
        c.err(
            "format",
            "rates.format",
            msg('Format tabel harus "{format}" (atau "{formats}").', format=FORMAT, formats=FORMATS[0]),
        )
    format_no = FORMATS.index(data["format"]) + 1 if data.get("format") in FORMATS else 2
    version = c.text(data, "version", "table")
    effective = c.month(data.get("effective_from"), "effective_from")
    rounding = data.get("rounding")
    rule, rounding_text = "", ""
    if not isinstance(rounding, Mapping):
        c.err("rounding", "rates.required", "'rounding' wajib diisi.")
    else:
        rule = c.text(rounding, "rule", "rounding")
        rounding_text = c.text(rounding, "text", "rounding")
        if rule and rule not in ROUNDING_RULES:
            c.err(
                "rounding.rule",
                "rates.rounding",
                msg("Aturan pembulatan '{rule}' tidak dikenal oleh Loket.", rule=rule),
            )
    segments: dict[str, SegmentRates] = {}
    raw_segments = data.get("segments")
    if not isinstance(raw_segments, Mapping):
        c.err("segments", "rates.required", "'segments' wajib diisi.")
        raw_segments = {}
    for code in SEGMENTS:
        if code not in raw_segments:
            c.err(f"segments.{code}", "rates.required", msg("Tarif segmen {code} wajib ada.", code=code))
            continue
        seg = _segment(c, code, raw_segments[code], version=format_no)
        if seg is not None:
            segments[code] = seg
    for code in raw_segments:
        if code not in SEGMENTS:
            c.err(f"segments.{code}", "rates.segment", msg("Segmen '{code}' tidak dikenal.", code=code))
    raw_discounts = data.get("discounts") or []
    discounts: list[DiscountRule] = []
    if not isinstance(raw_discounts, list):
        c.err("discounts", "rates.type", "'discounts' harus daftar.")
    else:
        for i, d in enumerate(raw_discounts):
            rule_obj = _discount(c, i, d)
            if rule_obj is not None:
                discounts.append(rule_obj)
        ids = [d.id for d in discounts]
        if len(ids) != len(set(ids)):
            c.err("discounts", "rates.duplicate", "Setiap potongan harus punya id yang berbeda.")
    if c.issues:
        raise DomainError(c.issues)
    assert effective is not None
    return RateTable(
        version=version,
        effective_from=effective,
        title=c.text(data, "title", "table", required=False),
        rounding_rule=rule,
        rounding_text=rounding_text,
        segments=segments,
        discounts=tuple(discounts),
        raw=canonical(data),
    )


def parse_rate_json(text: str) -> RateTable:
    """A table from JSON text (a file a supervisor loads, or a stored row)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DomainError(
            Issue(
                "table",
                "rates.json",
                msg(
                    "JSON tidak valid di baris {lineno} kolom {colno}: {msg}",
                    lineno=exc.lineno,
                    colno=exc.colno,
                    msg=exc.msg,
                ),
            )
        ) from exc
    return parse_rate_table(data)
