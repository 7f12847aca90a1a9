"""No module under aligner/ over 400 lines: a module that grows past it is split by concern (what it
reads, what it decides, what it lays out), not cut in half."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "aligner"
MAX_LINES = 400


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_no_module_is_over_400_lines():
    sizes = {str(p.relative_to(ROOT.parent)): _lines(p) for p in sorted(ROOT.rglob("*.py"))}
    assert len(sizes) > 50  # the walk found the package
    too_long = {name: n for name, n in sizes.items() if n > MAX_LINES}
    assert not too_long, f"modules over {MAX_LINES} lines (split them by concern): {too_long}"


def test_the_count_is_the_file_s_lines(tmp_path):
    """The limit counts every line, a last one without a newline too (which wc -l leaves out)."""
    module = tmp_path / "m.py"
    module.write_text("a = 1\n" * MAX_LINES + "b = 2", encoding="utf-8")
    assert _lines(module) == MAX_LINES + 1
