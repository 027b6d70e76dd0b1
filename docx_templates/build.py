"""Build the DOCX templates of `docx_templates/` with python-docx: the échéancier
(schedule.docx), the convention (convention.docx) and the avenant (avenant.docx).

Run from the project root: `.venv/bin/python docx_templates/build.py`. The templates are built
by code rather than drawn by hand so that their styles, page set-up and Jinja tags stay
reviewable in one place (`docx_templates/builder/`); the .docx files it writes are committed
alongside and may be copied into `instance/docx_templates/` and retouched in Word or
LibreOffice (keep the `{{ }}` and `{% %}` tags).

Every template: A4 portrait, 2 cm margins; a header with the reference and "Page N sur M" (real
PAGE and NUMPAGES fields); the convention and the avenant number their articles through a Word
numbering bound to the "Article" heading style. Each module's docstring names the context
function that fills it.
"""

from pathlib import Path

from builder import avenant, convention, schedule

HERE = Path(__file__).resolve().parent
BUILDERS = (schedule, convention, avenant)


def build_all(folder=HERE):
    """Write every template into `folder`; returns their paths."""
    return [module.build(Path(folder) / f"{module.NAME}.docx") for module in BUILDERS]


if __name__ == "__main__":
    for path in build_all():
        print(path)
