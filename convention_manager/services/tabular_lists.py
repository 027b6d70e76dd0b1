"""The pages' lists as spreadsheet rows, written by `exports_tabular`."""

from convention_manager import exports_tabular, labels
from convention_manager.exports_tabular import Column

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}
PAYMENT_COLUMNS = (
    Column("Convention", width=26),
    Column("Territoire", width=22),
    Column("Période", width=10),
    Column("Financeur", width=44),
    Column("Versement", width=18),
    Column("Montant", "money", 16),
    Column("Condition", width=36),
    Column("Échéance", "date", 12),
    Column("État", width=12),
    Column("Date de l'état", "date", 14),
    Column("Seuil de dépenses (60 %)", "money", 18),
)
PORTFOLIO_COLUMNS = (
    Column("Financeur", width=50),
    Column("Année", "integer", 8),
    Column("Conventions", "integer", 12),
    Column("Engagé", "money", 16),
    Column("Payé", "money", 16),
    Column("Reste à verser", "money", 16),
    Column("Coût des conventions financées", "money", 20),
    Column("Part du coût (%)", "percent", 12),
)

CONVENTION_COLUMNS = (
    Column("Référence", width=26),
    Column("Intitulé", width=50),
    Column("Territoire", width=22),
    Column("Début", "date", 12),
    Column("Fin", "date", 12),
    Column("Statut", width=12),
    Column("Coût total", "money", 16),
    Column("Financé", "money", 16),
    Column("Reste à financer", "money", 16),
    Column("Prochaine échéance", "date", 14),
    Column("Objet de l'échéance", width=28),
)
OBLIGATION_COLUMNS = (
    Column("Convention", width=26),
    Column("Employeur", width=44),
    Column("Document", width=36),
    Column("Objet", width=28),
    Column("Échéance", "date", 12),
    Column("État", width=14),
    Column("Envoyé le", "date", 12),
    Column("Reçu le", "date", 12),
)


def conventions(rows, syntax):
    """(bytes, file name, MIME type) of the conventions list (overview rows)."""
    data = [
        (
            r.convention.reference,
            r.convention.title,
            r.convention.territory,
            r.convention.start,
            r.convention.end,
            labels.CONVENTION_STATUS[r.convention.status],
            r.total_cost,
            r.funded,
            r.gap,
            r.next_due,
            labels.KIND.get(r.next_label, "") if r.next_label else "",
        )
        for r in rows
    ]
    return _write("Conventions", CONVENTION_COLUMNS, data, "conventions", syntax)


def obligations(rows, syntax):
    """(bytes, file name, MIME type) of the justificatifs list (obligations page rows)."""
    data = [
        (
            r.obligation.convention.reference,
            r.employer,
            labels.KIND[r.obligation.kind],
            r.subject,
            r.obligation.due,
            labels.STATUS["late"] if r.state == "late" else labels.STATUS[r.obligation.status],
            r.obligation.sent_on,
            r.obligation.received_on,
        )
        for r in rows
    ]
    return _write("Justificatifs", OBLIGATION_COLUMNS, data, "justificatifs", syntax)


def payments(rows, syntax):
    """(bytes, file name, MIME type) of the payment rows."""
    data = [
        (
            r.convention.reference,
            r.convention.territory,
            r.payment.period_label,
            r.financer_name,
            labels.KIND[r.payment.kind],
            r.payment.amount,
            labels.CONDITION.get(r.payment.condition, r.payment.condition),
            r.payment.due,
            _situation_label(r),
            r.status_date,
            r.payment.spend_threshold,
        )
        for r in rows
    ]
    return _write("Versements", PAYMENT_COLUMNS, data, "versements", syntax)


def portfolio(result, syntax):
    """(bytes, file name, MIME type) of the portfolio of one year."""
    data = [
        (f.name, result.year, f.conventions, f.committed, f.paid, f.to_come, f.cost, f.share)
        for f in result.financers
    ]
    name = f"portefeuille-{result.year}" if result.year else "portefeuille"
    return _write("Portefeuille", PORTFOLIO_COLUMNS, data, name, syntax)


def _situation_label(row):
    if row.situation == "waiting":
        return "en attente de l'attestation de dépenses"
    return labels.STATUS[row.payment.status]


def _write(title, columns, data, name, syntax):
    if syntax == "xlsx":
        content = exports_tabular.to_xlsx(title, columns, data)
    else:
        content = exports_tabular.to_csv(columns, data)
    return content, f"{name}.{syntax}", FORMATS[syntax]
