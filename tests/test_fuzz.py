"""Fuzz: mutated plan files (tests/fuzzing.py) never crash aligner check: exit 0, 1 or 2, no traceback,
within a time and memory budget. A small seeded sample here; benchmarks/fuzz.py runs 10,000 and more."""

import resource
import time

import pytest

import aligner.cli.common
from tests.fuzzing import check_file, mutant_at

SEED = 20261205
COUNT = 500
SECONDS_PER_FILE = 20  # generous: a run near it is a hang, which the limits exist to prevent
PEAK_MEMORY_MB = 1536


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    files = []
    for n in range(COUNT):
        what, suffix, data = mutant_at(SEED, n)
        path = folder / f"{n:04d}{suffix}"
        path.write_bytes(data)
        files.append((path, what))
    return files


def test_mutated_files_exit_0_1_or_2_without_a_traceback(corpus, tagger, monkeypatch):
    monkeypatch.setattr(aligner.cli.common, "tagger", lambda rules_dir: tagger)
    crashes, slow, codes = [], [], {}
    for path, what in corpus:
        started = time.perf_counter()
        code, crashed, output = check_file(path)
        seconds = time.perf_counter() - started
        codes[code] = codes.get(code, 0) + 1
        if crashed or code not in (0, 1, 2):
            crashes.append(f"{path.name} ({what}): exit {code}: {output[-300:]}")
        if seconds > SECONDS_PER_FILE:
            slow.append(f"{path.name} ({what}): {seconds:.1f} s")
    assert not crashes, "\n".join(crashes)
    assert not slow, "\n".join(slow)
    assert codes.get(2, 0) < COUNT  # some mutants are still plans that read
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert peak_mb < PEAK_MEMORY_MB, f"peak memory {peak_mb:.0f} MB"


def test_mutations_are_the_same_for_the_same_seed():
    assert mutant_at(SEED, 7) == mutant_at(SEED, 7)
    assert mutant_at(SEED, 7)[2] != mutant_at(SEED + 1, 7)[2]
