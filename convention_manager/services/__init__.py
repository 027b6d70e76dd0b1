"""Use cases: checked input in, rules applied, rows flushed, domain errors out. Never commit:
the request or the command owns the transaction."""
