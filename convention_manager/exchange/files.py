"""Reading and writing convention files (YAML or JSON) without ever going through float."""

import json
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from convention_manager.exceptions import InvalidConvention


class _ExactLoader(yaml.SafeLoader):
    """YAML loader that reads decimal numbers as Decimal, keeping every digit."""


def _construct_decimal(loader, node):
    text = loader.construct_scalar(node).replace("_", "")
    try:
        return Decimal(text)
    except InvalidOperation:
        raise InvalidConvention(f"nombre illisible « {text} »") from None


_ExactLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)


class _Dumper(yaml.SafeDumper):
    """YAML dumper that writes Decimal amounts as quoted strings ("7500.00")."""


_Dumper.add_representer(Decimal, lambda dumper, value: dumper.represent_str(str(value)))


def read(path):
    """Read a `.yaml`, `.yml` or `.json` file: a list of convention mappings."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".yaml", ".yml", ".json"):
        raise InvalidConvention(f"{path.name} : format inconnu (attendu .yaml, .yml ou .json)")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InvalidConvention(f"{path} : lecture impossible ({error.strerror})") from None
    except UnicodeDecodeError:
        raise InvalidConvention(f"{path.name} : le fichier n'est pas en UTF-8") from None
    return parse(text, "json" if suffix == ".json" else "yaml", path.name)


def parse(text, syntax, name="fichier"):
    """Parse YAML or JSON text into a list of convention mappings."""
    try:
        if syntax == "json":
            data = json.loads(text, parse_float=Decimal)
        else:
            data = yaml.load(text, Loader=_ExactLoader)  # noqa: S506 (a SafeLoader subclass)
    except (yaml.YAMLError, json.JSONDecodeError) as error:
        where = getattr(error, "problem_mark", None) or getattr(error, "lineno", None)
        line = f", ligne {where.line + 1}" if hasattr(where, "line") else ""
        raise InvalidConvention(f"{name} : syntaxe invalide{line}") from None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list) or not data or not all(isinstance(d, dict) for d in data):
        raise InvalidConvention(f"{name} : attendu une convention ou une liste de conventions")
    return data


def dump(data, syntax="yaml"):
    """Serialise convention mappings (one or a list) as YAML or JSON text."""
    if syntax == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, default=_json_default) + "\n"
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def _json_default(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not serialisable")


def jsonable(data):
    """A copy of data with dates and Decimals as strings, fit for a JSON column."""
    return json.loads(json.dumps(data, default=_json_default))
