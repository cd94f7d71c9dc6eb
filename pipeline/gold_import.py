"""`vanban gold import`: a corrected Label Studio export → SPEC §2 gold files.

Gold grows by people correcting the pipeline's output. The tasks written by
`vanban export --format label-studio` carry the predicted record; here each
task's latest submitted annotation is read back:

- a region the annotator left as predicted (same id, place and label) keeps
  the predicted entry's values (the annotator accepted them);
- a region drawn, moved or relabelled is read from its text alone, by the
  same grammar the extractors use (`recipients.parse_entry`,
  `sections.section_kind`, `deadlines.find`, `grammar.find_numbers`);
- a deleted region is gone from the gold;
- unit roles come from the per-region role choice, scalars (type, number,
  date, place, title, archive, signer name and title) from the text areas.

Documents of one source file are listed by part (SPEC §2); a part nobody
annotated is written as `{}`, which scores nothing.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterable

from extractors import deadlines as deadline_grammar
from extractors.grammar import canonical_type, find_dates, find_numbers, number_key, type_from_number
from extractors.recipients import parse_entry
from extractors.sections import section_kind
from pipeline.evaluate import source_name
from pipeline.evidence import FAMILIES
from pipeline.exports.label_studio import LABELS, LABELS_NAME, ROLE_NAME, ROLES, TEXT_AREAS, prediction_result
from pipeline.textnorm import compare_key

FAMILY_OF_LABEL = {label: family for family, label in LABELS.items()}
GOLD_KEYS = ("doc_type", "number", "issuer", "place", "date", "title", "addressees", "sections", "citations",
             "deadlines", "responsible_units", "recipients", "archive", "signer")
ROMAN_HEADING = re.compile(r"^\s*(?:(?:phần|chương)\s+)?(?P<label>[IVXLC]+)\b[\s.:\-–—)]*(?P<heading>.*)$",
                           re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Region:
    family: str
    start: int
    end: int
    text: str
    item: str | None      # the predicted entry's id (`citations-3`) when the region is as predicted
    base: dict | None     # that predicted entry
    role: str | None      # a unit's role choice


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _latest_annotation(task: dict) -> dict | None:
    done = [a for a in task.get("annotations") or [] if isinstance(a, dict) and not a.get("was_cancelled")]
    return done[-1] if done else None


def _entry(record: dict, rid: str) -> dict | None:
    """The predicted entry a region id names (`citations-3~0` → citations[3])."""
    item = rid.split("~", 1)[0]
    family, _, index = item.rpartition("-")
    if not family:
        value = record.get(item)
        return value if isinstance(value, dict) else None
    entries = record.get(FAMILIES.get(family, ""))
    i = int(index) if index.isdigit() else -1
    return entries[i] if isinstance(entries, list) and 0 <= i < len(entries) else None


def regions(task: dict, annotation: dict) -> tuple[list[Region], dict[str, str | None]]:
    """The labelled regions of an annotation, in text order, and its text areas."""
    record = {**(task["data"].get("vanban") or {}).get("record", {}), "text": task["data"].get("text", "")}
    predicted = {r["id"]: r["value"] for r in prediction_result(record) if r["type"] == "labels"}
    roles: dict[str, str] = {}
    areas: dict[str, str | None] = {}
    labelled = []
    for r in annotation.get("result") or []:
        value = r.get("value") or {}
        if r.get("type") == "choices" and r.get("from_name") == ROLE_NAME and value.get("choices"):
            roles[r.get("id")] = value["choices"][0]
        elif r.get("type") == "textarea" and r.get("from_name") in TEXT_AREAS:
            texts = [t for t in value.get("text") or [] if str(t).strip()]
            areas[r["from_name"]] = _one_line(str(texts[-1])) if texts else None
        elif r.get("type") == "labels" and r.get("from_name") == LABELS_NAME:
            labelled.append(r)
    out = []
    for r in labelled:
        value = r["value"]
        family = next((FAMILY_OF_LABEL[x] for x in value.get("labels") or [] if x in FAMILY_OF_LABEL), None)
        if family is None:
            continue
        start, end = int(value["start"]), int(value["end"])
        rid = str(r.get("id"))
        same = predicted.get(rid)
        as_predicted = same is not None and (same["start"], same["end"], same["labels"]) == (
            start, end, value.get("labels"))
        base = _entry(record, rid) if as_predicted else None
        out.append(Region(family, start, end, record["text"][start:end] or value.get("text", ""),
                          rid.split("~", 1)[0] if base else None, base, roles.get(rid)))
    return sorted(out, key=lambda g: (g.start, g.end)), areas


# ------------------------------------------------------------ one family each


def _issuer(found: list[Region], context: dict) -> dict | None:
    if not found:
        return None
    r = found[0]
    if r.base:
        return {k: r.base.get(k) for k in ("name", "parent", "inferred")}
    return {"name": _one_line(r.text), "parent": None, "inferred": False}


def _addressees(found: list[Region], context: dict) -> list[dict]:
    return [{"name": r.base["name"]} if r.base else {"name": parse_entry(r.text)[0]} for r in found]


def _recipients(found: list[Region], context: dict) -> list[dict]:
    out = []
    for r in found:
        name, purpose = (r.base["name"], r.base.get("purpose")) if r.base else parse_entry(r.text)
        out.append({"name": name, "purpose": purpose})
    return out


def _sections(found: list[Region], context: dict) -> list[dict]:
    out = []
    for r in found:
        if r.base:
            out.append({k: r.base.get(k) for k in ("label", "heading", "kind")})
            continue
        m = ROMAN_HEADING.match(_one_line(r.text))
        label, heading = (m.group("label").upper(), m.group("heading").strip()) if m else ("", _one_line(r.text))
        out.append({"label": label, "heading": heading, "kind": section_kind(heading, first=not out)})
    return out


def _new_citation(text: str, after: str) -> tuple[tuple, dict]:
    """A citation read from a drawn region: a số/ký hiệu, or a law by name."""
    numbers = find_numbers(text)
    dates = [d for d in find_dates(after[:40]) if d[1] <= 12]
    date = dates[0][0] if dates else None
    if numbers:
        number = numbers[0][0]
        return ("number", number_key(number)), {"doc_type": type_from_number(number), "number": number,
                                                "name": None, "date": date, "issuer": None, "role": "reference"}
    words = _one_line(text).split()
    size = next((n for n in (2, 1) if canonical_type(" ".join(words[:n]))), 0)
    doc_type = canonical_type(" ".join(words[:size])) if size else None
    name = " ".join(words[size:]) or None
    return ("name", compare_key(_one_line(text))), {"doc_type": doc_type, "number": None, "name": name,
                                                    "date": date, "issuer": None, "role": "reference"}


def _citations(found: list[Region], context: dict) -> list[dict]:
    """One entry per distinct cited document: mentions of one predicted
    citation stay one, drawn mentions of one number become one."""
    groups: dict[tuple, dict] = {}
    for r in found:
        if r.base:
            key = ("predicted", r.item)
            value = {k: r.base.get(k) for k in ("doc_type", "number", "name", "date", "issuer", "role")}
        else:
            key, value = _new_citation(r.text, context["text"][r.end:])
        groups.setdefault(key, value)
    return list(groups.values())


def _deadlines(found: list[Region], context: dict) -> list[dict]:
    out = []
    for r in found:
        if r.base:
            out.append({k: r.base.get(k) for k in ("text", "kind", "start", "end")})
            continue
        text = _one_line(r.text)
        match = next(iter(deadline_grammar.find(text, context["year"])), None)
        out.append({"text": text, "kind": match.kind if match else None,
                    "start": match.start if match else None, "end": match.end if match else None})
    return out


def _units(found: list[Region], context: dict) -> list[dict]:
    """One entry per distinct unit and role (SPEC §4)."""
    seen: dict[tuple[str, str], dict] = {}
    for r in found:
        name = r.base["name"] if r.base else parse_entry(r.text)[0]
        role = r.role if r.role in ROLES else (r.base or {}).get("role") or "executor"
        seen.setdefault((compare_key(name), role), {"name": name, "role": role})
    return list(seen.values())


def _signer(found: list[Region], context: dict) -> dict | None:
    areas = context["areas"]
    base = found[0].base if found else None
    if not found and not areas.get("signer_name") and not areas.get("signer_title"):
        return None
    return {"name": areas.get("signer_name"), "title": areas.get("signer_title"),
            "authority": (base or {}).get("authority"), "on_behalf_of": (base or {}).get("on_behalf_of")}


BUILDERS: dict[str, tuple[str, Callable[[list[Region], dict], Any]]] = {
    "issuer": ("issuer", _issuer), "addressees": ("addressees", _addressees), "sections": ("sections", _sections),
    "citations": ("citations", _citations), "deadlines": ("deadlines", _deadlines),
    "units": ("responsible_units", _units), "recipients": ("recipients", _recipients), "signer": ("signer", _signer),
}


def gold_document(task: dict, annotation: dict) -> dict:
    """The SPEC §2 gold document of one annotated task, every scored key present."""
    found, areas = regions(task, annotation)
    by_family: dict[str, list[Region]] = defaultdict(list)
    for r in found:
        by_family[r.family].append(r)
    scalars = {name: areas.get(name) for name in TEXT_AREAS}
    context = {"text": task["data"].get("text", ""), "areas": areas,
               "year": deadline_grammar.document_year({"date": scalars["date"], "title": scalars["title"]})}
    doc: dict[str, Any] = {key: scalars.get(key) for key in GOLD_KEYS}
    for family, (key, build) in BUILDERS.items():
        doc[key] = build(by_family.get(family, []), context)
    return doc


def _source(task: dict) -> tuple[str, int]:
    meta = task.get("data", {}).get("vanban") or {}
    return source_name(meta.get("source")), int(meta.get("part") or 0)


def gold_files(tasks: Iterable[dict]) -> tuple[dict[str, list[dict]], int]:
    """Gold documents by source file name, and the number of tasks left unannotated."""
    parts: dict[str, dict[int, dict]] = defaultdict(dict)
    unannotated = 0
    for task in tasks:
        annotation = _latest_annotation(task)
        if annotation is None:
            unannotated += 1
            continue
        name, part = _source(task)
        if not name:
            raise ValueError(f"task {task.get('id')} has no vanban source: was it exported by vanban?")
        parts[name][part] = gold_document(task, annotation)
    files = {name: [docs.get(i, {}) for i in range(max(docs) + 1)] for name, docs in parts.items()}
    return files, unannotated


def import_export(export_file: Path, out: Path) -> str:
    data = json.loads(Path(export_file).read_text("utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{export_file}: a Label Studio JSON export is a list of tasks")
    files, unannotated = gold_files(data)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for name, documents in sorted(files.items()):
        body = {"source": name, "documents": documents}
        (out / f"{PurePosixPath(name).stem}.json").write_text(
            json.dumps(body, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    documents = sum(len(d) for d in files.values())
    return (f"{len(files)} gold files, {documents} documents; {unannotated} tasks without a submitted "
            f"annotation skipped; written to {out}")
