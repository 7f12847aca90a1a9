"""Load and validate a rule folder: frameworks.yaml and one <concept>.yaml per concept.

Everything about the frameworks and their concepts is data in the folder: which concepts exist
(those frameworks.yaml names), their order in reports (order: in frameworks.yaml, else the order
of first mention), titles, short labels, the names plans use when they claim a link, and the
years of the time-horizon concept (the one concept file with a `timeframe:` block). The code
knows no concept id.

A broken file stops the run with one RuleError naming the file, the entry and the field.
"""

from __future__ import annotations

import os
import re
from importlib import resources
from pathlib import Path

from aligner.errors import RuleError
from aligner.model import Concept, Context, Example, Framework, Rule, RuleSet, Timeframe
from aligner.tagging.rule_blocks import parse_examples, parse_timeframe
from aligner.tagging.rule_parse import parse_rule, parse_terms
from aligner.tagging.terms import Term

# The environment variable that points `serve`, batch jobs and library callers at a rule folder.
RULES_ENV = "ALIGNER_RULES"
FRAMEWORKS_FILE = "frameworks.yaml"

# `guards`: named word lists the file's rules share through YAML anchors (`upkeep: &upkeep [...]`, then
# `unless_with: [*upkeep, ...]`); read only through the rules that use them.
_CONCEPT_KEYS = {"concept", "title", "short", "names", "baseline", "description", "rules", "examples", "timeframe",
                 "related", "guards"}
_FRAMEWORK_KEYS = {"id", "title", "short", "concepts"}
_FRAMEWORKS_FILE_KEYS = {"frameworks", "order"}
# Concept and framework ids: file names, JSON keys and --fail-on values.
_CONCEPT_ID = re.compile(r"^[a-z0-9][a-z0-9_]*$")



def default_rules_dir() -> Path:
    """The rule folder shipped with the package (the repository's rules/ in an editable install)."""
    return Path(str(resources.files("aligner.rules")))


def rules_dir_in_use(rules_dir: str | Path | None = None) -> Path:
    """The folder a run reads: the one given, else $ALIGNER_RULES, else the shipped rules."""
    if rules_dir:
        return Path(rules_dir)
    from_env = os.environ.get(RULES_ENV, "").strip()
    return Path(from_env) if from_env else default_rules_dir()


def copy_shipped_rules(folder: str | Path) -> list[Path]:
    """Copy the shipped rule files into `folder` (made if missing) for styrning staff to edit.

    Nothing is overwritten: a folder that already holds one of the files is refused."""
    import shutil

    target = Path(folder)
    sources = sorted(p for p in default_rules_dir().iterdir() if p.suffix in (".yaml", ".md") and p.is_file())
    taken = [target / p.name for p in sources if (target / p.name).exists()]
    if taken:
        raise RuleError(str(taken[0]), "finns redan; välj en ny eller tom mapp (inget skrevs över)")
    try:
        target.mkdir(parents=True, exist_ok=True)
        return [Path(shutil.copyfile(p, target / p.name)) for p in sources]
    except OSError as exc:
        raise RuleError(str(target), f"kan inte skrivas ({exc.strerror or exc})") from exc


def load_rules(rules_dir: str | Path | None = None) -> RuleSet:
    """Read and validate every rule file in a folder (default: $ALIGNER_RULES, else the shipped rules).

    A validated rule set is cached on disk as JSON (data only: a cache folder someone else can
    write to cannot make aligner run code, as a pickle could), under a hash of everything that
    shapes it: aligner's version, the code that parses rules, the folder and each file's name and
    bytes. Parsing the YAML is a tenth of `aligner check`'s start-up.
    """
    from aligner import __version__, cache

    folder = rules_dir_in_use(rules_dir)
    if not folder.is_dir():
        raise RuleError(str(folder), "mappen med regler finns inte")
    files = sorted(f for f in folder.glob("*.yaml") if f.is_file())
    # The code that shapes a rule set: this parser, the term syntax, the records (aligner/model/rules.py,
    # where they moved from this module) and the claim-name keys (text.py, name_key).
    package = Path(__file__).parent.parent
    parser = tuple(p.read_bytes() for p in (Path(__file__), package / "tagging" / "rule_blocks.py",
                                            package / "tagging" / "terms.py", package / "model" / "rules.py",
                                            package / "text.py"))
    name = "rules-" + cache.key(__version__, *parser, str(folder.resolve()),
                                *(part for f in files for part in (f.name, f.read_bytes()))) + ".json"
    data = cache.read(name)
    if data is not None:
        try:
            ruleset = cache.from_json(data, _cached_types())
            if isinstance(ruleset, RuleSet):
                return ruleset
        except Exception:  # a stale, broken or foreign entry is simply rebuilt
            pass
    ruleset = _load_rules(folder)
    try:
        cache.write(name, cache.to_json(ruleset))
    except TypeError:  # a field the JSON form does not know: no cache, the rules still load
        pass
    return ruleset


