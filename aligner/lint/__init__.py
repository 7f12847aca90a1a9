"""Rule tooling, never used when tagging: `aligner rules lint` and `aligner rules missing` check the
rules against every form of every word of a Swedish Hunspell dictionary.

    matches.py   what each glob term of the rules matches, against the examples and the reviewed list
    missing.py   the dictionary compounds with a given part that no rule matches
    text.py      both as text for the terminal, in Swedish
    hunspell.py  the dictionary: finding hunspell-sv, the .dic file, the lexicon of word forms
    affixes.py   the .aff file and the affix expansion
"""
