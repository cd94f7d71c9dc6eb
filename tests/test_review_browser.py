"""Review pages in a real browser: Debian's chromium driven by selenium.

One headless browser serves every test here. selenium-manager is kept
offline and handed the system chromedriver, so nothing is ever downloaded.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.evidence import FAMILIES, evidence
from pipeline.review import write_site
from review_helpers import error_record, hostile_record, read_jsonl, write_jsonl

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
BROWSER_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1400,900")


@pytest.fixture(scope="session")
def driver(tmp_path_factory):
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        pytest.fail("chromium and chromium-driver are missing: run `sh scripts/install-system.sh`")
    os.environ["SE_OFFLINE"] = "true"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in BROWSER_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    browser = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    yield browser
    browser.quit()


@pytest.fixture(scope="session")
def seed_site(seed_records, tmp_path_factory, root) -> Path:
    return _site(seed_records, tmp_path_factory.mktemp("site"), root / "gold")


@pytest.fixture(scope="session")
def root() -> Path:
    return Path(__file__).resolve().parents[1]


def _site(records: Path, out: Path, gold: Path | None = None) -> Path:
    write_site(records, out, gold)
    return out


def _open(driver, path: Path) -> None:
    driver.get(path.resolve().as_uri())


def _in_viewport(driver, element) -> bool:
    return driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;", element)


def test_every_field_family_is_highlighted_with_its_own_colour(driver, seed_site, seed_records, tmp_path):
    from selenium.webdriver.common.by import By

    colours: dict[str, set[str]] = {}
    for n, record in enumerate(read_jsonl(seed_records), 1):
        _open(driver, seed_site / "docs" / f"{n:06d}.html")
        for family in {e.family for e in evidence(record) if e.end > e.start}:
            marks = driver.find_elements(By.CSS_SELECTOR, f"mark.f-{family}")
            assert marks, (n, family)
            colours.setdefault(family, set()).add(marks[0].value_of_css_property("background-color"))
        swatches = driver.find_elements(By.CSS_SELECTOR, ".legend .swatch")
        assert len(swatches) == len(FAMILIES)
    assert set(colours) == set(FAMILIES)  # the seeds exercise every family
    assert len({next(iter(c)) for c in colours.values()}) == len(FAMILIES)  # one colour each
    _open(driver, seed_site / "docs" / "000001.html")
    shot = tmp_path / "seed-page.png"
    assert driver.save_screenshot(str(shot)) and shot.stat().st_size > 10_000


def test_clicking_a_field_scrolls_its_evidence_into_view(driver, seed_site):
    from selenium.webdriver.common.by import By

    _open(driver, seed_site / "docs" / "000001.html")
    for family in ("signer", "recipients", "issuer", "citations", "deadlines", "units"):
        link = driver.find_elements(By.CSS_SELECTOR, f".fam-{family} a.ev-link")[-1]
        target = link.get_attribute("data-target")
        evidence_mark = driver.find_element(By.CSS_SELECTOR, f'mark[data-ev~="{target}"]')
        driver.execute_script(  # to the end of the page far from the evidence
            "const y = arguments[0].getBoundingClientRect().top + window.scrollY;"
            "const h = document.documentElement.scrollHeight;"
            "window.scrollTo(0, y > h / 2 ? 0 : h);", evidence_mark)
        assert not _in_viewport(driver, evidence_mark), family
        driver.execute_script("arguments[0].scrollIntoView({block: 'nearest'})", link)
        link.click()
        assert _in_viewport(driver, evidence_mark), family
        assert "focus" in evidence_mark.get_attribute("class")


def test_hostile_document_runs_no_script(driver, tmp_path):
    from selenium.webdriver.common.by import By

    record = hostile_record()
    records = write_jsonl(tmp_path / "hostile.jsonl", [record, error_record("<b onmouseover=x>.bin")])
    site = _site(records, tmp_path / "site")
    for page in (site / "docs" / "000001.html", site / "index.html"):
        _open(driver, page)
        assert driver.execute_script("return window.__pwned") is None, page
        assert driver.title != "pwned"
        assert not driver.find_elements(By.CSS_SELECTOR, "img, svg, textarea, b")
    _open(driver, site / "docs" / "000001.html")
    shown = driver.find_element(By.ID, "text").text
    assert "<script>window.__pwned = 1;" in shown and "</textarea>" in shown
    _open(driver, site / "index.html")
    rows = driver.find_elements(By.CSS_SELECTOR, "#records tbody tr")
    assert "<script>" in rows[0].text and "<b onmouseover=x>.bin" in rows[1].text


def test_index_sorts_filters_and_pages_many_records(driver, seed_records, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    seed = read_jsonl(seed_records)[0]
    many = [dict(seed, number=f"{i}/KH-UBND") for i in range(1, 211)] + [error_record("broken.pdf", "corrupt_file")]
    site = _site(write_jsonl(tmp_path / "many.jsonl", many), tmp_path / "site")
    _open(driver, site / "index.html")
    rows = lambda: driver.find_elements(By.CSS_SELECTOR, "#records tbody tr")  # noqa: E731
    assert len(rows()) == 200
    assert "page 1 of 2 (211 rows)" in driver.find_element(By.ID, "pageinfo").text
    driver.find_element(By.ID, "next").click()
    assert len(rows()) == 11
    driver.find_element(By.CSS_SELECTOR, 'th[data-col="n"]').click()  # descending
    assert rows()[0].find_elements(By.TAG_NAME, "td")[0].text == "211"
    driver.find_element(By.ID, "filter").send_keys("123/KH")
    assert len(rows()) == 1 and "123/KH-UBND" in rows()[0].text
    driver.find_element(By.ID, "filter").send_keys(Keys.CONTROL, "a", Keys.BACKSPACE)
    driver.find_element(By.CSS_SELECTOR, '#kind option[value="errors"]').click()
    assert len(rows()) == 1 and "corrupt_file" in rows()[0].text
    driver.find_element(By.CSS_SELECTOR, '#kind option[value="documents"]').click()
    first = rows()[0]
    n, number = first.find_elements(By.TAG_NAME, "td")[0].text, first.find_elements(By.TAG_NAME, "td")[3].text
    first.find_element(By.TAG_NAME, "a").click()
    assert driver.current_url.endswith(f"docs/{int(n):06d}.html") and number in driver.title
