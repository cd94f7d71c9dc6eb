"""Synthetic records for the review and export tests (written here, not real documents)."""
from __future__ import annotations

import json
from pathlib import Path

HOSTILE_PAYLOADS = (
    "<script>window.__pwned = 1; document.title = 'pwned';</script>",
    "<img src=x onerror=\"window.__pwned = 2; document.title = 'pwned'\">",
    "</textarea><svg onload=\"window.__pwned = 3\"></svg>",
    "<!-- </script><script>window.__pwned = 4</script>",
)


def hostile_record() -> dict:
    """A synthetic document whose text and values carry markup that must stay text."""
    head = "UBND TỈNH X " + HOSTILE_PAYLOADS[0] + "\n"
    body = "Căn cứ Nghị định số 1/2020/NĐ-CP " + HOSTILE_PAYLOADS[1] + "\n"
    tail = "Sở Nội vụ " + HOSTILE_PAYLOADS[2] + " trước ngày 01/02/2023 " + HOSTILE_PAYLOADS[3] + "\n"
    text = head + body + tail
    unit_at = text.index("Sở Nội vụ")
    dl_at = text.index("trước ngày")
    return {
        "schema_version": 1, "id": "0000000000000000-0",
        "source": {"path": "synthetic/<script>alert(1)</script>.txt", "format": "txt", "sha256": "", "part": 0,
                   "parts": 1},
        "text": text, "doc_type": "Kế hoạch", "number": HOSTILE_PAYLOADS[0],
        "issuer": {"name": HOSTILE_PAYLOADS[1], "parent": None, "inferred": False, "span": [0, len(head) - 1]},
        "place": None, "date": "2023-01-01", "title": HOSTILE_PAYLOADS[3], "addressees": [], "sections": [],
        "citations": [{"doc_type": "Nghị định", "number": "1/2020/NĐ-CP", "name": HOSTILE_PAYLOADS[2],
                       "date": None, "issuer": None, "role": "basis",
                       "mentions": [[text.index("1/2020"), text.index("1/2020") + len("1/2020/NĐ-CP")]]}],
        "deadlines": [{"text": "trước ngày 01/02/2023", "kind": "by", "start": None, "end": "2023-02-01",
                       "task": HOSTILE_PAYLOADS[0], "units": [], "span": [dl_at, dl_at + 21]}],
        "responsible_units": [{"name": "Sở Nội vụ", "role": "lead", "mentions": [[unit_at, unit_at + 9]]}],
        "recipients": [], "archive": None,
        "signer": {"name": HOSTILE_PAYLOADS[2], "title": None, "authority": None, "on_behalf_of": None,
                   "span": None},
        "warnings": [HOSTILE_PAYLOADS[3]], "repairs": [],
    }


def error_record(path: str, code: str = "unsupported_format") -> dict:
    return {"schema_version": 1, "source": {"path": path, "format": "bin", "sha256": ""},
            "error": {"code": code, "message": f"synthetic error record ({code})"}}


def write_jsonl(path: Path, records) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text("utf-8").splitlines() if line.strip()]
