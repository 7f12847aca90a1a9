"""The runs: orchestration of reading, tagging and the analysis, for every face (CLI, web page, library).

    check.py     check_plan: read, tag, cover, analyse and suggest for one plan
    audit.py     run_audit: many plans (worker processes, one bad file never fatal); audit_one:
                 one checked plan as the audit sees it
    files.py     collect_files: the plan files under folders, and what was left out and why
    orgs.py      the organisation of each plan, and the orgs file
    diff.py      diff_paths: two versions (plan files or JSON reports) compared
    annotate.py  annotate_plan: check a plan and write the annotated copy
    pool.py      TaggerPool: the web page's Taggers, one per request thread at a time

The run layer may reach everything; nothing but the faces (aligner.cli, aligner.web) and the
library's entry points import it. The reports take its results and never reach it
(tests/test_imports.py).
"""
