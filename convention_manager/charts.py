"""Pictures of a convention drawn as inline SVG: the financing split and the payment timeline.

Pure: neither Flask nor the database is imported; callers pass names, Decimal amounts and dates,
and get back SVG markup (a markupsafe.Markup) in which every text has been escaped. Amounts stay
exact: proportions are Fractions, and only the resulting coordinates (layout, not money) are
rounded, to one decimal. Meaning never rests on colour alone: segments carry numbers matching
the legend, and payment states are shapes (filled, hollow, diamond, cross) named in a legend.
"""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from markupsafe import Markup, escape

from convention_manager.formatting import long_date, money, percent, short_date
from convention_manager.rules.money import percent_of, to_fraction

WIDTH = 960
BAR_X, BAR_WIDTH, BAR_HEIGHT = 0, 960, 44
LEGEND_LINE = 24
PALETTE = ("#000091", "#6a6af4", "#009081", "#c3992a", "#716043", "#a94645", "#417dc4", "#8585f6")
GAP_COLOUR = "#ce0500"
MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin") + (
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)
LABEL_WIDTH, PLOT_WIDTH, ROW_HEIGHT, AXIS_HEIGHT = 250, 650, 34, 52
PAYMENT_STATES = ("paid", "open", "awaiting")
OBLIGATION_STATES = ("done", "pending", "late")


@dataclass(frozen=True)
class Segment:
    """One financer's part of the bar."""

    name: str
    amount: Decimal


@dataclass(frozen=True)
class Mark:
    """One event on the timeline; `day` is None while it awaits a condition."""

    day: date | None
    state: str  # payments: paid, open, awaiting; obligations: done, pending, late
    text: str


@dataclass(frozen=True)
class Row:
    """One line of the timeline: a financer's payments, or the obligations."""

    label: str
    marks: tuple[Mark, ...]


def coordinate(value) -> str:
    """A layout number rounded half-up to one decimal, without a trailing ".0": "12.5", "120"."""
    text = str(_rounded(value))
    return text[:-2] if text.endswith(".0") else text


def _rounded(value):
    """A Fraction, Decimal, int or float coordinate as a Decimal with one decimal, half-up."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def financing_bar(segments, total_cost) -> Markup:
    """Horizontal stacked bar of each financer's amount and the gap, with a numbered legend."""
    total = to_fraction(total_cost)
    funded = sum((to_fraction(s.amount) for s in segments), Fraction(0))
    gap = total - funded
    parts = [
        (s.name, to_fraction(s.amount), PALETTE[i % len(PALETTE)]) for i, s in enumerate(segments)
    ]
    if gap > 0:
        parts.append(("Reste à financer", gap, "url(#gap-hatch)"))
    summary = _financing_summary(segments, total_cost, gap)
    height = BAR_HEIGHT + 16 + LEGEND_LINE * len(parts)
    out = [_svg_open(WIDTH, height, summary, "chart chart-financing")]
    out.append(
        '<defs><pattern id="gap-hatch" width="8" height="8" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffe9e9"/>'
        f'<rect width="3" height="8" fill="{GAP_COLOUR}"/></pattern></defs>'
    )
    out.extend(_bar_segments(parts, total))
    out.extend(_legend(parts, total, BAR_HEIGHT + 16))
    out.append("</svg>")
    return Markup("".join(out))


