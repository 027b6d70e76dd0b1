"""Documents filled from a convention: pure context building, and the one module that calls docxtpl.

`context` (the échéancier), `convention_context` and `avenant_context` turn the schedule mapping
and the facts of a convention into text already written in French (amounts in figures and in
words, percentages, dates, labels), helped by `financing` (the financing of each period),
`avenant_changes` (an avenant's changes in French) and `articles` (the convention's articles,
in order); `catalogue` lists the variables each template may use and `checks` refuses a
template that is not a plain DOCX or uses anything else; `render` fills a DOCX template,
`typography` binds French spaces and `pdf` converts through LibreOffice. None
imports Flask or the database: the services extract the facts and call them.
"""
