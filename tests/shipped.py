"""The concept ids of the shipped rules: only tests of the shipped rule folder may name them."""

SHIPPED_CONCEPTS = (
    "innovation",
    "samspel",
    "livskvalitet",
    "tidshorisont_2027",
    "trygghet",
    "sysselsattning",
    "klimatneutralitet_2030",
)
