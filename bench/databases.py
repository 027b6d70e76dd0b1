"""The databases bench/run.py measures on: fresh SQLite files, or DATABASE_URL's PostgreSQL
database emptied each time; snapshots of a generated SQLite data set, and their copy into
PostgreSQL.

Generating 10 000 conventions through the services takes many minutes; the run does it once, on
SQLite, and copies the rows it made (same ids, every table, the audit trail included) into
PostgreSQL at each size, so both databases hold the very same data. The rows are the app's own:
only the INSERTs that store them differ.
"""

import os
import sqlite3

import generate
from sqlalchemy import create_engine, select, text

CHUNK = 5000  # rows per INSERT batch when copying


class Databases:
    """Fresh databases of one kind for one run."""

    def __init__(self, backend, folder):
        from convention_manager.config import normalise_database_url

        self.folder = folder
        self.postgres_url = None
        if backend == "postgresql":
            self.postgres_url = normalise_database_url(os.environ["DATABASE_URL"])
            if not self.postgres_url.startswith("postgresql"):
                raise SystemExit("DATABASE_URL doit désigner une base PostgreSQL jetable")
        self.url, self.title = None, backend

    def fresh(self, name):
        """An app on a new, empty database with the schema."""
        from convention_manager.extensions import db

        self.url = self.postgres_url or f"sqlite:///{self.folder / name}.sqlite3"
        app = generate.bench_app(self.url, self.folder)
        with app.app_context():
            if self.postgres_url:
                db.drop_all()
                version = db.session.execute(text("SHOW server_version")).scalar()
                self.title = f"PostgreSQL {version.split()[0]} ({db.engine.url.host})"
            else:
                self.title = f"SQLite {sqlite3.sqlite_version} (temporary files)"
            db.create_all()
            db.session.commit()
        return app

    def close(self, app, drop=False):
        """Let go of the app's connections (and drop its PostgreSQL tables when asked)."""
        from convention_manager.extensions import db

        with app.app_context():
            db.session.remove()
            if drop and self.postgres_url:
                db.drop_all()
            db.engine.dispose()

    def snapshot(self, size):
        """A copy of the current SQLite database, taken with SQLite's backup API."""
        source_path = self.url.removeprefix("sqlite:///")
        target = self.folder / f"snapshot-{size}.sqlite3"
        with sqlite3.connect(source_path) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        source.close()
        copy.close()
        return target

    def copy_from(self, snapshot, app):
        """Every row of a SQLite snapshot into the app's (empty) database, ids kept; returns
        the number of rows copied."""
        from convention_manager.extensions import db

        source = create_engine(f"sqlite:///{snapshot}")
        copied = 0
        with app.app_context(), source.connect() as reading, db.engine.begin() as writing:
            for table in db.metadata.sorted_tables:
                rows = reading.execution_options(stream_results=True).execute(select(table))
                for chunk in rows.mappings().partitions(CHUNK):
                    writing.execute(table.insert(), [dict(row) for row in chunk])
                    copied += len(chunk)
                if self.postgres_url and "id" in table.c:
                    # Explicit ids leave the sequences behind: move them past the copied rows.
                    writing.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                            f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'
                        )
                    )
            if self.postgres_url:
                # A live database has its statistics from autovacuum; rows copied a second ago
                # have none yet, and the planner would guess.
                writing.execute(text("ANALYZE"))
        source.dispose()
        return copied
