"""The DOCX template builders, one module per document, sharing `common` (page, styles, header,
tables). `docx_templates/build.py` runs them all."""
