"""Hostile texts for the claim extractor, shared by `tests/test_claims_hostile.py` (no crash,
sane output) and `benchmarks/claims_hostile.py` (time against a bound, and against twice the
size). Each builder takes a size, so the benchmark can check that time grows linearly.
"""

from __future__ import annotations

import random
from collections.abc import Callable

_WORDS = ("Russian", "forces", "captured", "86%", "of", "the", "Donetsk", "region", "and",
          "Kharkiv", "said", "ministry", "took", "control", "Pokrovsk", "1,000", "square",
          "kilometres", "villages", "held", "Sudan", "RSF", "El", "Fasher", "lost", "two-thirds",
          "according", "to", "ISW", "retreated", "from", "Kursk", "over", "half")
_TOWNS = ("Avdiivka", "Pokrovsk", "Kurakhove", "Toretsk", "Lyman", "Siversk", "Vuhledar",
          "Bakhmut", "Chasiv Yar", "Kupiansk")
_OPENING = ("“", "‘", '"', "«", "'")
_CLOSING = ("”", "’", '"', "»", "'")


def long_sentence(words: int) -> str:
    """One sentence of `words` words: claim words, numbers and place names, no full stop."""
    rng = random.Random(words)
    return " ".join(rng.choice(_WORDS) for _ in range(words)) + "."


def digits(n: int) -> str:
    """A number of `n` digits ("1234567890123...")."""
    return ("1234567890" * (n // 10 + 1))[:n]


def huge_percent(n: int) -> str:
    return f"Russian forces control {digits(n)}% of the Donetsk region, the ministry said."


def huge_area(n: int) -> str:
    return (f"Russian forces have captured {digits(n)} km² in the Donetsk region and "
            f"{digits(n)} square kilometres of the Kursk region, the ministry said.")


def nested_quotes(levels: int) -> str:
    """A claim inside `levels` nested quotation marks of five kinds."""
    opening = "".join(_OPENING[i % 5] for i in range(levels))
    closing = "".join(_CLOSING[i % 5] for i in reversed(range(levels)))
    return (f"The ministry said {opening}Russian forces have captured 40% of the Donetsk "
            f"region{closing}.")


def table_rows(rows: int) -> str:
    """A claim in table cells: a pipe table, tab-separated cells and an HTML table."""
    pipes = ["| Region | Claim |", "| --- | --- |"]
    tabs = ["Region\tClaim\tSource"]
    html = ["<table><tr><th>Region</th><th>Claim</th></tr>"]
    for i in range(rows):
        town = _TOWNS[i % len(_TOWNS)]
        claim = f"Russian forces captured {i % 90 + 1}% of the Donetsk region near {town}"
        pipes.append(f"| Donetsk | {claim} |")
        tabs.append(f"Donetsk\t{claim}\tISW")
        html.append(f"<tr><td>Donetsk</td><td>{claim}, the ministry said.</td></tr>")
    return "\n".join(pipes) + "\n\n" + "\n".join(tabs) + "\n\n" + "".join(html) + "</table>"


def long_list(names: int) -> str:
    """"captured A, B, C, ... and Z": a list of `names` place names."""
    listed = ", ".join(f"{_TOWNS[i % len(_TOWNS)]}" + (f" {i}" if i >= len(_TOWNS) else "")
                       for i in range(names))
    return f"Russian forces captured {listed} and Kupiansk, the ministry said."


# name -> (builder, the size the tests and the benchmark use)
HOSTILE: dict[str, tuple[Callable[[int], str], int]] = {
    "sentence of 5,000 words": (long_sentence, 5000),
    "400-digit percentage": (huge_percent, 400),
    "400-digit area in km²": (huge_area, 400),
    "quotes nested 200 deep": (nested_quotes, 200),
    "claims in table rows": (table_rows, 50),
    "list of 2,000 names": (long_list, 2000),
}
