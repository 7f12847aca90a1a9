"""`aligner rules lint`, `aligner rules missing` and `aligner rules forms`: the rules against a Swedish dictionary
(see aligner/lint/)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from aligner.cli.common import EXIT_GAPS, EXIT_OK, fail, rules_option
from aligner.errors import AlignerError


def _dictionary_option(f):
    return click.option(
        "--dictionary", "dictionary_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
        help="Mapp med sv_SE.dic och sv_SE.aff (standard: paketet hunspell-sv).",
    )(f)


def _concept_option(f):
    return click.option("--concept", "concepts", multiple=True, metavar="KONCEPT",
                        help="Bara detta koncept (upprepa för flera).")(f)


def _load(rules_dir: Path | None, dictionary_dir: Path | None, concepts: tuple[str, ...]):
    from aligner.lint.matches import WordIndex
    from aligner.tagging.rules import load_rules

    ruleset = load_rules(rules_dir)
    unknown = set(concepts) - {c.id for c in ruleset.concepts}
    if unknown:
        raise click.BadParameter(f"okänt koncept: {', '.join(sorted(unknown))}", param_hint="--concept")
    return ruleset, WordIndex.load(dictionary_dir)


@click.command(name="lint")
@_concept_option
@click.option("--all", "all_words", is_flag=True, help="Visa alla ord som varje term matchar, inte ett urval.")
@click.option("--new", "new_only", is_flag=True,
              help="Visa bara termer med träffar som ingen har granskat, med alla de orden (läs dem före --update).")
@click.option("--phrases", is_flag=True, help="Ta med termer med * i fraser (de matchar bara i sin fras).")
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@click.option("--update", is_flag=True,
              help="Skriv om den granskade listan (lint_reviewed.txt i regelmappen) med alla träffar.")
@_dictionary_option
@rules_option
def lint(concepts: tuple[str, ...], all_words: bool, new_only: bool, phrases: bool, as_json: bool, update: bool,
         dictionary_dir: Path | None, rules_dir: Path | None) -> None:
    """Visa vilka ord i en svensk ordlista (hunspell-sv) varje term med * matchar.

    För varje term i stems, prefixes och suffixes (och ord med *) visas hur många ord i ordlistan,
    med böjningsformer, den matchar, hur många ett exempel i regelfilen täcker och ett urval av de
    övriga. Slutkod 1 när en term matchar ord som inte finns i den granskade listan.

    Example: aligner rules lint --concept trygghet
    """
    from aligner.lint.hunspell import dictionary_version
    from aligner.lint.matches import format_reviewed, read_reviewed, reviewed_lines, reviewed_path
    from aligner.lint.matches import lint as run_lint
    from aligner.lint.text import render_lint

    try:
        ruleset, words = _load(rules_dir, dictionary_dir, concepts)
    except AlignerError as err:
        fail(err)
    path = reviewed_path(ruleset.source)
    reviewed = read_reviewed(path)
    name = f"hunspell-sv {dictionary_version()}".strip() if dictionary_dir is None else str(dictionary_dir)
    report = run_lint(ruleset, words, reviewed, concepts or None, name, phrases=phrases)
    report.reviewed_path = _shown(path)
    if update:
        # Lines of concepts left out with --concept stay as they were, where they were.
        keep = (reviewed_lines(path) or []) if concepts else []
        path.write_text(format_reviewed(report, keep, [r.id for r in ruleset.rules]), encoding="utf-8")
        click.echo(f"Skrev {_shown(path)} ({sum(len(t.words) for t in report.terms if not t.phrase)} träffar). "
                   "Läs diffen innan du checkar in den.", err=True)
        return
    if as_json:
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(render_lint(report, all_words=all_words, new_only=new_only))
    sys.exit(EXIT_GAPS if report.unreviewed else EXIT_OK)


def _shown(path: Path) -> Path:
    """A path as the user would write it: relative to the working folder when it is inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


@click.command(name="missing")
@click.argument("parts", nargs=-1, required=True, metavar="DEL...")
@_concept_option
@click.option("--all", "all_words", is_flag=True, help="Visa också de ord som regler matchar, med reglerna.")
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@_dictionary_option
@rules_option
def missing(parts: tuple[str, ...], concepts: tuple[str, ...], all_words: bool, as_json: bool,
            dictionary_dir: Path | None, rules_dir: Path | None) -> None:
    """Hitta ord i ordlistan med en viss del som ingen regel matchar.

    En DEL utan * får stå var som helst i ordet (omsorgs hittar äldreomsorgsboende); med * är den
    ett mönster som i reglerna (omsorgs* i början av ordet). Med --concept räknas bara de
    koncepten regler.

    Example: aligner rules missing hemtjänst omsorgs trygghets klimat
    """
    from aligner.lint.missing import missing as run_missing
    from aligner.lint.text import render_missing

    try:
        ruleset, words = _load(rules_dir, dictionary_dir, concepts)
        reports = run_missing(ruleset, words, parts, concepts or None)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="PARTS") from err
    except AlignerError as err:
        fail(err)
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in reports], ensure_ascii=False, indent=2))
    else:
        click.echo(render_missing(reports, ruleset, all_words=all_words))


@click.command(name="forms")
@_concept_option
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
@_dictionary_option
@rules_option
def forms(concepts: tuple[str, ...], as_json: bool, dictionary_dir: Path | None, rules_dir: Path | None) -> None:
    """Visa böjningsformer som orden i reglernas fraser inte täcker.

    En fras matchar orden som de står: "kunna|få välja" matchar inte "får välja". För varje helt ord
    i en fras visas de böjningsformer som frasen missar (former av ordets lemma i spacy-lookups-datas
    lemmatabell som ordlistan hunspell-sv har i samma uppslagsord); lägg till dem, skriv ett mönster
    (väg*) eller lemmat (<få>).

    Example: aligner rules forms --concept livskvalitet
    """
    from aligner.lint.forms import Paradigms, form_gaps, render_forms

    try:
        ruleset, words = _load(rules_dir, dictionary_dir, concepts)
    except AlignerError as err:
        fail(err)
    gaps = form_gaps(ruleset, Paradigms.load(), words, concepts or None)
    if as_json:
        click.echo(json.dumps([g.to_dict() for g in gaps], ensure_ascii=False, indent=2))
    else:
        click.echo(render_forms(gaps))
