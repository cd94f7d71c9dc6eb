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

from pipeline.records import is_error, iter_records
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


def source_name(path: Any) -> str:
    # Gold and predictions may come from different machines and working dirs;
    # only the file name identifies the source.
    return PurePosixPath(str(path or "").replace("\\", "/")).name


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
        name = source_name(data["source"])
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
    for record in iter_records(Path(path)):
        name = source_name(record["source"]["path"])
        records_by_file.setdefault(name, [])
        if not is_error(record):
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


@dataclass(frozen=True)
class Verdict:
    """One scored value: `correct` (a true positive), `spurious` (a false
    positive) or `missed` (a false negative).

    The scorer's counts are tallies of verdicts, so a tool that shows which
    value was right (the review pages) and `vanban eval` cannot disagree.
    `pred_items` are the indices of the predicted entries under the gold key
    the verdict is about (empty for scalars; several for a body named by
    several unit entries).
    """
    field: str
    outcome: str
    gold: Any = None
    pred: Any = None
    pred_items: tuple[int, ...] = ()

    @property
    def key(self) -> str:
        """The record key the field belongs to (`citations.date` → `citations`)."""
        return self.field.split(".", 1)[0]


OUTCOME_COUNTS = {"correct": Counts(tp=1), "spurious": Counts(fp=1), "missed": Counts(fn=1)}


def tally(verdicts: Iterable[Verdict]) -> dict[str, Counts]:
    total: dict[str, Counts] = {}
    for v in verdicts:
        total[v.field] = total.get(v.field, Counts()) + OUTCOME_COUNTS[v.outcome]
    return total


def _list_verdicts(name: str, gold: Sequence[Any], pred: Sequence[Any], pairs: Sequence[tuple[int, int]],
                   pred_items: Callable[[int], tuple[int, ...]] = lambda i: (i,)) -> list[Verdict]:
    """Matched pairs are correct; unmatched predictions spurious, unmatched gold missed."""
    paired_gold = {gi for gi, _ in pairs}
    paired_pred = {pi for _, pi in pairs}
    out = [Verdict(name, "correct", gold[gi], pred[pi], pred_items(pi)) for gi, pi in pairs]
    out += [Verdict(name, "spurious", None, p, pred_items(i)) for i, p in enumerate(pred) if i not in paired_pred]
    out += [Verdict(name, "missed", g) for i, g in enumerate(gold) if i not in paired_gold]
    return out


def _pair_verdicts(name: str, gold: Sequence[Any], pred: Sequence[Any], pairs: Sequence[tuple[int, int]],
                   same: Callable[[Any, Any], bool],
                   pred_items: Callable[[int], tuple[int, ...]] = lambda i: (i,)) -> list[Verdict]:
    """An attribute judged only on matched items: right is correct, wrong is spurious and missed."""
    out = []
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        if same(g, p):
            out.append(Verdict(name, "correct", g, p, pred_items(pi)))
        else:
            out += [Verdict(name, "spurious", None, p, pred_items(pi)), Verdict(name, "missed", g)]
    return out


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


def _items(value: Any, keep: Callable[[dict], bool] = lambda item: True) -> tuple[list[dict], list[int]]:
    """The objects of a list that `keep` accepts, and their indices in it.

    Predictions are untrusted input: anything but a list of objects is empty.
    The indices let a verdict point back at the record's own entry.
    """
    if not isinstance(value, list):
        return [], []
    picked = [(i, x) for i, x in enumerate(value) if isinstance(x, dict) and keep(x)]
    return [x for _, x in picked], [i for i, _ in picked]


