import json
import subprocess
import sys
from pathlib import Path

CORPUS = Path(__file__).parent.parent / "corpus"


def run(*args):
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, timeout=60)


def test_json_lines_contract():
    out = run("analyze", str(CORPUS / "seed.txt"), str(CORPUS / "d1_vaccine_pact.html"), "--format", "json")
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["source"] for r in rows] == ["seed.txt", "d1_vaccine_pact.html"]
    assert set(rows[0]) >= {"source", "date", "title", "sections", "quotes"}
    assert set(rows[0]["sections"][1]) >= {"heading", "paragraphs", "bullets"}
    assert set(rows[0]["sections"][1]["bullets"][0]) == {"text", "speakers"}
    assert set(rows[0]["quotes"][0]) == {"text", "speaker", "section", "how", "confidence"}
    for q in rows[0]["quotes"]:
        assert (q["how"] == "none") == (q["speaker"] is None)
        assert 0.0 <= q["confidence"] <= 1.0


def test_folder_and_text_format(tmp_path):
    (tmp_path / "a.txt").write_text(" date 2025-01-01 Hello\n\n“Hi,” Ian says.\n")
    (tmp_path / "a.gold.json").write_text("{}")
    out = run("analyze", str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert "Hello" in out.stdout and "Ian" in out.stdout


def test_unreadable_file_exits_non_zero_with_one_line_naming_it(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02\x03" * 50)
    out = run("analyze", str(bad), "--format", "json")
    assert out.returncode != 0
    assert str(bad) in out.stderr and len(out.stderr.strip().splitlines()) == 1
    missing = run("analyze", str(tmp_path / "nope.txt"))
    assert missing.returncode != 0 and "nope.txt" in missing.stderr
