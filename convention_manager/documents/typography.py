"""French typography in a DOCX: the spaces before ":", ";", "%", "€", "»" and after "«" become
no-break spaces, so that a line never starts with "%" or ends with "«".

Applied to the templates when they are built and to every filled document (the values, such as
"75 %" in a payment rule, come from code and from users). The docxtpl tags (`{%p if x %}`) are
left alone.
"""

import re

from docx.oxml.ns import qn

NO_BREAK = "\u00a0"
RULES = (
    (re.compile(r" (?=[:;»€?!])"), NO_BREAK),
    (re.compile(r" (?=%(?!\}))"), NO_BREAK),
    (re.compile(r"(?<=«) "), NO_BREAK),
)


def french_spaces(text):
    """The text with the spaces French typography binds made unbreakable."""
    for pattern, space in RULES:
        text = pattern.sub(space, text)
    return text


def apply(document):
    """Apply `french_spaces` to every text run of a python-docx document, headers included."""
    parts = [document.element.body]
    for section in document.sections:
        parts += [section.header._element, section.footer._element]
    for part in parts:
        for node in part.iter(qn("w:t")):
            if node.text:
                node.text = french_spaces(node.text)
    return document
