"""
Every cnbudget object as JSON-ready data, and back: :func:`to_json`, :func:`from_json`.

One set of rules, the same for every object, so that a pipeline in any language can
read the output (:func:`json_schema` describes it):

- an object is a JSON object whose ``"type"`` names its class (``"Amount"``, ``"Table"``);
- a :class:`~decimal.Decimal` is a string, exactly as held (``"457.50"``, never a float);
  where a field may hold a number or words (a table cell), the number is tagged:
  ``{"type": "Decimal", "value": "457.50"}``;
- an enum is its value (``"万元"``, ``"total"``);
- a :class:`~cnbudget.spans.Span` is ``[start, end]``;
- a :class:`~cnbudget.codes.Code` is its digits (``"2080505"``), or an object when it
  keeps the text it was read from;
- a :class:`~cnbudget.documents.Document` leaves out its outline, which
  :meth:`~cnbudget.documents.Section.from_elements` rebuilds, and its elements name
  their tables by index (``{"type": "Table", "table": 3}``) rather than repeat them;
  a :class:`~cnbudget.tables.Row` leaves out its columns, which are its table's.

``from_json(to_json(x), type(x))`` rebuilds *x* with every field, spans included.
Needs nothing beyond the standard library's ``json`` to write out; the conversion
itself is `cattrs <https://catt.rs>`_, the converter made for attrs classes.
"""

from __future__ import annotations

import decimal
import enum
import functools
import importlib
import types
import typing
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from .codes import Code, Scheme
from .documents import Document, Element, Section
from .errors import InvalidJSON
from .spans import Span
from .tables import Row, Table

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["SCHEMA_VERSION", "from_json", "json_schema", "to_json"]

T = TypeVar("T")

#: The version of the JSON layout :func:`json_schema` describes; a change that could
#: break a reader (a field renamed, removed or retyped) increments it.
SCHEMA_VERSION = 1


def __dir__() -> list[str]:
    return __all__


def to_json(value: object) -> Any:  # noqa: ANN401 -- JSON-ready data is any of dict, list, str, int, bool, None
    """
    *value* as JSON-ready data: dicts, lists, strings, ints, booleans and ``None``.

    *value* is any cnbudget object (a :class:`~cnbudget.documents.Document`, a
    :class:`~cnbudget.checks.Report`, a :class:`~cnbudget.tables.Table`, a phrase …)
    or a list or tuple of them. Pass the result to :func:`json.dumps`
    (``ensure_ascii=False`` keeps the Chinese readable).

    >>> from cnbudget import parse_amount, to_json
    >>> to_json(parse_amount("457.50万元"))
    {'type': 'Amount', 'value': '457.50', 'unit': '万元', 'qualifier': '', 'source': '457.50万元', 'span': [0, 8]}
    """
    if isinstance(value, Iterator):  # find_phrases() and the other finders
        value = list(value)
    return _converter().unstructure(value)


def from_json(data: object, cls: type[T]) -> T:
    """
    The object of type *cls* that :func:`to_json` turned into *data*.

    *cls* is a cnbudget class (``Document``, ``Report``, ``Table`` …) or a list or
    tuple of one, such as ``list[Amount]``.

    >>> from cnbudget import Amount, from_json, parse_amount, to_json
    >>> from_json(to_json(parse_amount("457.50万元")), Amount)
    <Amount '457.50万元'>

    Raises:
        InvalidJSON: *data* is not what :func:`to_json` makes of a *cls*; the
            problems say where (``$.tables[0].rows[2].cells``) and what was expected.
    """
    try:
        return _converter().structure(data, cls)
    except InvalidJSON:
        raise
    except cattrs.BaseValidationError as error:
        raise InvalidJSON(cattrs.transform_error(error, format_exception=_problem)) from None
    except _INVALID as error:
        raise InvalidJSON([f"{_problem(error, cls)} @ $"]) from None


