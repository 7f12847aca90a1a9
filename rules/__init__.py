"""Rule data for aligner, shipped inside the package as aligner.rules (see pyproject.toml)."""
