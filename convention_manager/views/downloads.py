"""File responses shared by the pages: a spreadsheet or document sent as an attachment."""

from flask import Response


def attachment(data, name, mimetype):
    """Bytes sent as a download named `name`."""
    return Response(
        data, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
