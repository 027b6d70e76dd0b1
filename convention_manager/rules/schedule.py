"""All the rules applied to one convention: financing per period and overall, payments,
obligations and the warnings a drafter must see."""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from convention_manager.formatting import money, percent
from convention_manager.rules import deadlines, fees, funding, payments
from convention_manager.rules.money import ZERO, percent_of, to_fraction
from convention_manager.rules.terms import ADMIN_FEES

FIPD_NOTICE_RATE = Fraction(1, 2)


@dataclass(frozen=True)
class Warning:
    """Something to fix or to know before signing, with a stable code."""

    code: str
    message: str
    period: str | None = None


@dataclass(frozen=True)
class TotalShare:
    """A financer's participation over the whole convention."""

    financer: str
    amount: Decimal
    percent: Decimal


@dataclass(frozen=True)
class Schedule:
    """The computed financing, payment plan and obligations of a convention."""

    reference: str
    periods: tuple[funding.PeriodFunding, ...]
    shares: tuple[TotalShare, ...]
    admin_fees: fees.FeeCheck
    payments: tuple[payments.PlannedPayment, ...]
    obligations: tuple[deadlines.PlannedObligation, ...]
    warnings: tuple[Warning, ...]

    @property
    def total_cost(self):
        """Cost of the whole convention."""
        return sum((p.total_cost for p in self.periods), ZERO)

    @property
    def funded(self):
        """Funding of the whole convention."""
        return sum((p.funded for p in self.periods), ZERO)

    @property
    def gap(self):
        """What no financer covers."""
        return self.total_cost - self.funded

    @property
    def fully_funded(self):
        """Bouclage financier over the whole convention."""
        return self.gap == 0


def build(terms):
    """Apply every rule to the terms of one convention."""
    periods = tuple(funding.allocate_period(period) for period in terms.periods)
    total_cost = sum((p.total_cost for p in periods), ZERO)
    admin_fees = fees.check_admin_fees(
        total_cost, sum((p.costs.get(ADMIN_FEES, ZERO) for p in terms.periods), ZERO)
    )
    planned = _payments(terms, periods)
    attestation_periods = [p.period for p in planned if p.kind == "balance"]
    return Schedule(
        reference=terms.reference,
        periods=periods,
        shares=_total_shares(periods, total_cost),
        admin_fees=admin_fees,
        payments=tuple(planned),
        obligations=tuple(deadlines.obligations(terms, attestation_periods)),
        warnings=tuple(_warnings(terms, periods, admin_fees)),
    )


def _payments(terms, allocations):
    planned = []
    first_payer = set()
    for period, allocation in zip(terms.periods, allocations, strict=True):
        for line, share in zip(period.funding, allocation.shares, strict=True):
            planned.extend(
                payments.line_payments(
                    period,
                    line,
                    share.amount,
                    first_period=line.financer not in first_payer,
                    signed=terms.signed,
                    spend_attested=period.spend_attested,
                )
            )
            if share.amount > 0:
                first_payer.add(line.financer)
    return planned


def _total_shares(periods, total_cost):
    amounts = {}
    for period in periods:
        for share in period.shares:
            amounts[share.financer] = amounts.get(share.financer, ZERO) + share.amount
    return tuple(
        TotalShare(financer, amount, percent_of(amount, total_cost))
        for financer, amount in amounts.items()
    )


def _warnings(terms, periods, admin_fees):
    found = []
    for allocation in periods:
        found.extend(_period_warnings(allocation))
    if not admin_fees.in_range:
        found.append(
            Warning(
                "admin_fees_out_of_range",
                f"Frais de gestion à {percent(admin_fees.rate)} du coût total : le cadre de "
                f"référence les borne entre 5 % et 10 %, soit entre {money(admin_fees.minimum)} "
                f"et {money(admin_fees.maximum)} pour ce budget.",
            )
        )
    return found


def _period_warnings(allocation):
    label = allocation.label
    if allocation.gap > 0:
        yield Warning(
            "financing_gap",
            f"Période {label} : financement incomplet, il manque {money(allocation.gap)} sur "
            f"{money(allocation.total_cost)}. Le recrutement ne peut commencer qu'une fois le "
            "poste financé à 100 %.",
            label,
        )
    for share in allocation.shares:
        if share.is_fipd and to_fraction(share.amount) > FIPD_NOTICE_RATE * to_fraction(
            allocation.total_cost
        ):
            yield Warning(
                "fipd_share_above_half",
                f"Période {label} : la part FIPD ({percent(share.percent)}) dépasse 50 % du coût "
                "prévisionnel, ce qui reste exceptionnel et doit être justifié.",
                label,
            )
        if share.vote_pending:
            yield Warning(
                "vote_pending",
                f"Période {label} : la participation de « {share.financer} » n'est pas encore "
                f"votée ; le montant retenu ({money(share.amount)}) reste prévisionnel.",
                label,
            )
