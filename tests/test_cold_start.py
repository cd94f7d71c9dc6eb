"""`vanban extract FILE` starts fast because the CLI imports each command's
libraries inside that command: what a fresh interpreter holds after importing
the CLI, and after extracting one text file, is checked here (the time itself
is measured by bench/bench_peers.py, never by a test)."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Libraries no `vanban extract` of a text file needs, and our modules of other commands.
HEAVY = ("underthesea", "spacy", "dask", "distributed", "pdfplumber", "pdfminer", "dateparser", "selectolax",
         "docx", "reportlab")
OTHER_COMMANDS = ("pipeline.evaluate", "pipeline.batch", "pipeline.pool", "pipeline.cache", "pipeline.index",
                  "pipeline.search", "pipeline.wordseg", "pipeline.review", "pipeline.exports", "pipeline.progress",
                  "pipeline.gold_import", "pipeline.dask_engine")

PROBE = """
import contextlib, io, json, sys
import typer
with_typer = sorted(sys.modules)
from pipeline.cli import app
after_import = sorted(sys.modules)
argv = sys.argv[1:]
if argv:
    with contextlib.redirect_stdout(io.StringIO()) as out:
        try:
            app(argv)
        except SystemExit as e:
            assert not e.code, e.code
    assert json.loads(out.getvalue()), "extract printed no records"
print(json.dumps({"typer": with_typer, "import": after_import, "command": sorted(sys.modules)}))
"""


def loaded(*argv: str) -> dict[str, set[str]]:
    done = subprocess.run([sys.executable, "-c", PROBE, *argv], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    return {k: {m.split(".")[0] if not m.startswith("pipeline.") else ".".join(m.split(".")[:2]) for m in v}
            for k, v in json.loads(done.stdout).items()}


def test_importing_the_cli_loads_no_command_and_no_heavy_library():
    mods = loaded()
    added = mods["import"] - mods["typer"]  # whatever typer itself loads is not ours to defer
    assert not added & set(HEAVY)
    assert not added & set(OTHER_COMMANDS)
    assert not added & {"pipeline.run", "pipeline.models", "extractors", "rich", "pydantic", "rapidfuzz"}


def test_extracting_a_text_file_loads_the_pipeline_but_nothing_heavy():
    mods = loaded("extract", str(ROOT / "corpus" / "synthetic" / "synthetic_cong_van_ra_soat.txt"))["command"]
    assert {"pipeline.run", "extractors"} <= mods  # the probe did run the extraction
    assert not mods & set(HEAVY)
    assert not mods & set(OTHER_COMMANDS)


ENTRY_PROBE = """
import atexit, contextlib, io, json, sys
from pipeline.entry import answer, main
sys.argv = ["vanban", *sys.argv[1:]]
with contextlib.redirect_stdout(io.StringIO()) as out:
    try:
        code = 0 if answer(sys.argv[1:]) else main()
    except SystemExit as e:
        code = e.code
print(json.dumps({"code": code, "out": out.getvalue(), "modules": sorted(sys.modules),
                  "exit_handlers": atexit._ncallbacks()}))
"""


def entry(*argv: str) -> dict:
    """What the `vanban` executable's entry point prints, and which modules it loaded."""
    done = subprocess.run([sys.executable, "-c", ENTRY_PROBE, *argv], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_executable_extracts_a_file_without_typer_pydantic_or_rich():
    file = ROOT / "corpus" / "synthetic" / "synthetic_cong_van_ra_soat.txt"
    fast = entry("extract", str(file))
    roots = {m.split(".")[0] for m in fast["modules"]}
    assert "pipeline.run" in fast["modules"] and fast["code"] == 0
    assert not roots & {"typer", "click", "pydantic", "pydantic_core", "rich", *HEAVY}
    assert fast["exit_handlers"] == 0  # the executable ends without running any: none may be registered
    # The executable prints the same bytes as the typer command.
    from typer.testing import CliRunner
    from pipeline.cli import app

    typer_out = CliRunner().invoke(app, ["extract", str(file)]).output
    assert fast["out"] == typer_out and json.loads(typer_out)[0]["number"]
    exe = subprocess.run([sys.executable, "-c", "from pipeline.entry import main; main()", "extract", str(file)],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert exe.returncode == 0 and exe.stdout == typer_out


def test_any_other_command_line_goes_to_typer(tmp_path):
    missing = entry("extract", str(tmp_path / "missing.txt"))
    assert missing["code"] == 2 and "typer" in missing["modules"]  # typer's own usage error
    folder = entry("extract", str(tmp_path))
    assert folder["code"] == 2
    helped = entry("extract", "--help")
    assert helped["code"] == 0 and "typer" in helped["modules"]
