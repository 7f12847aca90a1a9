import gc
import zipfile

import pytest

from aligner.errors import InputError
from aligner.readers import read_plan
from aligner.runtime import paused_gc


def test_paused_gc_restores_the_collector_also_when_nested_or_failing():
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause is still on
    assert gc.isenabled()
    with pytest.raises(RuntimeError), paused_gc():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_a_failed_read_leaves_the_collector_on(tmp_path):
    # A zip that sniffs as Word (so the reader runs, with the collector paused) but has no document.
    broken = tmp_path / "trasig.docx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", '<Types><Override ContentType="application/'
                         'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    with pytest.raises(InputError):
        read_plan(broken)
    assert gc.isenabled()


def test_a_user_text_file_missing_or_not_utf8_is_one_swedish_input_error(tmp_path):
    from aligner.errors import read_user_text

    with pytest.raises(InputError, match=r"^saknas\.txt: filen med namn finns inte$"):
        read_user_text(tmp_path / "saknas.txt", "filen med namn finns inte")
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Förvaltning".encode("cp1252"))
    with pytest.raises(InputError, match=r"^latin1\.txt: kan inte läsas .*\(spara filen som UTF-8\)$"):
        read_user_text(latin)
    bom = tmp_path / "bom.txt"
    bom.write_bytes("\ufeffNämnd".encode())
    assert read_user_text(bom) == "Nämnd"


def test_quick_init_keeps_a_frozen_dataclass_as_it_was():
    import dataclasses
    import inspect

    from aligner.runtime import quick_init

    def make():
        @dataclasses.dataclass(frozen=True, slots=True)
        class Point:
            x: int
            y: int = 2
            tags: tuple = dataclasses.field(default_factory=lambda: ("new",))
        return Point

    plain, quick = make(), quick_init(make())
    assert inspect.signature(quick.__init__).parameters.keys() == inspect.signature(plain.__init__).parameters.keys()
    for args, kwargs in [((1,), {}), ((1, 5), {}), ((1,), {"tags": ()}), ((), {"x": 3, "y": 4})]:
        a, b = plain(*args, **kwargs), quick(*args, **kwargs)
        assert (a.x, a.y, a.tags) == (b.x, b.y, b.tags)
        assert hash(b) == hash(quick(*args, **kwargs))
    with pytest.raises(dataclasses.FrozenInstanceError):
        quick(1).x = 2
    with pytest.raises(TypeError):
        quick()  # x is still required
    with pytest.raises(TypeError):
        quick(1, 2, (), 4)


def test_quick_init_refuses_what_it_cannot_reproduce():
    import dataclasses

    from aligner.runtime import quick_init

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        x: int

        def __post_init__(self):
            pass

    @dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
    class KeywordOnly:
        x: int

    for cls in (Checked, KeywordOnly):
        with pytest.raises(TypeError):
            quick_init(cls)