def _cached_types() -> dict[str, type]:
    return {cls.__name__: cls for cls in (RuleSet, Framework, Concept, Rule, Context, Example, Timeframe, Term)}


def _load_rules(folder: Path) -> RuleSet:
    from aligner.text import name_key

    frameworks, order = _load_frameworks(folder / FRAMEWORKS_FILE)
    concepts: list[Concept] = []
    timeframe: Timeframe | None = None
    seen_rules: dict[str, str] = {}
    names: dict[str, tuple[str, str]] = {}  # claim name key -> (concept id, the name as written)
    for cid in order:
        path = folder / f"{cid}.yaml"
        if path.is_dir():
            raise RuleError(_show(path), "är en mapp, inte en regelfil")
        if not path.is_file():
            raise RuleError(_show(folder / FRAMEWORKS_FILE), f"konceptet '{cid}' saknar sin fil {cid}.yaml",
                            cid, "concepts", entry="koncept")
        data = _read_yaml(path)
        concept, tf = _parse_concept(path, data, cid)
        for rule in concept.rules:
            if rule.id in seen_rules:
                raise RuleError(_show(path), f"regel-id finns redan i {seen_rules[rule.id]}", rule.id, "id")
            seen_rules[rule.id] = path.name
        # A concept is known by its id, its title and the names its file lists.
        for name in (cid, cid.replace("_", " "), concept.title, *concept.names):
            key = name_key(name)
            owner = names.get(key)
            if owner and owner[0] != cid:
                raise RuleError(_show(path), f"namnet '{name}' används redan av konceptet '{owner[0]}'",
                                field="names")
            names.setdefault(key, (cid, name))
        concepts.append(concept)
        if tf is not None:
            if timeframe is not None:
                raise RuleError(_show(path), f"bara ett koncept kan ha 'timeframe' ({timeframe.concept} har det redan)",
                                field="timeframe")
            timeframe = tf
    for extra in sorted(folder.glob("*.yaml")):
        if extra.stem not in order and extra.name != FRAMEWORKS_FILE:
            raise RuleError(_show(extra), f"konceptet '{extra.stem}' finns inte i någon styrmodell i "
                                          f"{FRAMEWORKS_FILE}; lägg till det under 'concepts' där, "
                                          "eller flytta filen ur mappen")
    claim_names = tuple((key, cid) for key, (cid, _) in names.items() if key)
    return RuleSet(tuple(frameworks), tuple(concepts), timeframe, str(folder), claim_names)


