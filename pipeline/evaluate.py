"""Scoring of pipeline output against gold annotations (SPEC §2, §3).

SPEC §3 is binding: every comparison goes through `textnorm.compare_key`, so
the scorer never judges spelling, case, tone placement or abbreviations, only
content. Everything here is a pure function of plain dicts, so the scorer can
be tested without running the pipeline and reused by other tools.
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from rapidfuzz import fuzz

from pipeline.textnorm import compare_key, tokens

FIELDS: tuple[str, ...] = (
    "doc_type", "number", "issuer", "place", "date", "title", "addressees",
    "sections", "citations", "citations.date", "deadlines", "deadlines.interval",
    "responsible_units", "responsible_units.role", "recipients", "archive",
    "signer.name", "signer.title",
)

NAME_THRESHOLD = 0.85
DEADLINE_THRESHOLD = 0.5
# Numberless citations are scored only for law-like documents (SPEC §4).
LAW_LIKE_TYPES = frozenset(compare_key(t) for t in ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp"))

Doc = dict[str, Any]
Similarity = Callable[[Any, Any], float]


# ---------------------------------------------------------------- counts


@dataclass(frozen=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Report:
    counts: dict[str, Counts] = field(default_factory=dict)
    documents: int = 0

    def field_counts(self, name: str) -> Counts:
        return self.counts.get(name, Counts())

    def to_json(self) -> dict[str, Any]:
        fields = {}
        for name in FIELDS:
            c = self.field_counts(name)
            fields[name] = {"precision": c.precision, "recall": c.recall, "f1": c.f1,
                            "tp": c.tp, "fp": c.fp, "fn": c.fn}
        return {"documents": self.documents, "fields": fields}

    def format_table(self) -> str:
        header = ("field", "precision", "recall", "f1", "tp", "fp", "fn")
        rows = [header]
        for name in FIELDS:
            c = self.field_counts(name)
            rows.append((name, f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}",
                         str(c.tp), str(c.fp), str(c.fn)))
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        lines = []
        for row in rows:
            cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:])]
            lines.append("  ".join(cells))
        return "\n".join(lines)


def _sum_counts(parts: Iterable[dict[str, Counts]]) -> dict[str, Counts]:
    total: dict[str, Counts] = {}
    for part in parts:
        for name, c in part.items():
            total[name] = total.get(name, Counts()) + c
    return total


# ---------------------------------------------------------------- loading


def _basename(path: str) -> str:
    # Gold and predictions may come from different machines and working dirs;
    # only the file name identifies the source.
    return PurePosixPath(path.replace("\\", "/")).name


def load_gold(gold_dir: Path) -> dict[str, list[dict]]:
    """Gold documents by source file name; JSON files that are not gold are skipped.

    One folder is one gold set (not walked recursively): `gold/` scores the
    bundled corpus, `gold/dev/` the development documents.

    Invalid JSON and two gold files for one source raise, because silently
    dropping or overriding gold would distort every score.
    """
    gold: dict[str, list[dict]] = {}
    for path in sorted(Path(gold_dir).glob("*.json")):
        try:
            data = json.loads(path.read_text("utf-8"))
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}: not valid JSON ({exc})") from exc
        if not _is_gold(data):
            continue
        name = _basename(data["source"])
        if name in gold:
            raise ValueError(f"{path}: second gold file for source {name!r}")
        gold[name] = list(data["documents"])
    return gold


def _is_gold(data: Any) -> bool:
    return (isinstance(data, dict) and isinstance(data.get("source"), str)
            and isinstance(data.get("documents"), list))


def load_predictions(path: Path) -> dict[str, list[dict | None]]:
    """Predicted documents by source file name, indexed by `part`.

    A part the pipeline did not emit is `None` (scored as a missing document);
    a file with only an error record maps to `[]`, so its gold is all missed.
    """
    records_by_file: dict[str, list[dict]] = {}
    for lineno, line in enumerate(Path(path).read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{lineno}: not valid JSON ({exc})") from exc
        name = _basename(record["source"]["path"])
        records_by_file.setdefault(name, [])
        if "error" not in record:
            records_by_file[name].append(record)
    return {name: _place_parts(records) for name, records in records_by_file.items()}


def _place_parts(records: list[dict]) -> list[dict | None]:
    size = max((int(r["source"].get("part", 0)) + 1 for r in records), default=0)
    placed: list[dict | None] = [None] * size
    for record in records:
        placed[int(record["source"].get("part", 0))] = record
    return placed


# ---------------------------------------------------------------- matching


def _key(value: Any) -> str:
    """compare_key of untrusted input: anything but a string counts as absent."""
    return compare_key(value) if isinstance(value, str) else ""


def greedy_match(gold: Sequence[Any], pred: Sequence[Any], similarity: Similarity,
                 threshold: float) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index), best similarity first.

    Greedy rather than optimal assignment: it is deterministic, easy to
    explain to annotators, and ties resolve by document order.
    """
    candidates = [(-s, gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)
                  if (s := similarity(g, p)) >= threshold]
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi not in used_gold and pi not in used_pred:
            used_gold.add(gi)
            used_pred.add(pi)
            pairs.append((gi, pi))
    return pairs


