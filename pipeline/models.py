"""The SPEC §1 output contract as pydantic models.

These are the only shapes that leave the pipeline; the JSON Schema printed by
`vanban schema` is generated from them, so the contract and the code cannot
drift apart. Extra keys beyond SPEC (`repairs`, `encoding`, `citations[].key`, the
PDF source map `pages` and `boxes`)
are additions, never renames.
"""
from __future__ import annotations

from typing import Literal, Optional

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1

Span = tuple[int, int]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceInfo(_Model):
    path: str
    format: str
    sha256: str
    part: int = 0
    parts: int = 1
    encoding: Optional[str] = None


class Issuer(_Model):
    name: str
    parent: Optional[str] = None
    inferred: bool = False
    span: Optional[Span] = None


class Addressee(_Model):
    name: str
    span: Optional[Span] = None


class Section(_Model):
    label: str
    heading: str
    kind: Literal["purpose", "content", "solutions", "implementation", "other"]
    span: Optional[Span] = None
    children: list["Section"] = Field(default_factory=list)


class Citation(_Model):
    doc_type: Optional[str] = None
    number: Optional[str] = None
    name: Optional[str] = None
    date: Optional[str] = None
    issuer: Optional[str] = None
    role: Literal["basis", "reference"] = "reference"
    mentions: list[Span] = Field(default_factory=list)
    key: Optional[str] = None


class Deadline(_Model):
    text: str
    kind: Literal["by", "on", "within", "range", "recurring", "continuous"]
    start: Optional[str] = None
    end: Optional[str] = None
    task: Optional[str] = None
    units: list[str] = Field(default_factory=list)
    span: Optional[Span] = None


class ResponsibleUnit(_Model):
    name: str
    role: Literal["lead", "support", "executor"]
    mentions: list[Span] = Field(default_factory=list)


class Recipient(_Model):
    name: str
    purpose: Optional[str] = None
    span: Optional[Span] = None


class Signer(_Model):
    name: Optional[str] = None
    title: Optional[str] = None
    authority: Optional[str] = None
    on_behalf_of: Optional[str] = None
    span: Optional[Span] = None


class Repair(_Model):
    before: str
    after: str
    span: Span


class PageSpan(_Model):
    """The part of `text` printed on one page of a PDF (1-based page)."""

    page: int
    span: Span


class SourceBox(_Model):
    """A piece of `text` and the rectangle it was read from (x0, top, x1, bottom, PDF points)."""

    page: int
    span: Span
    bbox: Optional[tuple[float, float, float, float]] = None


class DocumentRecord(_Model):
    schema_version: int = SCHEMA_VERSION
    id: str
    source: SourceInfo
    text: str
    doc_type: Optional[str] = None
    number: Optional[str] = None
    issuer: Optional[Issuer] = None
    place: Optional[str] = None
    date: Optional[str] = None
    title: Optional[str] = None
    addressees: list[Addressee] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    responsible_units: list[ResponsibleUnit] = Field(default_factory=list)
    recipients: list[Recipient] = Field(default_factory=list)
    archive: Optional[str] = None
    signer: Optional[Signer] = None
    warnings: list[str] = Field(default_factory=list)
    repairs: list[Repair] = Field(default_factory=list)
    pages: list[PageSpan] = Field(default_factory=list)
    boxes: list[SourceBox] = Field(default_factory=list)


class ErrorInfo(_Model):
    code: str
    message: str


class ErrorRecord(_Model):
    schema_version: int = SCHEMA_VERSION
    source: SourceInfo
    error: ErrorInfo

