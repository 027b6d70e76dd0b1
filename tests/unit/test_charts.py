"""The inline SVG pictures: exact proportions, the gap, escaping, dates in order, clean numbers."""

import re
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from convention_manager import charts
from convention_manager.charts import Mark, Row, Segment

HAUT_RHIN = [
    Segment("État, préfecture du Haut-Rhin", Decimal("66550.00")),
    Segment("Collectivité européenne d'Alsace", Decimal("71724.00")),
    Segment("Communes et intercommunalités", Decimal("20000.00")),
    Segment("Caisse d'allocations familiales du Haut-Rhin", Decimal("15000.00")),
]


def segment_rects(svg):
    """(x, width, fill) of each bar segment, in order."""
    return [
        (Fraction(x), Fraction(w), fill)
        for x, w, fill in re.findall(
            r'<rect class="segment" x="([\d.]+)" y="0" width="([\d.]+)" height="\d+" '
            r'fill="([^"]+)"',
            svg,
        )
    ]


def test_segment_widths_are_proportional_to_the_amounts():
    svg = charts.financing_bar(
        [Segment("A", Decimal("100.00")), Segment("B", Decimal("300.00"))], Decimal("400.00")
    )
    rects = segment_rects(svg)

    assert [(x, w) for x, w, _ in rects] == [(0, 240), (240, 720)]  # 960 px: 1/4 and 3/4
    assert "url(#gap-hatch)" not in [fill for _, _, fill in rects]


def test_widths_follow_exact_proportions_for_the_haut_rhin():
    rects = segment_rects(charts.financing_bar(HAUT_RHIN, Decimal("176550.00")))
    total = Fraction(17655000)

    cents = [6655000, 7172400, 2000000, 1500000, 327600]
    for (_, width, _), amount in zip(rects, cents, strict=True):
        assert abs(width - Fraction(amount) / total * charts.BAR_WIDTH) <= Fraction(1, 10)
    assert sum(w for _, w, _ in rects) == charts.BAR_WIDTH  # edges placed cumulatively


def test_the_gap_segment_is_there_iff_there_is_a_gap():
    with_gap = charts.financing_bar(HAUT_RHIN, Decimal("176550.00"))
    full = charts.financing_bar(HAUT_RHIN, Decimal("173274.00"))

    assert segment_rects(with_gap)[-1][2] == "url(#gap-hatch)"
    assert segment_rects(with_gap)[-1][1] == Fraction("17.8")  # 3 276 / 176 550 of 960 px
    assert "Reste à financer : 3\u202f276,00\xa0€" in with_gap
    assert "url(#gap-hatch)" not in [fill for _, _, fill in segment_rects(full)]
    assert "Reste à financer" not in full


def test_the_legend_gives_names_amounts_and_percents_in_french():
    svg = charts.financing_bar(HAUT_RHIN, Decimal("176550.00"))

    assert "Collectivité européenne d&#39;Alsace" in svg
    assert "71\u202f724,00\xa0€" in svg
    assert "(40,63\xa0%)" in svg
    assert 'role="img"' in svg and "<title>Financement : 173\u202f274,00\xa0€" in svg
    assert 'aria-label="Financement : 173\u202f274,00\xa0€ sur un coût total' in svg


def test_amounts_never_go_through_float():
    with pytest.raises(TypeError):
        charts.financing_bar([Segment("A", 100.0)], Decimal("100.00"))


SCRIPT = "<script>alert('x')</script> & Cie"


def test_every_name_is_escaped():
    bar = charts.financing_bar([Segment(SCRIPT, Decimal("10.00"))], Decimal("20.00"))
    line = charts.timeline(
        date(2024, 1, 1),
        date(2024, 12, 31),
        [Row(SCRIPT, (Mark(date(2024, 3, 1), "paid", SCRIPT), Mark(None, "awaiting", SCRIPT)))],
        date(2024, 6, 1),
    )

    for svg in (bar, line):
        assert "<script>" not in svg
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Cie" in svg


def timeline(today=date(2024, 6, 15)):
    marks = (
        Mark(date(2024, 9, 30), "open", "solde"),
        Mark(date(2024, 2, 1), "paid", "acompte"),
        Mark(None, "awaiting", "attend l'attestation"),
        Mark(date(2024, 5, 2), "paid", "mai"),
    )
    reports = (Mark(date(2025, 6, 30), "late", "rapport"), Mark(date(2025, 6, 30), "done", "cr"))
    return charts.timeline(
        date(2024, 1, 1),
        date(2024, 12, 31),
        [Row("État", marks), Row("Justificatifs", reports)],
        today,
    )


def test_dates_are_placed_in_order_and_the_awaiting_marker_at_the_end_of_the_row():
    svg = timeline()
    xs = {title: Fraction(x) for x, title in re.findall(r'cx="([\d.]+)"[^>]*><title>(\w+)', svg)}
    awaiting = Fraction(re.search(r'<path d="M([\d.]+) [^"]*"[^>]*><title>attend', svg)[1])

    assert xs["acompte"] < xs["mai"] < xs["solde"]
    assert awaiting > charts.LABEL_WIDTH + charts.PLOT_WIDTH


def test_month_ticks_are_french_and_today_is_drawn_inside_the_span():
    svg = timeline()

    for month in ("janv.", "févr.", "août", "déc."):
        assert f">{month}</text>" in svg
    assert "aujourd’hui 15/06/2024" in svg
    assert "après la fin de l’axe" in timeline(today=date(2026, 11, 22))


def test_shapes_and_words_not_colour_alone():
    svg = timeline()

    for label in ("versement payé", "versement prévu", "en attente de sa condition", "en retard"):
        assert label in svg


@pytest.mark.parametrize("svg", [timeline(), charts.financing_bar(HAUT_RHIN, Decimal("176550"))])
def test_no_float_noise_in_the_output(svg):
    assert not re.search(r"\d\.\d{2,}", svg)
    assert "e-" not in re.sub(r"[a-zé]e-", "", svg)


@pytest.mark.parametrize(
    ("value", "text"),
    [(Fraction(1, 3), "0.3"), (Fraction(5, 100), "0.1"), (Fraction(240), "240"), (12.25, "12.3")],
)
def test_coordinates_are_rounded_half_up_to_one_decimal(value, text):
    assert charts.coordinate(value) == text
