"""The analysis: pure functions over tagged plans and results, no file reading and no tagging.

    coverage.py     compute_coverage: which concepts a plan's goals serve; claimed links checked
    gaps.py         analyse_gaps: the five kinds of gap; indicator checks; gap_views (in Swedish)
    suggest.py      suggest: the goals closest to each gap concept (hints, never coverage)
    accepted.py     the accepted-gaps file, and applying it to an audit
    tables.py       an audit's tables (pandas): matrix, concepts, summary, statements, gaps, problems
    fail_on.py      `--fail-on` conditions, parsed and checked against an audit
    diff.py         what changed between two versions, per organisation
    evaluation.py   the tagger measured against labelled sets and the rule files' examples

The records these take and make are in aligner.model. Nothing here imports aligner.readers,
aligner.tagging or aligner.run at module level (tests/test_imports.py), so the reports can use
the analysis without reaching the readers or the tagger.
"""