def _sub(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else None


def scalar_verdicts(name: str, gold: Any, pred: Any) -> list[Verdict]:
    """Equal values are correct; otherwise each non-empty side is wrong."""
    g, p = _key(gold), _key(pred)
    if g == p:
        return [Verdict(name, "correct", gold, pred)] if g else []
    return ([Verdict(name, "spurious", None, pred)] if p else []) + \
        ([Verdict(name, "missed", gold)] if g else [])


def _issuer_name(value: Any) -> Any:
    # Tolerate a bare string so a simpler extractor can still be scored.
    return value if isinstance(value, str) else _sub(value, "name")


def _name_list(name: str) -> Callable[[Any, Any], list[Verdict]]:
    def judge(gold: Any, pred: Any) -> list[Verdict]:
        (g, _), (p, at) = _items(gold), _items(pred)
        pairs = greedy_match(g, p, lambda a, b: name_similarity(a.get("name"), b.get("name")),
                             NAME_THRESHOLD)
        return _list_verdicts(name, g, p, pairs, lambda i: (at[i],))
    return judge


def _section_key(section: dict) -> tuple[str, str]:
    return _key(section.get("label")), _key(section.get("kind"))


def _sections(gold: Any, pred: Any) -> list[Verdict]:
    (g, _), (p, at) = _items(gold), _items(pred)
    pairs = greedy_match(g, p, _equal_key(_section_key), 1.0)
    return _list_verdicts("sections", g, p, pairs, lambda i: (at[i],))


def _citation_number(number: Any) -> str:
    if not isinstance(number, str):
        return ""
    return re.sub(r"\s+", "", _key(re.sub(r"\s+", "", number)))


def is_scored_citation(citation: dict) -> bool:
    return bool(_citation_number(citation.get("number"))) or \
        _key(citation.get("doc_type")) in LAW_LIKE_TYPES


def _citation_key(citation: dict) -> tuple[str, ...]:
    number = _citation_number(citation.get("number"))
    if number:
        return ("number", number)
    year = _key(citation.get("date"))[:4]
    return ("law", _key(citation.get("doc_type")), _key(citation.get("name")), year)


def _citations(gold: Any, pred: Any) -> list[Verdict]:
    (g, _), (p, at) = _items(gold, is_scored_citation), _items(pred, is_scored_citation)
    pairs = greedy_match(g, p, _equal_key(_citation_key), 1.0)
    same_date = lambda a, b: _key(a.get("date")) == _key(b.get("date"))  # noqa: E731
    items = lambda i: (at[i],)  # noqa: E731
    return (_list_verdicts("citations", g, p, pairs, items)
            + _pair_verdicts("citations.date", g, p, pairs, same_date, items))


def _interval(deadline: dict) -> tuple[str, str]:
    return _key(deadline.get("start")), _key(deadline.get("end"))


def _deadlines(gold: Any, pred: Any) -> list[Verdict]:
    (g, _), (p, at) = _items(gold), _items(pred)
    pairs = greedy_match(g, p, lambda a, b: token_jaccard(a.get("text"), b.get("text")),
                         DEADLINE_THRESHOLD)
    items = lambda i: (at[i],)  # noqa: E731
    return (_list_verdicts("deadlines", g, p, pairs, items)
            + _pair_verdicts("deadlines.interval", g, p, pairs,
                             lambda a, b: _interval(a) == _interval(b), items))


@dataclass(frozen=True)
class Body:
    """One responsible body with all the roles its entries give it."""
    name: str | None
    roles: frozenset[str]
    members: tuple[int, ...] = ()


def group_bodies(units: Sequence[dict]) -> list[Body]:
    """Entries naming the same body become one, so a body with two roles is
    one unit to find (SPEC §3), not two. `members` are the entries' indices."""
    names: list[str | None] = []
    roles: list[set[str]] = []
    members: list[list[int]] = []
    for i, unit in enumerate(units):
        name, role = unit.get("name"), _key(unit.get("role"))
        sims = [name_similarity(known, name) for known in names]
        best = max(range(len(sims)), key=sims.__getitem__, default=None)
        if best is not None and sims[best] >= NAME_THRESHOLD:
            roles[best].add(role)
            members[best].append(i)
        else:
            names.append(name)
            roles.append({role})
            members.append([i])
    return [Body(n, frozenset(r), tuple(m)) for n, r, m in zip(names, roles, members)]


def _units(gold: Any, pred: Any) -> list[Verdict]:
    (g_items, _), (p_items, at) = _items(gold), _items(pred)
    g, p = group_bodies(g_items), group_bodies(p_items)
    pairs = greedy_match(g, p, lambda a, b: name_similarity(a.name, b.name), NAME_THRESHOLD)
    items = lambda i: tuple(at[m] for m in p[i].members)  # noqa: E731
    return (_list_verdicts("responsible_units", g, p, pairs, items)
            + _pair_verdicts("responsible_units.role", g, p, pairs,
                             lambda a, b: a.roles == b.roles, items))


def _scalar(field_name: str, get: Callable[[Any], Any] = lambda v: v):
    return lambda gold, pred: scalar_verdicts(field_name, get(gold), get(pred))


def _signer(gold: Any, pred: Any) -> list[Verdict]:
    return (scalar_verdicts("signer.name", _sub(gold, "name"), _sub(pred, "name"))
            + scalar_verdicts("signer.title", _sub(gold, "title"), _sub(pred, "title")))


# Gold key -> judge of that key's value; a key absent from a gold document
# skips its judge, and with it every field derived from that key.
SCORERS: dict[str, Callable[[Any, Any], list[Verdict]]] = {
    "doc_type": _scalar("doc_type"),
    "number": _scalar("number"),
    "issuer": _scalar("issuer", _issuer_name),
    "place": _scalar("place"),
    "date": _scalar("date"),
    "title": _scalar("title"),
    "addressees": _name_list("addressees"),
    "sections": _sections,
    "citations": _citations,
    "deadlines": _deadlines,
    "responsible_units": _units,
    "recipients": _name_list("recipients"),
    "archive": _scalar("archive"),
    "signer": _signer,
}

# Stands in for gold where the pipeline found a part the annotators did not:
# every key present and empty, so every predicted value is a false positive.
EMPTY_GOLD: Doc = {key: None for key in SCORERS}


def judge_document(gold: Doc | None, pred: Doc | None) -> list[Verdict]:
    """Every scored value of one document with its verdict (SPEC §3)."""
    gold = gold if gold is not None else EMPTY_GOLD
    pred = pred or {}
    return [v for key, judge in SCORERS.items() if key in gold for v in judge(gold[key], pred.get(key))]


def score_document(gold: Doc, pred: Doc | None) -> dict[str, Counts]:
    return tally(judge_document(gold, pred))


def document_f1(verdicts: Iterable[Verdict]) -> float:
    """Micro F1 over every field of one document, as the review index shows it."""
    total = Counts()
    for c in tally(verdicts).values():
        total += c
    return total.f1


def paired_documents(gold: dict[str, list[dict]], pred: dict[str, list[dict | None]]
                     ) -> Iterable[tuple[dict | None, dict | None]]:
    """(gold, prediction) of every (file, part) of the annotated files."""
    for name, gold_docs in gold.items():
        pred_docs = pred.get(name, [])
        for part in range(max(len(gold_docs), len(pred_docs))):
            g = gold_docs[part] if part < len(gold_docs) else None
            p = pred_docs[part] if part < len(pred_docs) else None
            if g is not None or p is not None:
                yield g, p


def score(gold: dict[str, list[dict]], pred: dict[str, list[dict | None]]) -> Report:
    """Micro-averaged counts over every (file, part) of the annotated files."""
    per_doc = [score_document(g if g is not None else EMPTY_GOLD, p) for g, p in paired_documents(gold, pred)]
    counts = _sum_counts(per_doc)
    return Report(counts={f: counts.get(f, Counts()) for f in FIELDS}, documents=len(per_doc))


def evaluate(gold_dir: Path, pred_path: Path) -> Report:
    return score(load_gold(gold_dir), load_predictions(pred_path))