def _list_counts(gold: Sequence[Any], pred: Sequence[Any],
                 pairs: Sequence[tuple[int, int]]) -> Counts:
    return Counts(tp=len(pairs), fp=len(pred) - len(pairs), fn=len(gold) - len(pairs))


def _pair_counts(pairs: Iterable[tuple[Any, Any]], same: Callable[[Any, Any], bool]) -> Counts:
    """An attribute judged only on matched items: right is tp, wrong is fp+fn."""
    total = Counts()
    for g, p in pairs:
        total += Counts(tp=1) if same(g, p) else Counts(fp=1, fn=1)
    return total


def _equal_key(key: Callable[[Any], Any]) -> Similarity:
    return lambda g, p: 1.0 if key(g) == key(p) else 0.0


def name_similarity(a: str | None, b: str | None) -> float:
    """Token-sort similarity in [0, 1]; word order in names is not a judgement."""
    ka, kb = _key(a), _key(b)
    if not ka or not kb:
        return 0.0
    return fuzz.token_sort_ratio(ka, kb) / 100


def token_jaccard(a: str | None, b: str | None) -> float:
    sa = set(tokens(a if isinstance(a, str) else None))
    sb = set(tokens(b if isinstance(b, str) else None))
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


# ---------------------------------------------------------------- fields


