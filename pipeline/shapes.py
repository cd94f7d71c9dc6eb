"""The record shapes of pipeline/models.py as plain Python, for the hot path.

`vanban extract FILE` must start in well under a second, and importing
pydantic and building its model classes costs a quarter of a second before
the first file is read. So records are built here, as the plain dicts that
`Model(...).model_dump(mode="json")` would give (fields in model order,
defaults filled in, spans and boxes as lists, the same keys refused), and the
pydantic models stay the contract: `vanban schema` prints them, and
tests/test_shapes.py checks field by field that every shape here is its
model and that real records validate against the models unchanged, so the
two cannot drift apart.
"""
from __future__ import annotations

from typing import Any, Callable

REQUIRED = object()  # a field without a default
Convert = Callable[[Any], Any]


class Shape:
    """One model: its fields in order, each with its default and its conversion."""

    def __init__(self, name: str, *fields: tuple[str, Any, Convert]):
        self.name = name
        self.fields = fields
        self.names = frozenset(f[0] for f in fields)

    def build(self, data: dict) -> dict:
        """The model's JSON form of `data`; a key the model lacks, or a missing one, raises."""
        unknown = data.keys() - self.names
        if unknown:
            raise ValueError(f"{self.name}: unexpected field(s) {sorted(unknown)}")
        out = {}
        for name, default, convert in self.fields:
            if name in data:
                out[name] = convert(data[name])
            elif default is REQUIRED:
                raise ValueError(f"{self.name}: field {name!r} is required")
            else:
                out[name] = default() if callable(default) else default
        return out

    def __call__(self, value: Any) -> dict | None:
        return None if value is None else self.build(value)


def same(value: Any) -> Any:
    return value


def span(value: Any) -> list | None:
    return None if value is None else [value[0], value[1]]


def bbox(value: Any) -> list | None:
    return None if value is None else [float(x) for x in value]


def list_of(convert: Convert) -> Convert:
    def each(values: Any) -> list:
        return [convert(v) for v in values]
    each.item = convert  # type: ignore[attr-defined]  (looked at by the tests)
    return each


def choice(*allowed: str) -> Convert:
    """A Literal field: any other value is refused, as pydantic refuses it."""
    def check(value: Any) -> Any:
        if value not in allowed:
            raise ValueError(f"{value!r} is not one of {allowed}")
        return value
    check.allowed = allowed  # type: ignore[attr-defined]  (compared with the model's Literal by the tests)
    return check


def _lazy(get: Callable[[], Shape]) -> Convert:
    """A shape that refers to itself (a section's children are sections)."""
    return lambda value: get()(value)


SCHEMA_VERSION = 1
EMPTY = list  # a default_factory=list field

SOURCE = Shape("SourceInfo", ("path", REQUIRED, same), ("format", REQUIRED, same), ("sha256", REQUIRED, same),
               ("part", 0, same), ("parts", 1, same), ("encoding", None, same))
ISSUER = Shape("Issuer", ("name", REQUIRED, same), ("parent", None, same), ("inferred", False, same),
               ("span", None, span))
ADDRESSEE = Shape("Addressee", ("name", REQUIRED, same), ("span", None, span))
SECTION = Shape("Section", ("label", REQUIRED, same), ("heading", REQUIRED, same),
                ("kind", REQUIRED, choice("purpose", "content", "solutions", "implementation", "other")),
                ("span", None, span), ("children", EMPTY, list_of(_lazy(lambda: SECTION))))
CITATION = Shape("Citation", ("doc_type", None, same), ("number", None, same), ("name", None, same),
                 ("date", None, same), ("issuer", None, same), ("role", "reference", choice("basis", "reference")),
                 ("mentions", EMPTY, list_of(span)), ("key", None, same))
DEADLINE = Shape("Deadline", ("text", REQUIRED, same),
                 ("kind", REQUIRED, choice("by", "on", "within", "range", "recurring", "continuous")),
                 ("start", None, same), ("end", None, same), ("task", None, same), ("units", EMPTY, list_of(same)),
                 ("span", None, span))
RESPONSIBLE_UNIT = Shape("ResponsibleUnit", ("name", REQUIRED, same),
                         ("role", REQUIRED, choice("lead", "support", "executor")), ("mentions", EMPTY, list_of(span)))
RECIPIENT = Shape("Recipient", ("name", REQUIRED, same), ("purpose", None, same), ("span", None, span))
SIGNER = Shape("Signer", ("name", None, same), ("title", None, same), ("authority", None, same),
               ("on_behalf_of", None, same), ("span", None, span))
REPAIR = Shape("Repair", ("before", REQUIRED, same), ("after", REQUIRED, same), ("span", REQUIRED, span))
PAGE_SPAN = Shape("PageSpan", ("page", REQUIRED, same), ("span", REQUIRED, span))
SOURCE_BOX = Shape("SourceBox", ("page", REQUIRED, same), ("span", REQUIRED, span), ("bbox", None, bbox))
DOCUMENT = Shape(
    "DocumentRecord", ("schema_version", SCHEMA_VERSION, same), ("id", REQUIRED, same), ("source", REQUIRED, SOURCE),
    ("text", REQUIRED, same), ("doc_type", None, same), ("number", None, same), ("issuer", None, ISSUER),
    ("place", None, same), ("date", None, same), ("title", None, same),
    ("addressees", EMPTY, list_of(ADDRESSEE)), ("sections", EMPTY, list_of(SECTION)),
    ("citations", EMPTY, list_of(CITATION)), ("deadlines", EMPTY, list_of(DEADLINE)),
    ("responsible_units", EMPTY, list_of(RESPONSIBLE_UNIT)), ("recipients", EMPTY, list_of(RECIPIENT)),
    ("archive", None, same), ("signer", None, SIGNER), ("warnings", EMPTY, list_of(same)),
    ("repairs", EMPTY, list_of(REPAIR)), ("pages", EMPTY, list_of(PAGE_SPAN)), ("boxes", EMPTY, list_of(SOURCE_BOX)))
ERROR_INFO = Shape("ErrorInfo", ("code", REQUIRED, same), ("message", REQUIRED, same))
ERROR = Shape("ErrorRecord", ("schema_version", SCHEMA_VERSION, same), ("source", REQUIRED, SOURCE),
              ("error", REQUIRED, ERROR_INFO))
