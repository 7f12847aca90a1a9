"""Tagging: the rules loaded (rules.py), the spaCy pipeline and its matcher (pipeline.py, terms.py,
lemmas.py, hyphens.py), time frames (timeframe.py, and timecells.py for a table row's columns), and
the Tagger that tags statements with evidence (tagger.py)."""
