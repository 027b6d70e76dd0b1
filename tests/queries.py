"""Counting the SQL statements a page sends: the measure behind "a fixed number of queries"."""

from sqlalchemy import event


def count_statements(db, client, url):
    """How many SQL statements serving `url` with `client` ran (the page must answer 200),
    leaving out the signed-in account's own, loaded once per session whichever page comes first."""
    statements = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        response = client.get(url)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert response.status_code == 200, url
    return len([s for s in statements if "FROM user_account" not in s])
