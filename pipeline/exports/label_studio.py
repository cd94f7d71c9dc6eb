"""`vanban export --format label-studio`: tasks for correcting extractions.

Each document record becomes one Label Studio task: the record text to
label, the pipeline's evidence spans as pre-annotations (one label per field
family, a role choice on each unit), and the scalar values (type, number,
date …) as editable text areas. An annotator corrects them and exports the
project as JSON; `vanban gold import` (pipeline/gold_import.py) reads that
export back into gold files. The labelling config the tasks need is written
beside them as `<out stem>.label-config.xml`.

Formats: Label Studio's task import JSON (`data` plus `predictions[].result`)
and its region results (`type: labels` with `value.start/end/text/labels`,
`type: choices` and `type: textarea`), as its documentation describes them.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from pipeline.evidence import FAMILIES, Evidence, evidence
from pipeline.records import is_error, iter_records

MODEL_VERSION = "vanban"
LABELS_NAME, TEXT_NAME, ROLE_NAME = "label", "text", "role"
# Field family -> the label annotators see (and the gold import reads).
LABELS: dict[str, str] = {
    "issuer": "Issuer", "addressees": "Addressee", "sections": "Section", "citations": "Citation",
    "deadlines": "Deadline", "units": "Unit", "recipients": "Recipient", "signer": "Signer",
}
COLOURS = {"issuer": "#ffd166", "addressees": "#cdb4db", "sections": "#a0c4ff", "citations": "#9be564",
           "deadlines": "#ff9f80", "units": "#7ee0d8", "recipients": "#f4a6c6", "signer": "#d4c4a8"}
ROLES = ("lead", "support", "executor")
# Text area name -> how its value is read from a record (scalars SPEC scores).
TEXT_AREAS: dict[str, tuple[str, str | None]] = {
    "doc_type": ("doc_type", None), "number": ("number", None), "place": ("place", None),
    "date": ("date", None), "title": ("title", None), "archive": ("archive", None),
    "signer_name": ("signer", "name"), "signer_title": ("signer", "title"),
}


def region_id(e: Evidence, k: int) -> str:
    """A region's id names the record entry it came from, so the import can
    tell a region the annotator left alone from one they drew or moved."""
    return f"{e.item}~{k}"


def label_config() -> str:
    labels = "\n".join(f"    <Label value={quoteattr(LABELS[f])} background={quoteattr(COLOURS[f])}/>"
                       for f in FAMILIES)
    roles = "\n".join(f"    <Choice value={quoteattr(r)}/>" for r in ROLES)
    areas = "\n".join(f'  <Header value={quoteattr(name)}/>\n  <TextArea name={quoteattr(name)} toName="{TEXT_NAME}" '
                      f'maxSubmissions="1" editable="true"/>' for name in TEXT_AREAS)
    return f"""<View>
  <Labels name="{LABELS_NAME}" toName="{TEXT_NAME}">
{labels}
  </Labels>
  <Text name="{TEXT_NAME}" value="$text"/>
  <Choices name="{ROLE_NAME}" toName="{TEXT_NAME}" perRegion="true" whenLabelValue="Unit" choice="single">
{roles}
  </Choices>
{areas}
</View>
"""


def _region(rid: str, text: str, start: int, end: int, label: str) -> dict:
    return {"id": rid, "from_name": LABELS_NAME, "to_name": TEXT_NAME, "type": "labels",
            "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]}}


def _scalar(record: dict, key: str, sub: str | None) -> Any:
    value = record.get(key)
    return value.get(sub) if sub and isinstance(value, dict) else (None if sub else value)


def prediction_result(record: dict) -> list[dict]:
    """The pre-annotations of one record: its evidence as regions, then its scalars."""
    text = record.get("text") or ""
    result: list[dict] = []
    seen: dict[str, int] = {}
    for e in evidence(record):
        if e.end <= e.start or (e.family == "sections" and "." in e.item):
            continue  # empty spans cannot be shown; gold sections are top-level only
        k = seen[e.item] = seen.get(e.item, -1) + 1
        region = _region(region_id(e, k), text, e.start, e.end, LABELS[e.family])
        result.append(region)
        if e.family == "units":
            role = (record.get("responsible_units") or [])[e.index].get("role")
            if role in ROLES:
                value = {"start": e.start, "end": e.end, "text": text[e.start:e.end], "choices": [role]}
                result.append({"id": region["id"], "from_name": ROLE_NAME, "to_name": TEXT_NAME,
                               "type": "choices", "value": value})
    for name, (key, sub) in TEXT_AREAS.items():
        value = _scalar(record, key, sub)
        if value not in (None, ""):
            result.append({"id": f"scalar~{name}", "from_name": name, "to_name": TEXT_NAME, "type": "textarea",
                           "value": {"text": [str(value)]}})
    return result


def task(record: dict) -> dict:
    source = record.get("source") or {}
    predicted = {k: v for k, v in record.items() if k != "text"}
    return {"data": {"text": record.get("text") or "",
                     "vanban": {"id": record.get("id"), "source": source.get("path"), "part": source.get("part", 0),
                                "parts": source.get("parts", 1), "record": predicted}},
            "predictions": [{"model_version": MODEL_VERSION, "result": prediction_result(record)}]}


def export(records_path: Path, out: Path) -> str:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tasks = skipped = 0
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("[\n")
        for record in iter_records(records_path):
            if is_error(record):
                skipped += 1
                continue
            fh.write((",\n" if tasks else "") + json.dumps(task(record), ensure_ascii=False))
            tasks += 1
        fh.write("\n]\n")
    config = out.with_name(out.stem + ".label-config.xml")
    config.write_text(label_config(), encoding="utf-8")
    return f"{tasks} tasks, {skipped} error records skipped; written to {out}, labelling config {config}"
