"""The command line: a thin face on the library, one module per command.

    app.py       the `aligner` group (--version, --debug, the last guard) with every command
    common.py    exit codes, error mapping, the shared options, the cached tagger
    sv.py        click in Swedish: help pages and usage errors
    check.py, tag.py, eval.py, rules.py (+ lint.py), audit.py, diff.py, annotate.py, serve.py

The arrows point one way: app -> commands -> common (and sv -> common); no command imports app.
No spaCy, python-docx or openpyxl imported at module level anywhere here. The exit codes, one
table for every command, are in aligner.cli.common.
"""

from aligner.cli.app import main
from aligner.cli.common import EXIT_GAPS, EXIT_INPUT, EXIT_OK, EXIT_USAGE

__all__ = ["EXIT_GAPS", "EXIT_INPUT", "EXIT_OK", "EXIT_USAGE", "main"]