def _bar_segments(parts, total):
    """Each part's rectangle between edges rounded once, so the widths add up to the bar."""
    cumulative = Fraction(0)
    for number, (name, amount, fill) in enumerate(parts, start=1):
        x0 = _rounded(_bar_x(cumulative, total))
        cumulative += amount
        x1 = _rounded(_bar_x(cumulative, total))
        tooltip = f"{number}. {name} : {money(_decimal(amount))}"
        yield (
            f'<rect class="segment" x="{coordinate(x0)}" y="0" width="{coordinate(x1 - x0)}" '
            f'height="{BAR_HEIGHT}" fill="{fill}" stroke="#fff" stroke-width="1">'
            f"<title>{escape(tooltip)}</title></rect>"
        )
        if x1 - x0 >= 18:
            colour = GAP_COLOUR if fill.startswith("url") else "#fff"
            weight = ' font-weight="700"' if fill.startswith("url") else ""
            yield (
                f'<text x="{coordinate((x0 + x1) / 2)}" y="{BAR_HEIGHT // 2 + 5}" '
                f'text-anchor="middle" font-size="14" fill="{colour}"{weight} '
                f'aria-hidden="true">{number}</text>'
            )


def _bar_x(part, total):
    return BAR_X + (part / total * BAR_WIDTH if total else Fraction(0))


def _legend(parts, total, top):
    for number, (name, amount, fill) in enumerate(parts, start=1):
        y = top + (number - 1) * LEGEND_LINE
        share = percent(percent_of(_decimal(amount), _decimal(total))) if total else ""
        yield (
            f'<rect x="0" y="{y}" width="16" height="16" fill="{fill}" stroke="#161616" '
            'stroke-width="0.5"/>'
            f'<text x="24" y="{y + 13}" font-size="14">'
            f'<tspan font-weight="700">{number}.</tspan> {escape(name)} : '
            f'<tspan font-weight="700">{escape(money(_decimal(amount)))}</tspan> '
            f"({escape(share)})</text>"
        )


def _financing_summary(segments, total_cost, gap):
    funded = sum((to_fraction(s.amount) for s in segments), Fraction(0))
    words = [
        f"Financement : {money(_decimal(funded))} sur un coût total de {money(total_cost)}"
        f" ({percent(percent_of(_decimal(funded), total_cost))})."
    ]
    if gap > 0:
        words.append(f"Reste à financer : {money(_decimal(gap))}.")
    words += [f"{s.name} : {money(s.amount)}." for s in segments]
    return " ".join(words)


def timeline(start, end, rows, today) -> Markup:
    """Payments per financer and obligations along the convention's dates, with month ticks."""
    days = [m.day for row in rows for m in row.marks if m.day] + [start, end]
    first, last = min(days), max(days)
    first, last = date(first.year, first.month, 1), _next_month(last)
    scale = _Scale(first, last)
    height = AXIS_HEIGHT + ROW_HEIGHT * len(rows) + 64
    summary = f"Calendrier du {long_date(start)} au {long_date(end)} : " + " ".join(
        _row_summary(row) for row in rows
    )
    out = [_svg_open(WIDTH, height, summary, "chart chart-timeline")]
    out.extend(_month_ticks(scale, AXIS_HEIGHT + ROW_HEIGHT * len(rows)))
    out.append(_period_band(scale, start, end, AXIS_HEIGHT + ROW_HEIGHT * len(rows)))
    for index, row in enumerate(rows):
        out.extend(_row(scale, row, AXIS_HEIGHT + index * ROW_HEIGHT))
    out.extend(_today(scale, today, AXIS_HEIGHT + ROW_HEIGHT * len(rows)))
    out.extend(_shape_legend(height - 22))
    out.append("</svg>")
    return Markup("".join(out))


class _Scale:
    """Days to x coordinates over the plotted span."""

    def __init__(self, first, last):
        self.first, self.span = first, (last - first).days

    def x(self, day):
        return LABEL_WIDTH + Fraction((day - self.first).days, self.span) * PLOT_WIDTH

    def contains(self, day):
        return 0 <= (day - self.first).days <= self.span


