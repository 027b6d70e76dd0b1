"""Example instance configuration: copy to instance/config.py and adapt."""

# A long random string; generate one with: python -c "import secrets; print(secrets.token_hex(32))"
SECRET_KEY = "replace-me"

# PostgreSQL for several users; the DATABASE_URL environment variable takes precedence.
# SQLALCHEMY_DATABASE_URI = "postgresql+psycopg://convention:secret@127.0.0.1:5432/conventions"

# The cookies go over HTTPS only (unless DEBUG or TESTING). Plain-HTTP intranet only:
# SESSION_COOKIE_SECURE = False
