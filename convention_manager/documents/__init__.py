"""Documents filled from a convention: pure context building, and the one module that calls docxtpl.

`context` turns the schedule mapping and a few facts about the convention into text already
written in French (amounts, percentages, dates, labels); `render` fills a DOCX template with it.
Neither imports Flask or the database: the services extract the facts and call them.
"""
