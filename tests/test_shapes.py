"""The plain-dict records of the hot path (pipeline/shapes.py) are exactly the
pydantic models' records (pipeline/models.py): same fields in the same order,
same defaults, same nesting and choices, and real records of the corpus, the
development documents and the PDF/DOCX layouts validate against the models and
dump back to themselves unchanged."""
from __future__ import annotations

import typing
from pathlib import Path

import pytest
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from pipeline import models, shapes
from pipeline.run import error_record, process_file

ROOT = Path(__file__).resolve().parents[1]
PAIRS = [(shapes.SOURCE, models.SourceInfo), (shapes.ISSUER, models.Issuer), (shapes.ADDRESSEE, models.Addressee),
         (shapes.SECTION, models.Section), (shapes.CITATION, models.Citation), (shapes.DEADLINE, models.Deadline),
         (shapes.RESPONSIBLE_UNIT, models.ResponsibleUnit), (shapes.RECIPIENT, models.Recipient),
         (shapes.SIGNER, models.Signer), (shapes.REPAIR, models.Repair), (shapes.PAGE_SPAN, models.PageSpan),
         (shapes.SOURCE_BOX, models.SourceBox), (shapes.DOCUMENT, models.DocumentRecord),
         (shapes.ERROR_INFO, models.ErrorInfo), (shapes.ERROR, models.ErrorRecord)]


def _models_in(annotation) -> set[type]:
    """The pydantic models an annotation holds (Optional[Issuer], list[Section] …)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return {annotation}
    return set().union(*(_models_in(a) for a in typing.get_args(annotation)))


def _literal(annotation) -> tuple | None:
    if typing.get_origin(annotation) is typing.Literal:
        return typing.get_args(annotation)
    return next(filter(None, map(_literal, typing.get_args(annotation))), None)


def test_every_model_has_its_shape():
    modelled = {m for name, m in vars(models).items() if isinstance(m, type) and issubclass(m, BaseModel)
                and m.__module__ == models.__name__ and not name.startswith("_")}
    assert modelled == {m for _, m in PAIRS}


@pytest.mark.parametrize("shape,model", PAIRS, ids=[m.__name__ for _, m in PAIRS])
def test_shape_has_the_models_fields_defaults_nesting_and_choices(shape, model):
    assert [f[0] for f in shape.fields] == list(model.model_fields)
    by_model = {m: s for s, m in PAIRS}
    for name, default, convert in shape.fields:
        info = model.model_fields[name]
        if info.default_factory is not None:
            assert default is shapes.EMPTY and info.default_factory() == []
        elif info.default is PydanticUndefined:
            assert default is shapes.REQUIRED, name
        else:
            assert default == info.default and type(default) is type(info.default), name
        assert getattr(convert, "allowed", None) == _literal(info.annotation), name
        is_list = typing.get_origin(info.annotation) is list
        nested = _models_in(info.annotation)
        if nested == {model}:  # a section's children: sections, built by the same shape
            child = {"label": "1.", "heading": "h", "kind": "other", "children": [{"label": "a)", "heading": "g",
                                                                                  "kind": "content"}]}
            assert convert([child]) == [shape.build(child)] and is_list
        elif nested:
            (inner,) = nested
            assert (convert.item if is_list else convert) is by_model[inner], name


def _records() -> list[dict]:
    files = sorted((ROOT / "corpus").rglob("*.txt")) + sorted((ROOT.parent / "shared" / "dev").glob("*.md"))
    return [r for f in files for r in process_file(f)]


def test_real_records_are_what_the_models_would_dump():
    records = _records()
    assert len(records) > 40 and any(r["repairs"] for r in records) and any(r["sections"] for r in records)
    for record in records:
        assert models.DocumentRecord.model_validate(record).model_dump(mode="json") == record, record["id"]


def test_pdf_and_docx_records_with_boxes_are_what_the_models_would_dump(layouts):
    records = [r for key in ("pdf_ruled", "docx", "bundle_pdf") for r in process_file(layouts[key])]
    assert any(r["boxes"] for r in records) and any(r["pages"] for r in records)
    for record in records:
        assert models.DocumentRecord.model_validate(record).model_dump(mode="json") == record, record["id"]


def test_error_records_are_what_the_model_would_dump(tmp_path):
    record = error_record(tmp_path / "x.pdf", "corrupt_file", "broken")
    assert models.ErrorRecord.model_validate(record).model_dump(mode="json") == record
    assert record["source"]["format"] == "pdf" and record["schema_version"] == models.SCHEMA_VERSION


@pytest.mark.parametrize("bad", [{"id": "a", "source": {}, "text": ""},  # source lacks its required fields
                                 {"id": "a", "text": "", "source": {"path": "p", "format": "txt", "sha256": ""},
                                  "surprise": 1},
                                 {"id": "a", "text": "", "source": {"path": "p", "format": "txt", "sha256": ""},
                                  "deadlines": [{"text": "t", "kind": "someday"}]}])
def test_shapes_refuse_what_the_models_refuse(bad):
    with pytest.raises(ValueError):
        shapes.DOCUMENT.build(bad)
    with pytest.raises(ValueError):
        models.DocumentRecord.model_validate(bad)
