"""Text as search compares it: accents and case folded away, the same on every database.

SQLite's LIKE folds the case of ASCII letters only and PostgreSQL's LIKE folds nothing,
so a search that should find "Coopérative" for "cooperative" (and "Bujumbura" for
"BUJUMBURA") compares folded text on both: a column kept folded by the model, and the
query folded by the same function.
"""

import unicodedata

# Letters that decomposition does not split into a base letter and an accent.
_EXTRA = str.maketrans({"ø": "o", "đ": "d", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe",
                        "ı": "i", "’": "'", "‘": "'"})


def fold(text) -> str:
    """`text` without accents, in lower case, its spaces collapsed: "  Coopérative
    ÉLAN " -> "cooperative elan"."""
    decomposed = unicodedata.normalize("NFKD", str(text or "").casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.translate(_EXTRA).split())