def _next_month(day):
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _month_ticks(scale, bottom):
    month, months = date(scale.first.year, scale.first.month, 1), []
    while scale.contains(month):
        months.append(month)
        month = _next_month(month)
    step = 1 if len(months) <= 20 else 3
    for index, month in enumerate(months):
        x = coordinate(scale.x(month))
        yield f'<line x1="{x}" y1="{AXIS_HEIGHT - 6}" x2="{x}" y2="{bottom}" stroke="#ddd"/>'
        if index % step == 0 and scale.x(month) < LABEL_WIDTH + PLOT_WIDTH - 10:
            yield (
                f'<text x="{x}" y="{AXIS_HEIGHT - 10}" font-size="11" fill="#444" dx="2">'
                f"{escape(MONTHS[month.month - 1])}</text>"
            )
        if month.month == 1 or index == 0:
            yield (
                f'<text x="{x}" y="{AXIS_HEIGHT - 26}" font-size="12" font-weight="700" dx="2">'
                f"{month.year}</text>"
            )


def _period_band(scale, start, end, bottom):
    x0, x1 = scale.x(start), scale.x(end)
    return (
        f'<rect x="{coordinate(x0)}" y="{AXIS_HEIGHT - 4}" width="{coordinate(x1 - x0)}" '
        f'height="{bottom - AXIS_HEIGHT + 4}" fill="#f2f2f9">'
        f"<title>{escape(f'Durée de la convention : {short_date(start)} – {short_date(end)}')}"
        "</title></rect>"
    )


def _row(scale, row, top):
    middle = top + ROW_HEIGHT // 2
    yield (
        f'<text x="0" y="{middle + 4}" font-size="12">{escape(_shorten(row.label))}'
        f"<title>{escape(row.label)}</title></text>"
        f'<line x1="{LABEL_WIDTH}" y1="{middle}" x2="{LABEL_WIDTH + PLOT_WIDTH}" y2="{middle}" '
        'stroke="#bbb" stroke-dasharray="2 3"/>'
    )
    waiting = 0
    same_day = {}
    for mark in row.marks:
        same_day[mark.day] = same_day.get(mark.day, 0) + 1
    seen = {}
    for mark in sorted(row.marks, key=lambda m: (m.day is None, m.day or date.min)):
        if mark.day is None:
            x, y = LABEL_WIDTH + PLOT_WIDTH + 24 + 18 * waiting, middle
            waiting += 1
        else:
            # Marks on the same day are stacked across the row rather than drawn on one another.
            rank = seen[mark.day] = seen.get(mark.day, -1) + 1
            x, y = scale.x(mark.day), middle + (2 * rank - same_day[mark.day] + 1) * 7
        yield _shape(mark.state, coordinate(x), y, mark.text)


def _shorten(label, limit=32):
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _shape(state, x, y, text):
    title = f"<title>{escape(text)}</title>"
    shapes = {
        "paid": f'<circle cx="{x}" cy="{y}" r="6" fill="#18753c" stroke="#18753c" '
        'stroke-width="2">',
        "open": f'<circle cx="{x}" cy="{y}" r="6" fill="#fff" stroke="#000091" stroke-width="2">',
        "awaiting": f'<path d="M{x} {y - 7}l7 7-7 7-7-7z" fill="#fff" stroke="#716043" '
        'stroke-width="2">',
        "done": f'<rect x="{x}" y="{y}" width="11" height="11" fill="#18753c" '
        'transform="translate(-5.5 -5.5)">',
        "pending": f'<rect x="{x}" y="{y}" width="11" height="11" fill="#fff" stroke="#000091" '
        'stroke-width="2" transform="translate(-5.5 -5.5)">',
        "late": f'<path d="M{x} {y}m-6 -6l12 12m0 -12l-12 12" stroke="#ce0500" stroke-width="3">',
    }
    closing = {"paid": "</circle>", "open": "</circle>", "done": "</rect>", "pending": "</rect>"}
    return shapes[state] + title + closing.get(state, "</path>")


