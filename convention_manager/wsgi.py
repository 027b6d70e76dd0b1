"""The application as a production server loads it: `gunicorn convention_manager.wsgi:app`.

Each worker builds the app once and keeps it for its whole life, with everything the imports
made (some 130 000 objects: SQLAlchemy, Jinja, lxml, Babel...). Python's cyclic collector walked
them all at each full collection, about every ten requests of a busy page: a pause of 60 to
100 ms, the p95 of the justificatifs page. Frozen once built, they are left out of every
collection; what the requests make is collected as usual.
"""

import gc

from convention_manager import create_app

app = create_app()
gc.freeze()
