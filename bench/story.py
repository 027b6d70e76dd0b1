"""The life of a benchmark convention up to a given day, played through the app's services.

Signature, then the dates that make payments due (the FIPD act notified, the département's
budget voted), activity, the FIPD spend attestation, payment steps and documents sent and
received (the older the due date, the likelier it is settled: so every status exists, and some
items are late), now and then an avenant (a new representative, sometimes lower travel costs,
which can plan a refund), then the end or, rarely, a termination. Some conventions stay drafts.
Every call goes through `services.lifecycle` or `services.avenants`, as the pages do.
"""

from datetime import timedelta
from decimal import Decimal

from convention_manager.exchange import files
from convention_manager.services import avenants, exports, lifecycle

# Chances of a payment's or document's last step, by how long ago it fell due.
PAYMENT_OUTCOMES = (  # (days since due at least, weights of planned, requested, ordered, paid)
    (180, (4, 4, 5, 87)),
    (60, (10, 20, 20, 50)),
    (0, (30, 30, 25, 15)),
)
OBLIGATION_OUTCOMES = ((180, (8, 10, 82)), (60, (20, 30, 50)), (-30, (50, 30, 20)))
PAYMENT_STEPS = ("planned", "requested", "ordered", "paid")
OBLIGATION_STEPS = ("pending", "sent", "received")


def play(convention, rng, as_of):
    """Take one freshly imported draft through its life up to `as_of`."""
    if _stays_draft(convention, rng, as_of):
        return
    signed = convention.start - timedelta(days=rng.randint(3, 45))
    lifecycle.change_status(convention, "signed", signed)
    _events(convention, rng, as_of, signed)
    if convention.start <= as_of:
        lifecycle.change_status(convention, "active", convention.start)
    _attestations(convention, rng, as_of)
    _payments(convention, rng, as_of)
    _obligations(convention, rng, as_of)
    if rng.random() < 0.06:
        _avenant(convention, rng, as_of)
    if rng.random() < 0.03 and convention.start + timedelta(days=160) < as_of:
        latest = min(as_of, convention.end) - timedelta(days=62)
        notice = _between(rng, convention.start + timedelta(days=90), latest)
        if notice is not None:
            lifecycle.terminate(convention, notice)
            return
    if convention.end < as_of and rng.random() < 0.9:
        lifecycle.change_status(convention, "ended", convention.end)


def _stays_draft(convention, rng, as_of):
    if convention.start - timedelta(days=45) > as_of:
        return rng.random() < 0.6
    return rng.random() < 0.04


def _between(rng, first, last):
    """A day from first to last included, or None when there is none."""
    if last < first:
        return None
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _events(convention, rng, as_of, signed):
    """The act notified (FIPD) and the budget voted (département), when already happened."""
    for period in convention.periods:
        for line in period.funding:
            notified = budget_vote = None
            if line.fund == "FIPD":
                notified = max(period.start, signed) + timedelta(days=rng.randint(20, 150))
            elif line.financer.organisation.kind == "department":
                budget_vote = period.start.replace(month=rng.randint(1, 3), day=rng.randint(1, 28))
            if rng.random() < 0.08:
                continue  # not entered yet: the payment's due date stays unknown
            notified = notified if notified and notified <= as_of else None
            budget_vote = budget_vote if budget_vote and budget_vote <= as_of else None
            if notified or budget_vote:
                lifecycle.record_event(
                    convention, line.financer.key, period.label, notified, budget_vote
                )


def _attestations(convention, rng, as_of):
    """The FIPD spend attestation, sent once 60 % or so of the period has gone by."""
    for obligation in list(convention.obligations):
        if obligation.kind != "fipd_spend_attestation":
            continue
        period = next(p for p in convention.periods if p.label == obligation.subject)
        length = (period.end - period.start).days
        sent = period.start + timedelta(days=int(length * rng.uniform(0.6, 0.95)))
        if sent > as_of or rng.random() < 0.15:
            continue
        steps = [("sent", sent)]
        received = sent + timedelta(days=rng.randint(7, 40))
        if received <= as_of and rng.random() < 0.75:
            steps.append(("received", received))
        for status, on in steps:
            lifecycle.record_obligation(convention, obligation.kind, obligation.subject, status, on)


def _payments(convention, rng, as_of):
    periods = {p.label: p for p in convention.periods}
    for payment in sorted(convention.payments, key=lambda p: p.key):
        if payment.kind == "refund":
            continue
        due = payment.due
        if due is None and payment.condition == "on_request":
            due = periods[payment.period_label].start + timedelta(days=rng.randint(30, 120))
        if due is None or due > as_of:
            continue
        last = _outcome(rng, (as_of - due).days, PAYMENT_OUTCOMES, PAYMENT_STEPS)
        on = due
        for status in PAYMENT_STEPS[1 : PAYMENT_STEPS.index(last) + 1]:
            if status == "requested" and payment.condition == "budget_vote":
                continue  # the département pays after its vote without being asked
            on += timedelta(days=rng.randint(3, 25))
            if on > as_of:
                break
            lifecycle.record_payment(convention, payment.key, status, on)


def _obligations(convention, rng, as_of):
    for obligation in list(convention.obligations):
        if obligation.kind == "fipd_spend_attestation" or obligation.due is None:
            continue
        if obligation.due > as_of + timedelta(days=30):
            continue
        days = (as_of - obligation.due).days
        last = _outcome(rng, days, OBLIGATION_OUTCOMES, OBLIGATION_STEPS)
        on = obligation.due - timedelta(days=rng.randint(0, 40))
        for status in OBLIGATION_STEPS[1 : OBLIGATION_STEPS.index(last) + 1]:
            if on > as_of:
                break
            lifecycle.record_obligation(convention, obligation.kind, obligation.subject, status, on)
            on += timedelta(days=rng.randint(5, 45))


def _outcome(rng, days, table, steps):
    weights = next(w for least, w in table if days >= least)
    return rng.choices(steps[: len(weights)], weights)[0]


def _avenant(convention, rng, as_of):
    """A new representative of the first party; half the time, lower travel costs."""
    requested = _between(rng, convention.start, min(convention.end, as_of))
    if requested is None:
        return
    signed = requested + timedelta(days=rng.randint(20, 60))
    raw = files.jsonable(exports.clauses(convention))
    party = raw["parties"][0]
    party["representative"] = f"{party.get('representative') or 'Représentant'} (intérim)"
    costs = raw["periods"][-1]["costs"] if "periods" in raw else raw["costs"]
    if rng.random() < 0.5:
        costs["travel"] = str((Decimal(costs["travel"]) * 4 / 5).quantize(Decimal("1")))
    avenants.record(
        convention.reference,
        raw,
        requested=requested,
        signed=signed if signed <= as_of else None,
    )
