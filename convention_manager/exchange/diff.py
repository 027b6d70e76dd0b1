"""What an avenant changes: the difference between two versions of a convention's clauses,
down to nested items (parties by key, periods by label, funding lines by financer)."""

from dataclasses import asdict, dataclass

# Which part of the convention each field belongs to, so that an avenant can name the article.
ARTICLE_OF = {
    "title": "object",
    "post_kind": "object",
    "territory": "object",
    "posts": "status",
    "fte": "status",
    "start": "duration",
    "end": "duration",
    "financial_year_end": "reporting",
    "court": "disputes",
    "parties": "parties",
    "signatories": "parties",
    "employer": "parties",
    "functional_authority": "parties",
    "periods": "financial",
    "costs": "financial",
    "funding": "financial",
}
KEYED_LISTS = {"parties": "key", "periods": "label", "funding": "financer"}
IGNORED = {"reference", "explicit"}


@dataclass(frozen=True)
class Change:
    """One changed value: where it is, the article it touches, before and after."""

    path: str
    article: str
    before: object
    after: object

    def as_dict(self):
        """Plain mapping for JSON storage."""
        return asdict(self)


def changes(before, after):
    """Every difference between two convention mappings, in document order."""
    return list(_walk(before, after, ""))


def _walk(before, after, path):
    if isinstance(before, dict) and isinstance(after, dict):
        for key in _keys(before, after):
            if key in IGNORED:
                continue
            yield from _walk(before.get(key), after.get(key), _join(path, key))
    elif isinstance(before, list) and isinstance(after, list) and _list_key(path):
        field = _list_key(path)
        old = {item.get(field): item for item in before if isinstance(item, dict)}
        new = {item.get(field): item for item in after if isinstance(item, dict)}
        for key in _keys(old, new):
            yield from _walk(old.get(key), new.get(key), f"{path}[{key}]")
    elif before != after:
        yield Change(path, _article(path), before, after)


def _keys(first, second):
    return list(first) + [k for k in second if k not in first]


def _join(path, key):
    return f"{path}.{key}" if path else str(key)


def _list_key(path):
    return KEYED_LISTS.get(path.rsplit(".", 1)[-1].split("[")[0])


def _article(path):
    top = path.split(".")[0].split("[")[0]
    return ARTICLE_OF.get(top, "other")