# What a hook raises for data it cannot read.
_INVALID = (ValueError, TypeError, KeyError, decimal.InvalidOperation)


def _problem(error: BaseException, _type: object) -> str:
    if isinstance(error, KeyError):
        return f"required field missing: {error}"
    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        return f"unknown fields: {', '.join(sorted(error.extra_fields))}"
    return str(error) or type(error).__name__


# --- The converter ---------------------------------------------------------------------

# The modules whose classes may appear in what to_json writes.
_MODULES = (
    "spans",
    "diagnostics",
    "amounts",
    "numerals",
    "changes",
    "dates",
    "codes",
    "references",
    "paths",
    "trees",
    "catalog",
    "tables",
    "facts",
    "phrases",
    "documents",
    "checks",
)

# Fields written elsewhere: a row's columns are its table's; a document's outline is
# rebuilt from its elements.
_LEFT_OUT: dict[type, tuple[str, ...]] = {Row: ("columns",), Document: ("outline",)}


@functools.cache
def _names() -> dict[str, object]:
    """Every class and type alias of the public modules, by name, to resolve annotations."""
    names: dict[str, object] = {"Decimal": Decimal}
    for name in _MODULES:
        module = importlib.import_module(f"{__package__}.{name}")
        names.update(
            (key, value)
            for key, value in vars(module).items()
            if (isinstance(value, type) and value.__module__ == module.__name__)
            or isinstance(value, types.UnionType)
        )
    return names


