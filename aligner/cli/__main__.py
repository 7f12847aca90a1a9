"""`python -m aligner.cli`: the same command line as the `aligner` script."""

from aligner.cli.app import main

main()
