"""The rule cache is data (JSON), never code, keyed on everything that shapes it; and the rule
loader's own guards: a folder named like a rule file, regex-like terms."""

import json
import os
import pickle
import shutil
from pathlib import Path

import pytest

import aligner.model.rules as model_module
import aligner.tagging.rules as rules_module
from aligner import cache
from aligner.errors import RuleError
from aligner.tagging.rules import default_rules_dir, load_rules


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "aligner"


@pytest.fixture
def shipped_copy(tmp_path):
    """A copy of the shipped rule folder (the cache keys on real rules)."""
    folder = tmp_path / "regler"
    shutil.copytree(default_rules_dir(), folder, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return folder


def test_the_suite_never_touches_the_users_own_cache():
    assert Path(os.environ["XDG_CACHE_HOME"]).resolve() != (Path.home() / ".cache").resolve()


def test_the_cached_rule_set_is_json_and_loads_equal(cache_home, shipped_copy):
    first = load_rules(shipped_copy)
    (entry,) = cache_home.glob("rules-*.json")
    json.loads(entry.read_bytes())  # plain JSON
    assert load_rules(shipped_copy) == first
    assert not list(cache_home.glob("*.pickle"))


def test_a_cache_entry_naming_anything_but_rule_classes_is_not_built(cache_home, shipped_copy, monkeypatch):
    first = load_rules(shipped_copy)
    (entry,) = cache_home.glob("rules-*.json")
    entry.write_text(json.dumps({"@": "system", "command": "touch hacked"}), encoding="utf-8")
    assert load_rules(shipped_copy) == first  # refused, rebuilt from the YAML
    assert not Path("hacked").exists()


def test_a_pickle_in_the_cache_folder_is_never_unpickled(cache_home, shipped_copy, monkeypatch, tmp_path):
    load_rules(shipped_copy)
    (entry,) = cache_home.glob("rules-*.json")
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (Path.touch, (marker,))

    entry.write_bytes(pickle.dumps(Evil()))
    entry.with_suffix(".pickle").write_bytes(pickle.dumps(Evil()))
    load_rules(shipped_copy)
    assert not marker.exists()


def test_the_key_changes_with_the_parser_and_the_files(cache_home, shipped_copy, monkeypatch):
    load_rules(shipped_copy)
    (trygghet := shipped_copy / "trygghet.yaml").write_text(trygghet.read_text(encoding="utf-8") + "\n# ändrad\n",
                                                          encoding="utf-8")
    load_rules(shipped_copy)
    assert len(list(cache_home.glob("rules-*.json"))) == 2
    real = Path.read_bytes

    def other_parser(self):
        data = real(self)
        return data + b"# changed" if self == Path(rules_module.__file__) else data

    monkeypatch.setattr(Path, "read_bytes", other_parser)
    load_rules(shipped_copy)
    assert len(list(cache_home.glob("rules-*.json"))) == 3

    def other_records(self):  # the rule records live in aligner/model/rules.py: they shape the entry too
        data = real(self)
        return data + b"# changed" if self == Path(model_module.__file__) else data

    monkeypatch.setattr(Path, "read_bytes", other_records)
    load_rules(shipped_copy)
    assert len(list(cache_home.glob("rules-*.json"))) == 4


def test_json_codec_refuses_what_it_does_not_know():
    with pytest.raises(TypeError):
        cache.to_json(object())
    with pytest.raises(ValueError):
        cache.from_json(b'{"@": "Path", "x": 1}', {})


def test_a_folder_named_like_a_rule_file_is_one_swedish_line(cache_home, shipped_copy):
    (shipped_copy / "trygghet.yaml").unlink()
    (shipped_copy / "trygghet.yaml").mkdir()
    with pytest.raises(RuleError) as info:
        load_rules(shipped_copy)
    assert "trygghet.yaml: är en mapp, inte en regelfil" in str(info.value)


@pytest.mark.parametrize("term", [r"\d{4}", "(a+)+$", "trygg[a-z]+", "^trygg"])
def test_regex_like_terms_are_refused(cache_home, shipped_copy, term):
    path = shipped_copy / "trygghet.yaml"
    text = path.read_text(encoding="utf-8")
    import re

    first_list = re.search(r"(    (?:words|stems|prefixes): \[)", text)
    assert first_list, "no term list in trygghet.yaml"
    path.write_text(text[: first_list.end()] + json.dumps(term) + ", " + text[first_list.end():], encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rules(shipped_copy)
    assert "ser ut som ett reguljärt uttryck" in str(info.value) and "trygghet.yaml" in str(info.value)