def _resolved(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    """The fields of *cls* with their annotations evaluated (the modules defer them)."""
    module = importlib.import_module(cls.__module__)
    attrs.resolve_types(cls, globalns={**_names(), **vars(module)})
    return tuple(field for field in attrs.fields(cls) if field.init)


def _annotation(field: attrs.Attribute[Any]) -> type[Any]:
    """A field's type, resolved (a union or a generic alias, for the type checker an object)."""
    return typing.cast("type[Any]", field.type)


def _is_class(cls: object) -> bool:
    return isinstance(cls, type) and attrs.has(cls) and cls not in {Span, Code, Document}


def _members(union: object) -> tuple[object, ...]:
    return tuple(member for member in typing.get_args(union) if member is not type(None))


def _is_union(cls: object) -> bool:
    """A union of two or more types besides ``None`` (``X | None`` is cattrs' own)."""
    origin = typing.get_origin(cls)
    return (origin is types.UnionType or origin is typing.Union) and len(_members(cls)) > 1


@functools.cache
def _converter() -> cattrs.Converter:
    for value in _names().values():  # cattrs reads the annotations as hooks are registered
        if isinstance(value, type) and attrs.has(value):
            _resolved(value)
    converter = cattrs.Converter(
        forbid_extra_keys=True, unstruct_collection_overrides={tuple: list}
    )
    converter.register_unstructure_hook(Decimal, str)
    converter.register_structure_hook(Decimal, lambda data, _: _decimal(data))
    # No coercion: "2026" is not a year, 3.7 not a count, 1 not True.
    for exact in (str, int, bool):
        converter.register_structure_hook(exact, functools.partial(_exactly, exact))
    # Each enum by its own class: they subclass str, whose hooks would pass them through.
    for value in _names().values():
        if isinstance(value, type) and issubclass(value, enum.Enum):
            converter.register_unstructure_hook(value, _enum_value)
            converter.register_structure_hook(value, _enum)
    converter.register_unstructure_hook(Span, lambda span: [span.start, span.end])
    converter.register_structure_hook(Span, lambda data, _: _span(data))
    converter.register_unstructure_hook(Code, _code_data)
    converter.register_structure_hook(Code, lambda data, _: _code(data, converter))
    converter.register_unstructure_hook_factory(
        _is_class, functools.partial(_unstructure_class, converter=converter)
    )
    converter.register_structure_hook_factory(
        _is_class, functools.partial(_structure_class, converter=converter)
    )
    converter.register_unstructure_hook_factory(
        _is_union, functools.partial(_unstructure_union, converter=converter)
    )
    converter.register_structure_hook_factory(
        _is_union, functools.partial(_structure_union, converter=converter)
    )
    converter.register_unstructure_hook(
        Document, functools.partial(_document_data, converter=converter)
    )
    converter.register_structure_hook(
        Document, lambda data, _: _document(data, converter=converter)
    )
    return converter


def _exactly(exact: type[T], data: object, _cls: object) -> T:
    if type(data) is not exact:
        msg = f"expected {exact.__name__}, got {_shown(data)}"
        raise TypeError(msg)
    return data


def _enum_value(member: enum.Enum) -> object:
    return member.value


def _enum(data: object, cls: type[enum.Enum]) -> enum.Enum:
    if type(data) not in {str, int}:
        msg = f"expected a {cls.__name__} ({_values(cls)}), got {_shown(data)}"
        raise TypeError(msg)
    try:
        return cls(data)
    except ValueError:
        msg = f"{_shown(data)} is not a {cls.__name__} ({_values(cls)})"
        raise ValueError(msg) from None


def _values(cls: type[enum.Enum]) -> str:
    return ", ".join(repr(member.value) for member in cls)


def _shown(data: object) -> str:
    text = repr(data)
    return text if len(text) <= 40 else text[:39] + "…"  # noqa: PLR2004


def _decimal(data: object) -> Decimal:
    if not isinstance(data, str):
        # A float has already lost the digits: a Decimal is written as a string.
        msg = f"a Decimal is a string such as '457.50', got {_shown(data)}"
        raise TypeError(msg)
    try:
        number = Decimal(data)
    except decimal.InvalidOperation:
        msg = f"not a decimal number: {_shown(data)}"
        raise ValueError(msg) from None
    if not number.is_finite():
        msg = f"not a finite decimal number: {_shown(data)}"
        raise ValueError(msg)
    return number


def _span(data: object) -> Span:
    if not (
        isinstance(data, list)
        and len(data) == 2  # noqa: PLR2004
        and all(type(offset) is int and offset >= 0 for offset in data)
        and data[0] <= data[1]
    ):
        msg = f"a span is [start, end] with 0 <= start <= end, got {_shown(data)}"
        raise ValueError(msg)
    return Span(data[0], data[1])


def _code_data(code: Code) -> object:
    inferred = code.scheme is Scheme.of(code.digits)
    if inferred and not code.source and code.span is None:
        return code.digits
    data: dict[str, object] = {"type": "Code", "digits": code.digits}
    if not inferred:
        data["scheme"] = code.scheme.value
    data["source"] = code.source
    data["span"] = None if code.span is None else [code.span.start, code.span.end]
    return data


def _code(data: object, converter: cattrs.Converter) -> Code:
    if isinstance(data, str):
        return Code(data)
    fields = _object(data, "Code", required={"digits", "source", "span"}, optional={"scheme"})
    digits = converter.structure(fields["digits"], str)
    scheme = converter.structure(fields["scheme"], Scheme) if "scheme" in fields else None
    source = converter.structure(fields["source"], str)
    span = None if fields["span"] is None else _span(fields["span"])
    if scheme is None:
        return Code(digits, source=source, span=span)
    return Code(digits, scheme, source, span)


def _object(
    data: object,
    name: str,
    *,
    required: set[str],
    optional: frozenset[str] | set[str] = frozenset(),
) -> Mapping[str, Any]:
    """The fields of *data*, an object of type *name* with exactly these keys."""
    if not isinstance(data, dict):
        msg = f"expected an object of type {name!r}, got {_shown(data)}"
        raise TypeError(msg)
    if data.get("type") != name:
        msg = f"expected type {name!r}, got {data.get('type')!r}"
        raise ValueError(msg)
    keys = set(data) - {"type"}
    if missing := required - keys:
        msg = f"required field missing: {', '.join(sorted(missing))}"
        raise ValueError(msg)
    if extra := keys - required - optional:
        msg = f"unknown fields: {', '.join(sorted(extra))}"
        raise ValueError(msg)
    return data


def _unstructure_class(cls: type, converter: cattrs.Converter) -> Callable[[Any], dict[str, Any]]:
    _resolved(cls)
    left_out: dict[str, Any] = {name: override(omit=True) for name in _LEFT_OUT.get(cls, ())}
    fields: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(cls, converter, **left_out)
    name = cls.__name__

    def unstructure(value: object) -> dict[str, Any]:
        return {"type": name, **fields(value)}

    return unstructure


def _structure_class(cls: type, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    _resolved(cls)
    left_out: dict[str, Any] = {name: override(omit=True) for name in _LEFT_OUT.get(cls, ())}
    fields: Callable[[Any, Any], Any] = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True, **left_out
    )
    name = cls.__name__

    def structure(data: object, _cls: object) -> object:
        if not isinstance(data, dict):
            msg = f"expected an object of type {name!r}, got {_shown(data)}"
            raise TypeError(msg)
        if data.get("type") != name:
            msg = f"expected type {name!r}, got {data.get('type')!r}"
            raise ValueError(msg)
        value = fields({key: item for key, item in data.items() if key != "type"}, cls)
        if isinstance(value, Table):  # its rows answer to its column names again
            rows = tuple(attrs.evolve(row, columns=value.columns) for row in value.rows)
            value = attrs.evolve(value, rows=rows)
        return value

    return structure


def _unstructure_union(_union: object, converter: cattrs.Converter) -> Callable[[Any], Any]:
    def unstructure(value: object) -> object:
        if isinstance(value, Decimal):  # beside words: tagged, so that "12.5" stays words
            return {"type": "Decimal", "value": str(value)}
        return converter.unstructure(value, type(value))

    return unstructure


def _structure_union(union: object, converter: cattrs.Converter) -> Callable[[Any, Any], Any]:
    members = _members(union)
    optional = type(None) in typing.get_args(union)
    by_name = {member.__name__: member for member in members if isinstance(member, type)}
    expected = " | ".join(by_name) + (" | None" if optional else "")

    def structure(data: object, _cls: object) -> object:
        if data is None and optional:
            return None
        if isinstance(data, str) and str in members:
            return data
        if isinstance(data, dict):
            tag = data.get("type")
            if tag == "Decimal" and Decimal in members:
                return _decimal(_object(data, "Decimal", required={"value"})["value"])
            if isinstance(tag, str) and tag in by_name and tag not in {"str", "Decimal"}:
                return converter.structure(data, by_name[tag])
        msg = f"expected {expected}, got {_shown(data)}"
        raise ValueError(msg)

    return structure


def _document_data(document: Document, converter: cattrs.Converter) -> dict[str, Any]:
    data = _document_fields(converter)[0](document)
    index = {id(table): number for number, table in enumerate(document.tables)}
    data["elements"] = [
        {"type": "Table", "table": index[id(element)]}
        if isinstance(element, Table) and id(element) in index
        else converter.unstructure(element, Element)
        for element in document.elements
    ]
    return {"type": "Document", **data}


def _document(data: object, converter: cattrs.Converter) -> Document:
    fields = dict(_object(data, "Document", required=set(_document_fields(converter)[1])))
    values: dict[str, Any] = {}
    problems: list[str] = []
    for field in _resolved(Document):
        if field.name in {"outline", "elements"}:
            continue
        try:
            values[field.name] = converter.structure(fields[field.name], _annotation(field))
        except cattrs.BaseValidationError as error:
            problems += cattrs.transform_error(error, f"$.{field.name}", _problem)
        except _INVALID as error:
            problems.append(f"{_problem(error, field.type)} @ $.{field.name}")
    elements = _elements(fields["elements"], values.get("tables"), converter, problems)
    if problems:
        raise InvalidJSON(problems)
    return Document(**values, elements=tuple(elements), outline=Section.from_elements(elements))


def _elements(
    items: object,
    tables: tuple[Table, ...] | None,
    converter: cattrs.Converter,
    problems: list[str],
) -> list[Element]:
    """A document's elements; what is wrong with them goes to *problems*."""
    if not isinstance(items, list):
        problems.append(f"expected a list, got {_shown(items)} @ $.elements")
        return []
    elements: list[Element] = []
    for number, item in enumerate(items):
        if tables is None and _names_a_table(item):
            continue  # the tables are at fault, and reported
        try:
            elements.append(_element(item, tables or (), converter))
        except cattrs.BaseValidationError as error:
            problems += cattrs.transform_error(error, f"$.elements[{number}]", _problem)
        except _INVALID as error:
            problems.append(f"{_problem(error, Element)} @ $.elements[{number}]")
    return elements


def _names_a_table(item: object) -> bool:
    return isinstance(item, dict) and item.get("type") == "Table" and "table" in item


def _element(item: object, tables: tuple[Table, ...], converter: cattrs.Converter) -> Element:
    if _names_a_table(item):
        number = _object(item, "Table", required={"table"})["table"]
        if type(number) is not int or not 0 <= number < len(tables):
            msg = f"an element names table {_shown(number)} of {len(tables)}"
            raise ValueError(msg)
        return tables[number]
    return typing.cast("Element", converter.structure(item, typing.cast("type[Any]", Element)))


@functools.cache
def _document_fields(
    converter: cattrs.Converter,
) -> tuple[Callable[[Document], dict[str, Any]], tuple[str, ...]]:
    """What writes a document's fields but its outline and elements, and the fields it writes."""
    _resolved(Document)
    unstructure = make_dict_unstructure_fn(
        Document, converter, outline=override(omit=True), elements=override(omit=True)
    )
    names = tuple(field.name for field in attrs.fields(Document) if field.name != "outline")
    return unstructure, names


# --- The schema ------------------------------------------------------------------------


def json_schema() -> dict[str, Any]:
    """
    The JSON Schema (draft 2020-12) of what :func:`to_json` writes for a document.

    Its ``$defs`` describe every class, :class:`~cnbudget.checks.Report` included
    (``{"$ref": "#/$defs/Report"}`` checks a report). The same schema ships as
    ``cnbudget/data/cnbudget.schema.json`` for readers in other languages.

    >>> from cnbudget import json_schema
    >>> json_schema()["$defs"]["Span"]["maxItems"]
    2
    """
    return _Schema().build()


class _Schema:
    """The schema of each class, written once into ``$defs``."""

    def __init__(self) -> None:
        self.definitions: dict[str, dict[str, Any]] = {}

    def build(self) -> dict[str, Any]:
        names = _names()
        document = self.of(Document)
        self.of(names["Report"])
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"cnbudget-document-{SCHEMA_VERSION}.schema.json",
            "title": "A cnbudget document",
            "description": "What cnbudget.to_json() writes for a Document, and the CLI's --json.",
            "version": SCHEMA_VERSION,
            **document,
            "$defs": dict(sorted(self.definitions.items())),
        }

    def of(self, cls: object) -> dict[str, Any]:  # noqa: C901, PLR0911, PLR0912 -- a case per kind
        if cls is type(None):
            return {"type": "null"}
        if cls is bool:
            return {"type": "boolean"}
        if cls is int:
            return {"type": "integer"}
        if cls is str:
            return {"type": "string"}
        if cls is Decimal:
            return self.define("Decimal", _DECIMAL)
        if isinstance(cls, type) and issubclass(cls, enum.Enum):
            return self.define(cls.__name__, {"enum": [member.value for member in cls]})
        if cls is Span:
            return self.define("Span", _SPAN)
        if cls is Code:
            return self.define("Code", self.code())
        if _is_union(cls):
            return {"anyOf": [self.in_union(member) for member in typing.get_args(cls)]}
        if typing.get_origin(cls) in {types.UnionType, typing.Union}:  # X | None
            return {"anyOf": [self.of(member) for member in typing.get_args(cls)]}
        if typing.get_origin(cls) is tuple:
            args = typing.get_args(cls)
            if len(args) == 2 and args[1] is Ellipsis:  # noqa: PLR2004
                return {"type": "array", "items": self.of(args[0])}
            return {
                "type": "array",
                "prefixItems": [self.of(arg) for arg in args],
                "minItems": len(args),
                "maxItems": len(args),
            }
        if isinstance(cls, type) and attrs.has(cls):
            if cls.__name__ not in self.definitions:
                self.definitions[cls.__name__] = {}  # a placeholder, for classes that nest
                self.definitions[cls.__name__] = self.attrs_class(cls)
            return {"$ref": f"#/$defs/{cls.__name__}"}
        msg = f"no schema for {cls!r}"
        raise TypeError(msg)

    def in_union(self, member: object) -> dict[str, Any]:
        if member is Decimal:  # tagged beside words
            return self.define("TaggedDecimal", self.tagged_decimal())
        return self.of(member)

    def define(self, name: str, schema: dict[str, Any]) -> dict[str, Any]:
        self.definitions.setdefault(name, schema)
        return {"$ref": f"#/$defs/{name}"}

    def attrs_class(self, cls: type) -> dict[str, Any]:
        fields = [f for f in _resolved(cls) if f.name not in _LEFT_OUT.get(cls, ())]
        properties: dict[str, Any] = {"type": {"const": cls.__name__}}
        for field in fields:
            if cls is Document and field.name == "elements":
                (element,) = typing.get_args(field.type)[:1]
                properties["elements"] = {
                    "type": "array",
                    "items": {"anyOf": [self.table_reference(), *self.of(element)["anyOf"]]},
                }
            else:
                properties[field.name] = self.of(field.type)
        return {
            "type": "object",
            "description": (cls.__doc__ or "").strip().splitlines()[0],
            "properties": properties,
            "required": list(properties),
            "additionalProperties": False,
        }

    def code(self) -> dict[str, Any]:
        digits = {"type": "string", "pattern": r"^[1235][0-9]{2}([0-9]{2}){0,3}$"}
        return {
            "description": "A classification code: its digits, or an object with its source.",
            "anyOf": [
                digits,
                {
                    "type": "object",
                    "properties": {
                        "type": {"const": "Code"},
                        "digits": digits,
                        "scheme": self.of(Scheme),
                        "source": {"type": "string"},
                        "span": self.of(Span | None),
                    },
                    "required": ["type", "digits", "source", "span"],
                    "additionalProperties": False,
                },
            ],
        }

    def tagged_decimal(self) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {"type": {"const": "Decimal"}, "value": self.of(Decimal)},
            "required": ["type", "value"],
            "additionalProperties": False,
        }

    def table_reference(self) -> dict[str, Any]:
        return self.define(
            "TableReference",
            {
                "description": "A table of the document's tables, by index.",
                "type": "object",
                "properties": {"type": {"const": "Table"}, "table": {"type": "integer"}},
                "required": ["type", "table"],
                "additionalProperties": False,
            },
        )


_DECIMAL = {
    "description": "An exact decimal number, as a string.",
    "type": "string",
    "pattern": r"^-?([0-9]+(\.[0-9]*)?|\.[0-9]+)(E[-+]?[0-9]+)?$",
}
_SPAN = {
    "description": "[start, end]: where a thing lies in the parsed text, in characters.",
    "type": "array",
    "prefixItems": [{"type": "integer", "minimum": 0}, {"type": "integer", "minimum": 0}],
    "minItems": 2,
    "maxItems": 2,
}