def _today(scale, today, bottom):
    if today is None:
        return
    if not scale.contains(today):
        side = "après la fin" if today > scale.first else "avant le début"
        note = f"aujourd’hui ({short_date(today)}) : {side} de l’axe"
        yield (
            f'<text x="{WIDTH}" y="12" font-size="11" fill="#ce0500" text-anchor="end">'
            f"{escape(note)}</text>"
        )
        return
    x = coordinate(scale.x(today))
    yield (
        f'<line x1="{x}" y1="{AXIS_HEIGHT - 6}" x2="{x}" y2="{bottom}" stroke="#ce0500" '
        'stroke-width="1.5" stroke-dasharray="4 2"/>'
        f'<text x="{x}" y="{bottom + 14}" font-size="11" fill="#ce0500" '
        f'text-anchor="middle">{escape("aujourd’hui " + short_date(today))}</text>'
    )


LEGEND = (
    ("paid", "versement payé"),
    ("open", "versement prévu"),
    ("awaiting", "en attente de sa condition"),
    ("done", "justificatif envoyé"),
    ("pending", "justificatif à envoyer"),
    ("late", "en retard"),
)


def _shape_legend(y):
    x = 0
    for state, label in LEGEND:
        yield _shape(state, coordinate(x + 8), y, label)
        yield f'<text x="{x + 20}" y="{y + 4}" font-size="12">{escape(label)}</text>'
        x += 40 + 7 * len(label)


def _row_summary(row):
    dated = [m for m in row.marks if m.day]
    waiting = len(row.marks) - len(dated)
    text = f"{row.label} : " + ", ".join(f"{m.text}" for m in dated)
    if waiting:
        text += f"{', ' if dated else ''}{waiting} en attente de condition"
    return text + "."


def _svg_open(width, height, summary, css_class):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="{css_class}" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" aria-label="{escape(summary)}" '
        'font-family="Marianne, DejaVu Sans, Arial, sans-serif">'
        f"<title>{escape(summary)}</title>"
    )


def _decimal(value):
    """An exact fraction of cents back as a Decimal (amounts here are sums of cents)."""
    fraction = to_fraction(value)
    return Decimal(fraction.numerator) / Decimal(fraction.denominator)


BARS_LABEL_WIDTH, BARS_PLOT_WIDTH, BARS_ROW = 330, 420, 30


def horizontal_bars(segments, caption) -> Markup:
    """One horizontal bar per segment, longest for the largest amount, each with its amount and
    its percentage of the segments' sum; `caption` opens the spoken summary."""
    amounts = [to_fraction(s.amount) for s in segments]
    total = sum(amounts, Fraction(0))
    largest = max(amounts, default=Fraction(0))
    height = BARS_ROW * len(segments) + 8
    summary = " ".join(
        [caption]
        + [
            f"{s.name} : {money(s.amount)} ({_share_text(a, total)})."
            for s, a in zip(segments, amounts, strict=True)
        ]
    )
    out = [_svg_open(WIDTH, height, summary, "chart chart-bars")]
    for index, (segment, amount) in enumerate(zip(segments, amounts, strict=True)):
        top = 4 + index * BARS_ROW
        length = amount / largest * BARS_PLOT_WIDTH if largest else Fraction(0)
        out.append(
            f'<text x="{BARS_LABEL_WIDTH - 8}" y="{top + 17}" font-size="13" text-anchor="end">'
            f"{escape(_shorten(segment.name, 44))}<title>{escape(segment.name)}</title></text>"
            f'<rect x="{BARS_LABEL_WIDTH}" y="{top + 3}" width="{coordinate(length)}" '
            f'height="{BARS_ROW - 8}" fill="{PALETTE[index % len(PALETTE)]}"/>'
            f'<text x="{coordinate(BARS_LABEL_WIDTH + length + 8)}" y="{top + 17}" font-size="13">'
            f'<tspan font-weight="700">{escape(money(segment.amount))}</tspan> '
            f"({escape(_share_text(amount, total))})</text>"
        )
    out.append("</svg>")
    return Markup("".join(out))


def _share_text(amount, total):
    return percent(percent_of(_decimal(amount), _decimal(total))) if total else ""
