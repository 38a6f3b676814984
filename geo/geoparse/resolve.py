"""Decide which candidate spans are places, and which gazetteer entry each one means.

Two steps, both scored from context rather than from particular names:
1. `accept`: NER label, part of speech, trigger words and gazetteer strength say whether a
   capitalised phrase is a place at all ("Will", "Reading" and person names usually are not).
2. `rank`: among the entries a name may mean, context picks one: the dateline, the article's
   country focus, co-mentioned places (same admin-1 unit, nearby), admin qualifiers ("the Kursk
   region"), population and feature class. Each choice keeps its main reason.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import numpy

from geo.gazetteer.index import Candidate, distance_km
from geo.gazetteer.names import fold, strip_qualifier
from geo.geoparse.spans import SpanCandidate

TRIGGERS = frozenset("in near at from to outside into across toward towards around between "
                     "through via within inside throughout of".split())
# Verbs whose object is a place, not a person, as a preposition of `TRIGGERS` says ("shelled
# Kherson", "captured Avdiivka": both tagged PERSON by the small model).
VERB_TRIGGERS = frozenset("shelled bombed bombarded besieged encircled surrounded stormed "
                          "captured recaptured retook liberated overran occupied annexed "
                          "evacuated entered invaded raided seized shelling capturing "
                          "besieging encircling storming liberating occupying".split())
PLACE_CUES = TRIGGERS | VERB_TRIGGERS  # a word before a span that says it is a place
FEATURE_PRIOR = {"country": 2.5, "admin1": 1.0, "region": 1.8, "water": 1.8, "landmark": 2.0,
                 "city": 0.0, "admin2": -1.0, "other": -1.0}
ADMIN_SHARED = 0.8
AMBIGUITY_LIMIT = 12  # names with more candidates than this say nothing about their admin-1
KIND_PRIOR = {"name": 0.0, "alias": 0.0, "alt": -0.8, "stripped": -0.6, "demonym": 0.0,
              "spelling": -1.0}
SAME_NAME_KINDS = frozenset({"name", "alias", "alt"})  # not "stripped" ("Texas City" → "Texas")


@dataclass
class Context:
    """What the article says about where it is: votes per country, anchor places, datelines."""

    country_votes: Counter  # (folded surface, country) → votes
    anchors: list[tuple[str, Candidate]]  # (folded surface, resolved entry)
    dateline: Candidate | None = None
    qualified_admin: dict[str, Candidate] | None = None  # folded stem → admin unit named so
    sense: dict[str, str] = field(default_factory=dict)  # folded name → key it had elsewhere
    # admin-1 code → folded names with a candidate there (names with few candidates only)
    admin_names: dict[str, set[str]] = field(default_factory=dict)
    # The part of `country_votes` cast by names of who acts ("Russia captured": `actors`)
    actor_votes: Counter = field(default_factory=Counter)

    # Memos of the methods below, so that scoring a long article's spans reads each distinct
    # (place, name) once: per mention, the anchors of a long article made it quadratic.
    # A Context must not change once scoring has started.
    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)
    _index: _AnchorIndex | None = field(default=None, init=False, repr=False, compare=False)

    def focus(self, country: str | None, *, exclude: str = "", places_only: bool = False,
              ) -> float:
        """Share of the article's country votes for `country`, not counting the name `exclude`.

        `places_only` leaves out the votes of names of who acts: "Russia captured Pokrovsk" says
        the article is about Russia, but not that Pokrovsk is the one in Russia (when choosing
        among namesakes).
        """
        if not country:
            return 0.0
        key = ("focus", country, exclude, places_only)
        found = self._memo.get(key)
        if found is None:
            cast = self.country_votes - self.actor_votes if places_only else self.country_votes
            votes = [(c, n) for (name, c), n in cast.items() if name != exclude]
            total = sum(n for _, n in votes)
            found = sum(n for c, n in votes if c == country) / total if total else 0.0
            self._memo[key] = found
        return found

    def nearest_other_km(self, c: Candidate, name: str) -> float | None:
        """The distance to the nearest anchor, as a scan over every anchor would find it,
        where `others` are the anchors of names other than
        `name` (a name never vouches for one of its own senses)."""
        p = c.place
        if p.lat is None or p.feature in _NO_POINT:
            return None
        key = ("near", p.key, name)
        if key not in self._memo:
            self._memo[key] = self._anchor_index().nearest_km(p, name)
        return self._memo[key]

    def other_in_admin1(self, place, name: str) -> bool:
        """Whether an anchor of a name other than `name` is another place in `place`'s admin-1
        unit."""
        if not place.admin1:
            return False
        key = ("admin1", place.key, name)
        if key not in self._memo:
            group = self._anchor_index().by_admin1.get(place.admin1, {})
            self._memo[key] = any(k != place.key and (len(names) > 1 or name not in names)
                                  for k, names in group.items())
        return self._memo[key]

    def _anchor_index(self) -> _AnchorIndex:
        if self._index is None or self._index.size != len(self.anchors):
            self._index = _AnchorIndex(self.anchors)
            self._memo = {k: v for k, v in self._memo.items() if k[0] == "focus"}
        return self._index


_NO_POINT = ("country", "region", "water", "admin1")  # no distance to or from these
_VECTOR_MIN = 48  # anchors from which distances are computed with numpy first
_SLACK_KM = 1e-6  # numpy's distances are within this of `distance_km`'s


class _AnchorIndex:
    """The distinct anchor places of a Context, each with the names it was anchored under."""

    def __init__(self, anchors: list[tuple[str, Candidate]]) -> None:
        self.size = len(anchors)
        places: dict = {}
        names: dict[str, set[str]] = {}
        for name, a in anchors:
            places.setdefault(a.place.key, a.place)
            names.setdefault(a.place.key, set()).add(name)
        self.by_admin1: dict[str, dict[str, set[str]]] = {}
        for key, place in places.items():
            if place.admin1:
                self.by_admin1.setdefault(place.admin1, {})[key] = names[key]
        self.points = [(key, place.lat, place.lon, names[key]) for key, place in places.items()
                       if place.lat is not None and place.feature not in _NO_POINT]
        self.rows = {key: i for i, (key, *_rest) in enumerate(self.points)}
        self.only_name: dict[str, list[int]] = {}  # name → points anchored under it alone
        for i, (_key, _lat, _lon, named) in enumerate(self.points):
            if len(named) == 1:
                self.only_name.setdefault(next(iter(named)), []).append(i)
        if len(self.points) >= _VECTOR_MIN:
            self.lat = numpy.radians(numpy.array([pt[1] for pt in self.points], dtype=float))
            self.lon = numpy.radians(numpy.array([pt[2] for pt in self.points], dtype=float))

    def nearest_km(self, p, name: str) -> float | None:
        """The distance from `p` to the nearest point anchored under a name besides `name`,
        other than `p` itself: the minimum `distance_km` gives, to the last digit."""
        if len(self.points) < _VECTOR_MIN:
            best = None
            for key, lat, lon, named in self.points:
                if key == p.key or (len(named) == 1 and name in named):
                    continue
                d = distance_km(p.lat, p.lon, lat, lon)
                best = d if best is None or d < best else best
            return best
        keep = numpy.ones(len(self.points), dtype=bool)
        keep[self.only_name.get(name, [])] = False
        if p.key in self.rows:
            keep[self.rows[p.key]] = False
        if not keep.any():
            return None
        lat, lon = math.radians(p.lat), math.radians(p.lon)
        h = (numpy.sin((self.lat - lat) / 2) ** 2
             + math.cos(lat) * numpy.cos(self.lat) * numpy.sin((self.lon - lon) / 2) ** 2)
        d = numpy.where(keep, 12742 * numpy.arcsin(numpy.minimum(1.0, numpy.sqrt(h))), numpy.inf)
        close = numpy.nonzero(d <= d.min() + _SLACK_KM)[0]
        return min(distance_km(p.lat, p.lon, self.points[i][1], self.points[i][2])
                   for i in close)


def usable(span: SpanCandidate) -> tuple[Candidate, ...]:
    """Candidates worth ranking: generic-stripped admin-2 names need their qualifier."""
    out = []
    for c in span.candidates:
        if c.kind == "stripped" and c.place.feature == "admin2" and span.qualifier != "admin":
            continue
        if (span.all_caps and not span.dateline and len(span.surface) <= 5
                and c.kind != "alias" and c.place.feature != "country"):
            continue  # acronyms (TASS, NATO) are organisations unless listed as aliases
        out.append(c)
    demonyms = [c for c in out if c.kind == "demonym"]
    return tuple(demonyms) if demonyms else tuple(out)


# Words of "the town of X" that say X is a populated place.
SETTLEMENT_WORDS = frozenset({"town", "city", "village", "settlement", "hamlet"})


def accept(doc, span: SpanCandidate, cands: tuple[Candidate, ...]) -> tuple[float, str]:
    """Plausibility (0–1) that the span names a place at all, and the main reason."""
    if span.dateline:
        return 0.95, "dateline"
    if span.from_ner_only:
        return (0.45, "NER only, not in gazetteer") if span.ner in ("GPE", "LOC") else (0.0, "")
    if not cands:
        return 0.0, "no candidate"
    best = max(cands, key=_strength)
    if best.kind == "demonym":
        if span.ner in ("NORP", "GPE") or span.pos in ("ADJ", "PROPN"):
            return 0.9, "demonym"
        return 0.5, "demonym"
    score, reason = 0.45, "gazetteer"
    if span.ner in ("GPE", "LOC", "FAC"):
        score, reason = score + 0.35, f"NER {span.ner}"
    elif span.ner == "PERSON":
        # The small model tags many towns as PERSON (Sudzha, Bukavu, Chasiv Yar); a national
        # capital named alone ("Kyiv's forces") is hardly ever a person.
        capital = any(c.capital >= 2 for c in cands)
        score -= 0.9 if span.ner_is_longer else (0.1 if capital else 0.35)
        reason = "NER PERSON"
    elif span.ner_is_longer and span.ner in ("ORG", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT"):
        # Part of a longer proper name: "Paris Hilton", "Kyiv Independent", "Texas A&M".
        score -= 0.6
        reason = f"inside a longer {span.ner} name"
    elif span.ner in ("ORG", "NORP"):
        score -= 0.15
    elif span.ner in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
        score -= 0.8
    if span.pos not in ("PROPN",) and span.ner not in ("GPE", "LOC", "FAC"):
        score -= 0.4
        reason = f"common word ({span.pos})"
    prev = doc[span.tok_start - 1].lower_ if span.tok_start > 0 else ""
    if span.qualifier == "admin" and any(c.place.feature in ("admin1", "admin2") for c in cands):
        score += 0.4
        reason = "admin qualifier"
    elif prev == "of" and span.qualifier_word in SETTLEMENT_WORDS and \
            any(c.place.feature == "city" for c in cands):
        # "the eastern Ukrainian town of Avdiivka": the text says what it is, whatever the
        # tagger says (PERSON here).
        score += 0.5
        reason = reason if span.ner in ("GPE", "LOC") else f"'{span.qualifier_word} of'"
    elif prev in PLACE_CUES or span.qualifier:
        score += 0.3
        reason = reason if span.ner in ("GPE", "LOC") else f"trigger '{prev or span.qualifier}'"
    broad = ("country", "admin1", "region", "water", "landmark")
    if any(c.place.feature in broad for c in cands) or best.place.population >= 100_000 \
            or best.capital:
        score += 0.15
        if any(c.seat_of and c.kind == "name" for c in cands):
            score += 0.15  # a curated seat of government named exactly
        if span.the_before and any(c.seat_of or c.place.feature in ("region", "water", "landmark")
                                   for c in cands):
            score += 0.2
    elif best.place.population < 2_000:
        score -= 0.1
    return max(0.0, min(1.0, score)), reason


def _strength(c: Candidate) -> float:
    return FEATURE_PRIOR.get(c.place.feature, 0) + math.log10(c.place.population + 1)


def _too_small(p, cands: tuple[Candidate, ...]) -> bool:
    """A village (under 1,000 people) where a namesake town ten times its size is a candidate:
    "the town of Avdiivka" is the Donetsk town of 35,826, not the Chernihiv village of 501 near
    a Kyiv dateline (but "a part of Kansas ... near the city of Conway" is the Kansas one)."""
    if p.feature != "city" or not 0 < p.population < 1_000:
        return False
    return any(o.place.feature == "city" and o.place.population >= 10 * p.population
               for o in cands)


def rank(span: SpanCandidate, cands: tuple[Candidate, ...], ctx: Context,
         ) -> tuple[Candidate, float, str]:
    """The best candidate, a confidence 0–1 from its margin, and the deciding reason."""
    scored, confidence, reason = rank_all(span, cands, ctx)
    return scored[0][1], confidence, reason


def rank_all(span: SpanCandidate, cands: tuple[Candidate, ...], ctx: Context,
             ) -> tuple[list[tuple[float, Candidate]], float, str]:
    """Every candidate with its rule score, best first (the learned ranker re-orders these)."""
    scored = []
    for c in cands:
        s, reasons = score_candidate(span, c, ctx)
        scored.append((s, c, reasons))
    scored.sort(key=lambda t: -t[0])
    best_s, _best, reasons = scored[0]
    margin = best_s - scored[1][0] if len(scored) > 1 else 4.0
    confidence = 1 / (1 + math.exp(-(margin - 0.5)))
    reason = max(reasons, key=lambda r: r[1])[0] if reasons else "only candidate"
    if len(scored) == 1:
        reason = "only candidate"
    return [(s, c) for s, c, _ in scored], confidence, reason


def score_candidate(span: SpanCandidate, c: Candidate, ctx: Context,
                    ) -> tuple[float, list[tuple[str, float]]]:
    """Log-odds-like score of one entry for one span, with the contributions that raised it."""
    p = c.place
    s = FEATURE_PRIOR.get(p.feature, 0) + KIND_PRIOR.get(c.kind, 0)
    reasons: list[tuple[str, float]] = []

    def add(name: str, value: float) -> None:
        nonlocal s
        s += value
        if value > 0:
            reasons.append((name, value))

    add("population", 0.4 * math.log10(p.population + 1))
    if c.capital >= 2:
        add("capital", 0.8)
    if span.qualifier == "admin":
        add("admin qualifier", 4.0 if p.feature in ("admin1", "admin2") else -2.0)
    elif span.qualifier == "populated":
        add("populated-place qualifier", 4.0 if p.feature == "city" else -2.0)
        if span.qualifier_word in ("town", "city") and _too_small(p, span.candidates) and \
                not ctx.other_in_admin1(p, fold(span.surface)):
            add("too small for a town", -2.0)  # unless the article names its region
    elif p.feature in ("admin1", "admin2") and c.kind != "alias" and _same_name_city(span, c):
        # A bare "Kharkiv" is the city unless the article itself says "the Kharkiv region"
        # (or a curated alias says the bare name means the unit: "Gaza", the Strip).
        stem = strip_qualifier(fold(span.surface))
        earlier = (ctx.qualified_admin or {}).get(stem)
        if earlier is not None and earlier.place.key == p.key:
            add("article names the region", 3.5)
        else:
            add("bare name of a region", -1.5)
    if ctx.sense.get(fold(span.surface)) == p.key:
        add("same name in the article body", 5.0)
    if any(contains(o.place, p) for o in span.container):
        add("qualified by the place after it", 5.0)
    if span.the_before:
        add("'the' before the name", 1.2 if p.feature in ("region", "water", "landmark") else
            (-1.2 if p.feature == "city" else -0.6 if span.qualifier is None else 0.0))
    if span.dateline and ctx.dateline is None and p.feature == "city":
        add("dateline", 1.0)
    add("country focus", 3.0 * ctx.focus(p.country, exclude=fold(span.surface), places_only=True))
    dl = ctx.dateline
    if dl is not None and dl.place.key != p.key and dl.place.country == p.country:
        add("dateline country", 0.8)
    # Support comes from *other* names: a name never vouches for one of its own senses.
    name = fold(span.surface)
    near = ctx.nearest_other_km(c, name)
    if near is not None:
        add("co-mentioned places", 2.0 if near < 60 else 1.2 if near < 200 else
            0.5 if near < 500 else 0.0)
    if ctx.other_in_admin1(p, name):
        add("same admin-1 as a co-mentioned place", 1.2)
    elif p.admin1 and p.feature in ("city", "admin2") and (
            ctx.admin_names.get(p.admin1, set()) - {fold(span.surface)}):
        # Another name of the article may lie in this unit, even if it is still ambiguous
        # (three Kostiantynivkas, one of them in Donetsk oblast beside Pokrovsk).
        add("another name may lie in the same admin-1", ADMIN_SHARED)
    return s, reasons


def supported(c: Candidate, ctx: Context, name: str) -> bool:
    """Whether other names in the article place `c` nearby: same admin-1 unit or < 100 km."""
    p = c.place
    if p.feature == "city" and ctx.other_in_admin1(p, name):
        return True
    near = ctx.nearest_other_km(c, name)
    return near is not None and near < 100


def contains(outer, inner) -> bool:
    """Whether `outer` (a country or admin-1 unit) contains `inner` ("Paris, Texas")."""
    if outer.key == inner.key or inner.feature in ("country", "region", "water"):
        return False
    if outer.feature == "country":
        return inner.country == outer.country
    return outer.feature == "admin1" and outer.admin1 is not None and inner.admin1 == outer.admin1


def _same_name_city(span: SpanCandidate, c: Candidate) -> bool:
    """True when a populated place of the same name also is a candidate ("Kyiv", "Kursk").

    Only a city *called* that counts: "Texas City" matches "Texas" once its generic word is
    stripped, but it does not make a bare "Texas" a city.
    """
    return any(o.place.feature == "city" and o.place.country == c.place.country
               and o.kind in SAME_NAME_KINDS for o in span.candidates)


