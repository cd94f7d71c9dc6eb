"""Synthetic SPEC records for the index benchmark: not real documents.

Every record is assembled from the phrase banks below (written for this
benchmark) with random slots, and its text ends with a line saying it is
synthetic. The shapes follow SPEC §1 (citations with `key`, deadlines with
units and task, responsible units, recipients) so that every table and every
query kind of the index is exercised at scale.

    python bench/synthetic_records.py N OUT.jsonl [--seed S]
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from extractors.grammar import number_key

MARK = "(Văn bản tổng hợp để đo hiệu năng chỉ mục; không phải văn bản thật.)"
# Province names are facts (the 63 provinces before 2025); a subset suffices.
PROVINCES = ["Thái Bình", "Nghệ An", "Lạng Sơn", "Lai Châu", "Cần Thơ", "Hòa Bình", "Quảng Ninh", "Bắc Giang",
             "Thanh Hóa", "Hà Tĩnh", "Quảng Nam", "Bình Định", "Đắk Lắk", "Lâm Đồng", "Đồng Nai", "Long An",
             "Tiền Giang", "Bến Tre", "An Giang", "Kiên Giang", "Cà Mau", "Sơn La", "Điện Biên", "Yên Bái",
             "Phú Thọ", "Vĩnh Phúc", "Bắc Ninh", "Hải Dương", "Hưng Yên", "Nam Định", "Ninh Bình", "Quảng Bình"]
DEPARTMENTS = ["Sở Nội vụ", "Sở Tài chính", "Sở Kế hoạch và Đầu tư", "Sở Giáo dục và Đào tạo", "Sở Y tế",
               "Sở Tư pháp", "Sở Xây dựng", "Sở Giao thông vận tải", "Sở Công Thương", "Sở Lao động - Thương binh và Xã hội",
               "Sở Văn hóa, Thể thao và Du lịch", "Sở Tài nguyên và Môi trường", "Sở Thông tin và Truyền thông",
               "Sở Nông nghiệp và Phát triển nông thôn", "Sở Khoa học và Công nghệ", "Công an tỉnh",
               "Bộ Chỉ huy Quân sự tỉnh", "Thanh tra tỉnh", "Ban Thi đua - Khen thưởng", "Đài Phát thanh và Truyền hình"]
TYPES = [("Kế hoạch", "KH", 5), ("Công văn", "", 3), ("Quyết định", "QĐ", 2), ("Thông báo", "TB", 1),
         ("Báo cáo", "BC", 1), ("Chỉ thị", "CT", 1), ("Hướng dẫn", "HD", 1)]
TOPICS = ["công tác thi đua, khen thưởng", "phòng, chống thiên tai và tìm kiếm cứu nạn", "cải cách hành chính",
          "chuyển đổi số", "phòng, chống tham nhũng, tiêu cực", "bảo đảm trật tự an toàn giao thông",
          "phổ biến, giáo dục pháp luật", "phát triển du lịch", "xây dựng nông thôn mới", "bảo vệ môi trường",
          "phòng cháy, chữa cháy", "quản lý chất lượng nước sạch", "tuyển sinh các cấp học", "tiêm chủng mở rộng",
          "giảm nghèo bền vững", "phát triển kinh tế tập thể", "kiểm soát thủ tục hành chính",
          "ứng dụng công nghệ thông tin", "đào tạo, bồi dưỡng cán bộ, công chức", "thực hành tiết kiệm, chống lãng phí"]
TASKS = ["xây dựng kế hoạch chi tiết và tổ chức triển khai", "tổng hợp kết quả, báo cáo Ủy ban nhân dân tỉnh",
         "bố trí kinh phí thực hiện", "hướng dẫn các đơn vị đăng ký thi đua", "kiểm tra, đôn đốc việc thực hiện",
         "tổ chức hội nghị sơ kết", "rà soát, đề xuất sửa đổi quy định", "tuyên truyền trên các phương tiện thông tin đại chúng",
         "thẩm định hồ sơ đề nghị khen thưởng", "cập nhật cơ sở dữ liệu", "tập huấn nghiệp vụ cho cán bộ cơ sở",
         "đánh giá tình hình thực hiện", "lựa chọn các điển hình tiên tiến", "phối hợp thanh tra, kiểm tra chuyên đề"]
SENTENCES = [
    "Nâng cao hiệu quả {topic} trên địa bàn tỉnh {place}, góp phần hoàn thành các mục tiêu năm {year}.",
    "Các cơ quan, đơn vị, địa phương quán triệt đầy đủ nội dung kế hoạch đến cán bộ, công chức, viên chức.",
    "Việc triển khai {topic} phải thiết thực, hiệu quả, tránh hình thức, lãng phí.",
    "Gắn trách nhiệm của người đứng đầu cơ quan, đơn vị với kết quả {topic}.",
    "Tăng cường công tác kiểm tra, giám sát, kịp thời phát hiện và xử lý vướng mắc.",
    "Đẩy mạnh tuyên truyền để nâng cao nhận thức của cán bộ và nhân dân về {topic}.",
    "Biểu dương, khen thưởng kịp thời các tập thể, cá nhân có thành tích xuất sắc.",
    "Định kỳ 6 tháng, các đơn vị báo cáo kết quả thực hiện về {unit} để tổng hợp.",
    "Huy động sự tham gia của các tổ chức chính trị - xã hội và doanh nghiệp trên địa bàn.",
    "Rà soát, bổ sung các văn bản hướng dẫn phù hợp với tình hình thực tế của địa phương.",
]
CITED = ([("Nghị định", f"{n}/{y}/NĐ-CP", "Chính phủ") for n, y in
          [(91, 2017), (98, 2023), (30, 2020), (61, 2018), (107, 2021), (45, 2020)]]
         + [("Quyết định", f"{n}/QĐ-TTg", "Thủ tướng Chính phủ") for n in range(100, 400, 7)]
         + [("Chỉ thị", f"{n}-CT/TW", "Ban Bí thư") for n in range(1, 40, 3)]
         + [("Thông tư", f"{n}/{y}/TT-BNV", "Bộ Nội vụ") for n in range(1, 15) for y in (2018, 2021, 2023)])


def _date(rng: random.Random, year: int) -> str:
    return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _vn(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def record(i: int, rng: random.Random) -> dict:
    """One synthetic record; `i` makes its id unique."""
    dtype, abbr, _ = rng.choices(TYPES, weights=[t[2] for t in TYPES])[0]
    place = rng.choice(PROVINCES)
    by_department = rng.random() < 0.4
    issuer = (f"{rng.choice(DEPARTMENTS[:15])} tỉnh {place}" if by_department else f"Ủy ban nhân dân tỉnh {place}")
    year = rng.randint(2019, 2025)
    date = _date(rng, year)
    number = f"{rng.randint(1, 999)}/{abbr + '-' if abbr else ''}{'SNV' if by_department else 'UBND'}"
    topic = rng.choice(TOPICS)
    title = f"{topic[0].upper()}{topic[1:]} năm {year}" if dtype != "Công văn" else f"Về việc triển khai {topic}"
    cited = rng.sample(CITED, rng.randint(1, 4))
    units = rng.sample(DEPARTMENTS, rng.randint(2, 5))
    lines = [issuer.upper(), f"Số: {number}", f"{place}, ngày {_vn(date)}", dtype.upper(), title]
    lines += [f"Căn cứ {t} số {n} của {who};" for t, n, who in cited]
    lines += [s.format(topic=topic, place=place, year=year, unit=units[0]) for s in rng.sample(SENTENCES, 6)]
    deadlines = []
    for unit in units[:rng.randint(1, len(units))]:
        task = rng.choice(TASKS)
        end = _date(rng, year)
        partner = rng.choice(DEPARTMENTS)
        lines.append(f"{unit} chủ trì, phối hợp với {partner} {task}, hoàn thành trước ngày {_vn(end)}.")
        deadlines.append({"text": f"trước ngày {_vn(end)}", "kind": "by", "start": None, "end": end,
                          "task": task, "units": [unit], "span": None})
    lines.append(MARK)
    return {
        "schema_version": 1, "id": f"{i:016x}-0",
        "source": {"path": f"synthetic/{i}.txt", "format": "txt", "sha256": f"{i:064x}", "part": 0, "parts": 1},
        "text": "\n".join(lines), "doc_type": dtype, "number": number,
        "issuer": {"name": issuer, "parent": None, "inferred": False, "span": None},
        "place": place, "date": date, "title": title, "addressees": [], "sections": [],
        "citations": [{"doc_type": t, "number": n, "name": None, "date": None, "issuer": who, "role": "basis",
                       "mentions": [], "key": number_key(n)} for t, n, who in cited],
        "deadlines": deadlines,
        "responsible_units": [{"name": u, "role": "lead" if k == 0 else "support", "mentions": []}
                              for k, u in enumerate(units)],
        "recipients": [{"name": "Như trên", "purpose": None, "span": None},
                       {"name": "Thường trực Tỉnh ủy", "purpose": "b/c", "span": None}],
        "archive": "VT", "signer": None, "warnings": [],
    }


def write(n: int, out: Path, seed: int = 7) -> Path:
    rng = random.Random(seed)
    with out.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps(record(i, rng), ensure_ascii=False) + "\n")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    write(args.n, args.out, args.seed)


if __name__ == "__main__":
    main()
