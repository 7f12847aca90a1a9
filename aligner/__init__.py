"""aligner: checks verksamhetsplaner against Helsingborg's målbild and inriktningar.

The frameworks and their concepts are data in a rule folder (the shipped rules/, or one given by
`--rules` / $ALIGNER_RULES); the code knows no concept.

The public API, one function per step (heavy libraries load only when a step runs):

    plan = read_plan("plan.docx")            # readers: .docx, .xlsx -> Plan
    rules = load_rules()                     # a rule folder's *.yaml -> RuleSet
    tagger = Tagger(rules)                   # spaCy pipeline, built once
    tagged = tagger.tag_plan(plan)           # -> TaggedPlan (tags with evidence)
    coverage = compute_coverage(tagged, rules)
    text = render("json", check_plan("plan.docx", tagger))
    hints = suggest(tagged, coverage, rules) # suggestions for the gaps (never coverage)
    copy = annotate_plan("plan.docx")        # -> plan.aligner.docx with aligner's comments
"""

__version__ = "0.1.0"

__all__ = [
    "Tagger",
    "annotate_plan",
    "check_plan",
    "compute_coverage",
    "load_rules",
    "read_plan",
    "render",
    "suggest",
    "tag_plan",
]


def __getattr__(name: str):
    # Lazy re-exports: `import aligner` stays cheap, so `aligner --version` does not load spaCy.
    if name == "read_plan":
        from aligner.readers import read_plan

        return read_plan
    if name == "load_rules":
        from aligner.tagging.rules import load_rules

        return load_rules
    if name in ("Tagger", "tag_plan"):
        from aligner.tagging import tagger

        return getattr(tagger, name)
    if name == "compute_coverage":
        from aligner.analysis.coverage import compute_coverage

        return compute_coverage
    if name == "check_plan":
        from aligner.run.check import check_plan

        return check_plan
    if name == "render":
        from aligner.reports import render

        return render
    if name == "suggest":
        from aligner.analysis.suggest import suggest

        return suggest
    if name == "annotate_plan":
        from aligner.run.annotate import annotate_plan

        return annotate_plan
    raise AttributeError(f"module 'aligner' has no attribute {name!r}")