def _items(value: Any) -> list[dict]:
    # Predictions are untrusted input; anything but a list of objects is empty.
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def _sub(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else None


def scalar_counts(gold: Any, pred: Any) -> Counts:
    g, p = _key(gold), _key(pred)
    if g == p:
        return Counts(tp=1) if g else Counts()
    return Counts(fp=1 if p else 0, fn=1 if g else 0)


def _issuer_name(value: Any) -> Any:
    # Tolerate a bare string so a simpler extractor can still be scored.
    return value if isinstance(value, str) else _sub(value, "name")


def _name_list_counts(gold: Any, pred: Any) -> Counts:
    g, p = _items(gold), _items(pred)
    pairs = greedy_match(g, p, lambda a, b: name_similarity(a.get("name"), b.get("name")),
                         NAME_THRESHOLD)
    return _list_counts(g, p, pairs)


def _section_key(section: dict) -> tuple[str, str]:
    return _key(section.get("label")), _key(section.get("kind"))


def _sections_counts(gold: Any, pred: Any) -> dict[str, Counts]:
    g, p = _items(gold), _items(pred)
    return {"sections": _list_counts(g, p, greedy_match(g, p, _equal_key(_section_key), 1.0))}


def _citation_number(number: Any) -> str:
    if not isinstance(number, str):
        return ""
    return re.sub(r"\s+", "", _key(re.sub(r"\s+", "", number)))


def _is_scored_citation(citation: dict) -> bool:
    return bool(_citation_number(citation.get("number"))) or \
        _key(citation.get("doc_type")) in LAW_LIKE_TYPES


def _citation_key(citation: dict) -> tuple[str, ...]:
    number = _citation_number(citation.get("number"))
    if number:
        return ("number", number)
    year = _key(citation.get("date"))[:4]
    return ("law", _key(citation.get("doc_type")), _key(citation.get("name")), year)


def _citations_counts(gold: Any, pred: Any) -> dict[str, Counts]:
    g = [c for c in _items(gold) if _is_scored_citation(c)]
    p = [c for c in _items(pred) if _is_scored_citation(c)]
    pairs = greedy_match(g, p, _equal_key(_citation_key), 1.0)
    same_date = lambda a, b: _key(a.get("date")) == _key(b.get("date"))  # noqa: E731
    return {"citations": _list_counts(g, p, pairs),
            "citations.date": _pair_counts(((g[i], p[j]) for i, j in pairs), same_date)}


def _interval(deadline: dict) -> tuple[str, str]:
    return _key(deadline.get("start")), _key(deadline.get("end"))


def _deadlines_counts(gold: Any, pred: Any) -> dict[str, Counts]:
    g, p = _items(gold), _items(pred)
    pairs = greedy_match(g, p, lambda a, b: token_jaccard(a.get("text"), b.get("text")),
                         DEADLINE_THRESHOLD)
    return {"deadlines": _list_counts(g, p, pairs),
            "deadlines.interval": _pair_counts(((g[i], p[j]) for i, j in pairs),
                                               lambda a, b: _interval(a) == _interval(b))}


@dataclass(frozen=True)
class Body:
    """One responsible body with all the roles its entries give it."""
    name: str | None
    roles: frozenset[str]


def group_bodies(units: Sequence[dict]) -> list[Body]:
    """Entries naming the same body become one, so a body with two roles is
    one unit to find (SPEC §3), not two."""
    names: list[str | None] = []
    roles: list[set[str]] = []
    for unit in units:
        name, role = unit.get("name"), _key(unit.get("role"))
        sims = [name_similarity(known, name) for known in names]
        best = max(range(len(sims)), key=sims.__getitem__, default=None)
        if best is not None and sims[best] >= NAME_THRESHOLD:
            roles[best].add(role)
        else:
            names.append(name)
            roles.append({role})
    return [Body(n, frozenset(r)) for n, r in zip(names, roles)]


def _units_counts(gold: Any, pred: Any) -> dict[str, Counts]:
    g, p = group_bodies(_items(gold)), group_bodies(_items(pred))
    pairs = greedy_match(g, p, lambda a, b: name_similarity(a.name, b.name), NAME_THRESHOLD)
    return {"responsible_units": _list_counts(g, p, pairs),
            "responsible_units.role": _pair_counts(((g[i], p[j]) for i, j in pairs),
                                                   lambda a, b: a.roles == b.roles)}


def _scalar(field_name: str, get: Callable[[Any], Any] = lambda v: v):
    return lambda gold, pred: {field_name: scalar_counts(get(gold), get(pred))}


# Gold key -> scorer of that key's value; a key absent from a gold document
# skips its scorer, and with it every field derived from that key.
SCORERS: dict[str, Callable[[Any, Any], dict[str, Counts]]] = {
    "doc_type": _scalar("doc_type"),
    "number": _scalar("number"),
    "issuer": _scalar("issuer", _issuer_name),
    "place": _scalar("place"),
    "date": _scalar("date"),
    "title": _scalar("title"),
    "addressees": lambda g, p: {"addressees": _name_list_counts(g, p)},
    "sections": _sections_counts,
    "citations": _citations_counts,
    "deadlines": _deadlines_counts,
    "responsible_units": _units_counts,
    "recipients": lambda g, p: {"recipients": _name_list_counts(g, p)},
    "archive": _scalar("archive"),
    "signer": lambda g, p: {"signer.name": scalar_counts(_sub(g, "name"), _sub(p, "name")),
                            "signer.title": scalar_counts(_sub(g, "title"), _sub(p, "title"))},
}

# Stands in for gold where the pipeline found a part the annotators did not:
# every key present and empty, so every predicted value is a false positive.
EMPTY_GOLD: Doc = {key: None for key in SCORERS}


def score_document(gold: Doc, pred: Doc | None) -> dict[str, Counts]:
    pred = pred or {}
    return _sum_counts(scorer(gold[key], pred.get(key))
                       for key, scorer in SCORERS.items() if key in gold)


def score(gold: dict[str, list[dict]], pred: dict[str, list[dict | None]]) -> Report:
    """Micro-averaged counts over every (file, part) of the annotated files."""
    per_doc = []
    for name, gold_docs in gold.items():
        pred_docs = pred.get(name, [])
        for part in range(max(len(gold_docs), len(pred_docs))):
            g = gold_docs[part] if part < len(gold_docs) else None
            p = pred_docs[part] if part < len(pred_docs) else None
            if g is None and p is None:
                continue
            per_doc.append(score_document(g if g is not None else EMPTY_GOLD, p))
    counts = _sum_counts(per_doc)
    return Report(counts={f: counts.get(f, Counts()) for f in FIELDS}, documents=len(per_doc))


def evaluate(gold_dir: Path, pred_path: Path) -> Report:
    return score(load_gold(gold_dir), load_predictions(pred_path))
