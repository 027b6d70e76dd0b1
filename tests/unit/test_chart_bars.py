"""The portfolio's horizontal bars: lengths in proportion, French figures, escaped names."""

import re
from decimal import Decimal

from convention_manager import charts

SPLIT = [
    charts.Segment("Collectivité européenne d'Alsace", Decimal("201724")),
    charts.Segment("État, préfecture du Bas-Rhin", Decimal("75000")),
    charts.Segment("<script>alert(1)</script> & Cie", Decimal("0")),
]


def test_the_largest_amount_has_the_full_length_and_the_others_their_proportion():
    svg = charts.horizontal_bars(SPLIT, "Engagements 2024 :")
    widths = [Decimal(w) for w in re.findall(r'<rect x="\d+" y="\d+" width="([\d.]+)"', svg)]

    assert widths == [
        Decimal(charts.BARS_PLOT_WIDTH),
        Decimal("156.2"),  # 75 000 / 201 724 x 420 = 156.15…, half-up to one decimal
        Decimal("0"),
    ]


def test_figures_are_french_and_names_escaped():
    svg = charts.horizontal_bars(SPLIT, "Engagements 2024 :")

    assert "201\u202f724,00\xa0€" in svg and "72,90\xa0%" in svg  # of 276 724
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&amp; Cie" in svg
    assert "Collectivité européenne d&#39;Alsace" in svg
    assert 'role="img"' in svg and "Engagements 2024 :" in svg


def test_no_segments_draws_an_empty_picture():
    svg = charts.horizontal_bars([], "Rien :")

    assert svg.startswith("<svg") and svg.endswith("</svg>") and "<rect" not in svg
