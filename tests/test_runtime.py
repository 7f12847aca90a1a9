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