def _show(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _read_yaml(path: Path) -> dict:
    import yaml

    if path.is_dir():
        raise RuleError(_show(path), "är en mapp, inte en regelfil")
    if not path.is_file():
        raise RuleError(_show(path), "filen saknas")
    try:
        # The C loader, where PyYAML has it, reads the rule files several times faster.
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (rad {mark.line + 1})" if mark else ""
        raise RuleError(_show(path), f"ogiltig YAML{where}: {getattr(exc, 'problem', exc)}") from exc
    except UnicodeDecodeError as exc:
        raise RuleError(_show(path), "filen är inte UTF-8") from exc
    if not isinstance(data, dict):
        raise RuleError(_show(path), "filen ska innehålla en YAML-mappning")
    return data


def _load_frameworks(path: Path) -> tuple[list[Framework], tuple[str, ...]]:
    """The frameworks, and every concept id in report order (`order:`, else the order of first mention)."""
    where = _show(path)
    data = _read_yaml(path)
    unknown = set(data) - _FRAMEWORKS_FILE_KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise RuleError(where, f"okänd nyckel '{key}' (tillåtna: frameworks, order)", field=key)
    items = data.get("frameworks")
    if not isinstance(items, list) or not items:
        raise RuleError(where, "saknar en lista 'frameworks'", field="frameworks")
    out: list[Framework] = []
    for n, item in enumerate(items, 1):
        name = str(item.get("id") or f"nr {n}") if isinstance(item, dict) else f"nr {n}"

        def fail(problem: str, field_name: str | None = None, name: str = name) -> RuleError:
            return RuleError(where, problem, name, field_name, entry="styrmodell")

        if not isinstance(item, dict):
            raise fail("varje styrmodell ska vara en mappning med id, title och concepts")
        unknown = set(item) - _FRAMEWORK_KEYS
        if unknown:
            key = sorted(unknown)[0]
            raise fail(f"okänd nyckel '{key}' (tillåtna: id, title, short, concepts)", key)
        for key in ("id", "title", "concepts"):
            if key not in item or item[key] in (None, "", []):
                raise fail(f"'{key}' saknas", key)
        fid = item["id"]
        if not isinstance(fid, str) or not _CONCEPT_ID.match(fid):
            raise fail("id ska bestå av a-z, 0-9 och _", "id")
        if any(f.id == fid for f in out):
            raise fail("styrmodellens id finns redan", "id")
        concepts = item["concepts"]
        if not isinstance(concepts, list) or not all(isinstance(c, str) for c in concepts):
            raise fail("'concepts' ska vara en lista med koncept-id", "concepts")
        for cid in concepts:
            if not _CONCEPT_ID.match(cid):
                raise fail(f"koncept-id '{cid}' ska bestå av a-z, 0-9 och _ (och vara filens namn)", "concepts")
        if len(set(concepts)) != len(concepts):
            raise fail("ett koncept står två gånger", "concepts")
        short = item.get("short")
        if short is not None and (not isinstance(short, str | int) or not str(short).strip()):
            raise fail("'short' ska vara en kort text", "short")
        title = _text(where, name, "title", item["title"], entry="styrmodell")
        out.append(Framework(fid, title, tuple(concepts), str(short or "").strip() or title))
    mentioned = tuple(dict.fromkeys(c for fw in out for c in fw.concepts))
    order = data.get("order")
    if order is None:
        return out, mentioned
    if not isinstance(order, list) or not all(isinstance(c, str) for c in order) or len(set(order)) != len(order):
        raise RuleError(where, "'order' ska vara en lista med koncept-id, vart och ett en gång", field="order")
    if set(order) != set(mentioned):
        missing = [c for c in mentioned if c not in order] or [c for c in order if c not in mentioned]
        raise RuleError(where, f"'order' ska nämna precis styrmodellernas koncept ('{missing[0]}' stämmer inte)",
                        field="order")
    return out, tuple(order)


def _text(where: str, name: str | None, field_name: str, value: object, entry: str = "regel") -> str:
    if not isinstance(value, str | int | float) or isinstance(value, bool) or not str(value).strip():
        raise RuleError(where, f"'{field_name}' ska vara en text", name, field_name, entry=entry)
    return str(value).strip()


def _parse_concept(path: Path, data: dict, cid: str) -> tuple[Concept, Timeframe | None]:
    where = _show(path)
    unknown = set(data) - _CONCEPT_KEYS
    if unknown:
        raise RuleError(where, f"okänd nyckel '{sorted(unknown)[0]}'", field=sorted(unknown)[0])
    guards = data.get("guards", {})
    if not isinstance(guards, dict) or not all(
            isinstance(v, list) and v and all(isinstance(w, str) for w in v) for v in guards.values()):
        raise RuleError(where, "ska vara namngivna listor med ord (upkeep: &upkeep [...])", field="guards")
    if data.get("concept") != cid:
        raise RuleError(where, f"'concept' ska vara '{cid}' (filens namn)", field="concept")
    raw_rules = data.get("rules") or []
    if not isinstance(raw_rules, list):
        raise RuleError(where, "'rules' ska vara en lista", field="rules")
    # A concept with no rules yet loads: it is a gap in every plan until its rules are written.
    rules = tuple(parse_rule(where, cid, raw) for raw in raw_rules)
    timeframe = parse_timeframe(where, cid, data["timeframe"]) if "timeframe" in data else None
    examples = parse_examples(where, cid, data.get("examples") or {}, {r.id for r in rules})
    related = parse_terms(where, None, "related", data["related"]) if "related" in data else ()
    title = _text(where, None, "title", data["title"]) if "title" in data else cid
    names = data.get("names") or []
    if isinstance(names, str):
        names = [names]
    if not isinstance(names, list) or not all(isinstance(n, str | int) and str(n).strip() for n in names):
        raise RuleError(where, "'names' ska vara en lista med namn", field="names")
    concept = Concept(
        id=cid,
        title=title,
        description=str(data.get("description") or "").strip(),
        path=where,
        rules=rules,
        examples=examples,
        related=related,
        short=_text(where, None, "short", data["short"]) if "short" in data else title,
        names=tuple(str(n).strip() for n in names),
        baseline=_text(where, None, "baseline", data["baseline"]) if "baseline" in data else title,
    )
    return concept, timeframe
