"""The rules' plain terms read from a convention's canonical form (see `schema.normalise`)."""

from convention_manager.rules.money import parse_share
from convention_manager.rules.terms import FundingLine, Period, Terms, Tranche


def from_canonical(canonical, signed=None):
    """Terms of a checked convention mapping, for computing what it plans."""
    kinds = {p["key"]: p["kind"] for p in canonical["parties"]}
    return Terms(
        reference=canonical["reference"],
        start=canonical["start"],
        end=canonical["end"],
        financial_year_end=canonical["financial_year_end"],
        signed=signed,
        periods=tuple(_period(p, kinds) for p in canonical["periods"]),
    )


def _period(period, kinds):
    return Period(
        label=period["label"],
        start=period["start"],
        end=period["end"],
        costs=dict(period["costs"]),
        funding=tuple(_line(line, kinds) for line in period["funding"]),
    )


def _line(line, kinds):
    return FundingLine(
        financer=line["financer"],
        financer_kind=kinds[line["financer"]],
        fund=line["fund"],
        share=parse_share(line["share"]) if line["share"] else None,
        amount=line["amount"],
        cap=line["cap"],
        requested=line["requested"],
        voted=line["voted"],
        notified=line["notified"],
        budget_vote=line["budget_vote"],
        tranches=tuple(
            Tranche(
                percent=parse_share(t["percent"]) if t["percent"] else None,
                amount=t["amount"],
                condition=t["condition"],
                due=t["due"],
            )
            for t in line["tranches"]
        ),
    )
