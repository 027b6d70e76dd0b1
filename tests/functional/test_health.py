"""The readiness probe /sante: public, plain text, 503 when the database does not answer."""

from convention_manager import create_app


def test_the_probe_answers_ok_to_anyone_without_a_session(client):
    response = client.get("/sante")

    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok"
    assert response.mimetype == "text/plain"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def test_the_probe_says_503_when_the_database_is_unreachable(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            # A folder that does not exist: SQLite cannot open the file.
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'absent' / 'db.sqlite3'}",
        }
    )

    response = app.test_client().get("/sante")

    assert response.status_code == 503
    assert response.get_data(as_text=True).startswith("base de données injoignable")
