"""Places listed as a claim's object: "captured A, B and C", "the villages of A and B",
"three towns, including A", "several villages in the region, including A, B and C": one claim
per name (the claims/README.md convention for named lists)."""

from __future__ import annotations

import re

from geo.claims.lexicon import DASHES, PART_NOUNS, PLACE_TYPE_NOUNS
from geo.claims.syntax import object_of, of_phrase_object
from geo.gazetteer.village_points import LIST_REACH

__all__ = ["conjoined_places", "counted_group", "counted_places", "dashed_list_before",
           "enumerated_places", "included_places", "listed_names", "listed_span"]


def conjoined_places(obj) -> list:
    """"the villages of Pishchane and Stepove": the names joined to the first."""
    name = obj
    for child in obj.children:
        if child.dep_ == "prep" and child.lower_ == "of" and obj.lemma_.lower() in \
                PLACE_TYPE_NOUNS | PART_NOUNS:
            name = next((c for c in child.children if c.dep_ == "pobj"), obj)
    # A name joined to a named object counts too ("seized Striliche, Krasne, Pylna and X").
    joined = [c for c in _list_of(name) if c.dep_ == "conj" and c != name and (
        c.pos_ == "PROPN" or _named_before(c)) and (c.head != obj or obj.pos_ == "PROPN")]
    if name != obj:  # "the city of Youwarou, and later Bourem and Banamba": joined to "city"
        joined += [t for c in obj.children if c.dep_ == "conj" and c.pos_ == "PROPN"
                   for t in c.subtree if t == c or (t.dep_ == "conj" and t.pos_ == "PROPN")]
    # "Taliqan, the capital of Takhar, and Sar-i-Pul, the capital of ...": the parser joins
    # the second name, itself described, to the first one's description.
    joined += [c for a in name.children if a.dep_ == "appos" and a.lemma_.lower() in
               PLACE_TYPE_NOUNS for c in a.children if c.dep_ == "conj" and
               c.pos_ == "PROPN" and any(d.dep_ == "appos" for d in c.children)]
    # "the city of Jabrayil, the town of Hadrut, and more than 30 villages": in a list, a town
    # of a name of its own, which the parser hangs on the first name as an apposition
    joined += [a for a in name.children if a.dep_ == "appos" and a.lemma_.lower() in
               _TOWN_NOUNS and _town_of_name(a) and _listed_on(a) and not any(
                   o.tag_ == "NNPS" or any(d.dep_ == "det" for d in o.children)
                   for p in a.children if p.lower_ == "of" for o in p.children)]
    # "Soledar and the town of Bakhmut", "the town of Soledar and the city of Bakhmut"
    joined += [c for c in dict.fromkeys([*name.children, *obj.children])
               if c.dep_ == "conj" and c.pos_ != "PROPN" and _town_of_name(c)]
    # "Aleppo and all of Idlib province": the whole of a place joined to the name.
    joined += [o for c in name.children if c.dep_ == "conj" and c.lower_ == "all"
               for p in c.children if p.dep_ == "prep" and p.lower_ == "of"
               for o in p.children if o.dep_ == "pobj"]
    # "controls northern Yemen, including the capital, Sanaa"
    top = obj  # "control much of northern Yemen, including ...": up to the verb's object
    while top.dep_ in ("pobj", "prep") and top.head != top:
        top = top.head
    owners = [name, obj, *([top.head] if top.dep_ == "dobj" else [])]
    for inc in (c for o in dict.fromkeys(owners) for c in o.children
                if c.lower_ == "including" and c.dep_ == "prep" and c.i > obj.i):
        for listed in (_named(o) for o in inc.children if o.dep_ == "pobj"):
            if listed is not None:
                joined += [listed, *(c for c in listed.subtree if c.dep_ == "conj" and
                                     c.pos_ == "PROPN")]
    if obj.dep_ == "dobj":
        # "seized Aleppo, as well as the city of Hama": a second object of the verb.
        joined += [c for c in obj.head.children if c.dep_ == "dobj" and c.i > obj.i and
                   (c.pos_ == "PROPN" or _town_of_name(c))]
        # "seized the city of Tessalit, and later Gao and Timbuktu": names the parser joined
        # to the verb rather than to its object.
        for verb_conj in (c for c in obj.head.children if c.dep_ == "conj" and c.i > obj.i
                          and (c.pos_ == "PROPN" or _town_of_name(c))
                          and not _heads_a_clause(c)):
            joined += [verb_conj, *(c for c in verb_conj.subtree if c.dep_ == "conj" and
                                    c.pos_ == "PROPN" and c != verb_conj)]
        # "captured Goma in January and Bukavu in February", "seized Prechystivka to the west
        # and Vodyane to the east": the parser joins the second name to the first one's date
        # or side.
        joined += [c for p in obj.head.children if p.dep_ == "prep" and p.i > obj.i
                   for d in p.children if d.dep_ == "pobj" and (
                       d.ent_type_ in ("DATE", "TIME") or d.lower_ in _SIDES)
                   for c in d.children if c.dep_ == "conj" and c.pos_ == "PROPN" and
                   c.ent_type_ not in ("DATE", "TIME")]
    return joined


_TOWN_NOUNS = frozenset({"city", "town", "village", "settlement"})
_SIDES = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast",
                    "southwest"})


def _list_of(name) -> list:
    """The words of `name`'s subtree outside any phrase that describes it: "Paletwa, a town
    in Chin State near the border with Bangladesh and India" lists no India."""
    out, todo = [], [name]
    while todo:
        tok = todo.pop()
        out.append(tok)
        todo += [c for c in tok.children if c.dep_ not in ("appos", "prep", "acl", "relcl")
                 or (c.dep_ == "prep" and c.lower_ == "of")]  # "the outskirts of A and B"
    return sorted(out, key=lambda t: t.i)


def _listed_on(tok) -> bool:
    """Whether the list goes on after `tok`'s phrase: ", and ...", "and ..." (an apposition
    that a list goes on after is an item of it, not a description of the name before)."""
    doc, end = tok.doc, tok.right_edge.i
    after = [t.lower_ for t in doc[end + 1:end + 3]]
    return after[:1] in (["and"], ["or"]) or after in ([",", "and"], [",", "or"])


def _town_of_name(tok) -> bool:
    """"the city of Hama": a place noun whose name follows "of" (which the parser may join to
    the verb: "having seized Aleppo, as well as the city of Hama")."""
    return tok.lemma_.lower() in PLACE_TYPE_NOUNS and any(
        p.dep_ == "prep" and p.lower_ == "of" and any(
            o.dep_ == "pobj" and o.pos_ == "PROPN" for o in p.children) for p in tok.children)


def _named_before(tok) -> bool:
    """"El-Waq towns" (last in "captured Luq, Belethawo and El-Waq towns"): a place noun
    whose name is written before it."""
    return tok.lemma_.lower() in PLACE_TYPE_NOUNS and any(
        c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children)


def _heads_a_clause(tok) -> bool:
    """A name the parser made a clause of its own (with a subject, object or verb below)."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "dobj", "aux", "ccomp", "xcomp")
               for c in tok.children)


def enumerated_places(head) -> list:
    """"two villages, Andriivka and Klishchiivka", "the villages of Pishchane and Stepove":
    the names listed with a plural place noun."""
    names = []
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in ("as", "like") and (child.lower_ == "like" or
                                                                       child.i > head.i + 1):
            child = object_of(child) or child  # "towns such as Mongyai and Tangyang"
            if child.pos_ != "PROPN":
                continue
        elif child.dep_ == "prep" and child.lower_ == "of":
            child = next((c for c in child.children if c.dep_ == "pobj"), child)
            if child.pos_ != "PROPN" or not any(c.dep_ == "conj" for c in child.children):
                continue
        elif child.dep_ == "prep" and child.lower_ == "in":
            names += _dashed_after(object_of(child))  # "villages in Sumy – A, B and C –"
            continue
        elif child.dep_ in ("compound", "nmod") and child.pos_ == "PROPN" and \
                child.i < head.i and head.lemma_.lower() in _TOWN_NOUNS and not any(
                    c.dep_ == "nummod" for c in head.children) and any(
                    c.dep_ == "conj" and c.pos_ == "PROPN" for c in child.children):
            pass  # "Robotyne and Verbove villages" (not "11 Donetsk villages", a count)
        elif not (child.dep_ in ("appos", "conj") and child.pos_ == "PROPN"):
            continue
        names.append(child)
        names.extend(c for c in child.subtree
                     if c.dep_ == "conj" and c.pos_ == "PROPN" and c != child)
    names += _including_after(head) + _listed_after_colon(head)
    return list(dict.fromkeys(names))


def _listed_after_colon(head) -> list:
    """"captured three towns: Goma, Sake and Bukavu": the names a colon right after the
    place noun opens, wherever the parser hung the first (often on the verb)."""
    doc, i = head.doc, head.i + 1
    if i + 1 >= head.sent.end or doc[i].text != ":" or doc[i + 1].pos_ != "PROPN":
        return []
    first = doc[i + 1]
    while first.dep_ == "compound" and first.head.i > first.i:  # "Mrauk U" read as one name
        first = first.head
    return [first, *(c for c in first.subtree if c.dep_ == "conj" and c.pos_ == "PROPN")]


def counted_group(tok):
    """The place noun of "a number of settlements", "dozens of villages"; `tok` otherwise."""
    if tok.lemma_.lower() not in ("number", "dozen", "dozens", "handful", "series", "string",
                                  "score", "scores"):
        return tok
    group = of_phrase_object(tok)
    return group if group is not None and group.tag_ == "NNS" and \
        group.lemma_.lower() in PLACE_TYPE_NOUNS else tok


def _including_after(head) -> list:
    """"several villages in the region, including A, B and C": the names an "including"
    later in the same clause lists, wherever the parser hung it."""
    for tok in head.doc[head.i + 1:head.sent.end]:
        if tok.lower_ == "including":
            return _names_listed(next((c for c in tok.children if c.dep_ == "pobj"), None))
        if tok.pos_ in ("VERB", "AUX") or tok.text in (";", ":", "(") or tok.dep_ == "cc":
            return []
    return []


def included_places(head, trigger) -> list:
    """"captured three towns, including Rathedaung", "recapturing most of Tigray, including
    the regional capital Mekelle": the named places "including" (or "as well as") lists after a
    quantity (on its noun or on the trigger), each a claim beside the quantity's own."""
    owners = {head, head.head, trigger} if head.dep_ in ("nummod", "quantmod") else {head,
                                                                                      trigger}
    names = []
    doc = head.doc
    for tok in head.children:
        # "seized 9 of Rakhine's 17 townships, as well as Paletwa in Chin State"
        if tok.dep_ == "conj" and tok.i > 3 and doc[tok.i - 3:tok.i].text.lower() == \
                "as well as" and tok.is_title and tok.pos_ in ("PROPN", "NOUN"):
            names.append(tok)
    for tok in doc[head.i + 1:head.sent.end]:
        if tok.lower_ != "including" or tok.head not in owners:
            continue
        for obj in (c for c in tok.children if c.dep_ == "pobj"):
            names.extend(_names_listed(obj))
    return list(dict.fromkeys(names))


def _names_listed(first) -> list:
    """The names a list after "including" gives, from its first item on: each item's name
    ("Bahir Dar"; "Amhara's second-largest town, Gondar"), and names joined to a named one.
    An item with no name ("the regional capital," before a name the parser joined as the
    next item) gives none."""
    if first is None:
        return []
    names = []
    for item in _conjuncts(first):
        named = _named(item)
        if named is not None:
            names.append(named)
            names.extend(c for c in named.subtree if c.dep_ == "conj" and c.pos_ == "PROPN")
    return list(dict.fromkeys(names))


def _conjuncts(tok) -> list:
    """`tok` and the items joined to it ("A, B and C"), in order."""
    items = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            items.extend(_conjuncts(c))
    return items


def _named(obj):
    """The name an "including" lists: itself, or the name of "the regional capital Mekelle",
    "the strategic city of Hodeidah"; None if it names no place."""
    if obj is not None and obj.pos_ != "PROPN" and obj.lemma_.lower() in PLACE_TYPE_NOUNS:
        named = [c for c in obj.children if c.dep_ == "appos"] + [
            o for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
            for o in p.children if o.dep_ == "pobj"]
        obj = next((c for c in named if c.pos_ == "PROPN"), None)
    return obj if obj is not None and obj.pos_ == "PROPN" else None


def counted_places(head, count: float) -> list:
    """"two villages south of Bakhmut, Andriivka and Klishchiivka": names in apposition
    anywhere after the count, taken only when there are exactly as many as it says."""
    names = enumerated_places(head) or [
        t for t in head.subtree
        if t.i > head.i and t.pos_ == "PROPN" and t.dep_ in ("appos", "conj")]
    return names if len(names) == count else []


def dashed_list_before(verb):
    """"four villages in Sumy – Zhuravka, Veselivka and Novenke – were not under Russian
    control": the first name of a list set off by dashes right before a verb that the parser
    left without a subject; None if there is none."""
    doc, i = verb.doc, verb.i
    while i > verb.sent.start and doc[i - 1].dep_ in ("aux", "auxpass", "neg", "advmod"):
        i -= 1
    if i - 2 < verb.sent.start or doc[i - 1].text not in DASHES:
        return None
    opening = next((k for k in range(i - 2, verb.sent.start, -1) if doc[k].text in DASHES),
                   None)
    first = doc[opening + 1] if opening is not None else None
    return first if first is not None and first.pos_ == "PROPN" else None


def _dashed_after(region) -> list:
    """The names of a list set off by a dash after `region`, which the parser joined to it
    ("in Sumy – Zhuravka, Veselivka and Novenke –"): they are listed, not `region`."""
    if region is not None and region.i >= 2 and region.doc[region.i - 1].text in DASHES and \
            region.doc[region.i - 2].head == region and region.doc[region.i - 2].dep_ == "compound":
        # "in Sumy – Korop, Veselivka and Novenke –" parsed with "Sumy –" a part of the first
        # name: that name and those joined to it are the list.
        return [region, *(c for c in region.subtree if c.dep_ == "conj" and c.pos_ == "PROPN")]
    if region is None or region.i + 1 >= len(region.doc) or \
            region.doc[region.i + 1].text not in DASHES:
        return []
    return [c for c in region.subtree if c.dep_ == "conj" and c.pos_ == "PROPN" and
            c.i > region.i + 1]


def listed_span(text: str, start: int, end: int,
                 bounds: tuple[int, int]) -> tuple[int, int]:
    """The characters of the list of names holding text[start:end], within `bounds`: the
    names on either side joined to it by commas, dashes, "and" or "or" alone (a dash also
    joins the list to the place it lies in: "in Sumy – Korop, Veselivka and Novenke").

    >>> t = "Shelling hit villages in Sumy – Korop, Veselivka and Novenke – on Monday."
    >>> a, b = listed_span(t, t.index("Veselivka"), t.index("Veselivka") + 9, (0, len(t)))
    >>> t[a:b]
    'Sumy – Korop, Veselivka and Novenke'
    >>> t = "It had not lost Kupiansk, rejecting claims by Moscow."
    >>> a, b = listed_span(t, 16, 24, (0, len(t)))
    >>> t[a:b]
    'Kupiansk'
    """
    lo, hi = bounds
    while True:
        found = _NEXT_NAME.match(text, end, hi)
        if found is None:
            break
        end = found.end()
    while True:
        found = _PREVIOUS_NAME.search(text, lo, start)
        if found is None:
            break
        start = found.start()
    return start, end


def listed_names(text: str, span: tuple[int, int], start: int, reach: int = LIST_REACH
                 ) -> list[str]:
    """The names of a list `listed_span` found, up to `reach` on either side of the one at
    `start` (itself left out): a list of thousands of names is read in linear time.

    >>> t = "Shelling hit villages in Sumy – Korop, Veselivka and Novenke – on Monday."
    >>> span = listed_span(t, t.index("Korop"), t.index("Korop") + 5, (0, len(t)))
    >>> listed_names(t, span, t.index("Korop")), listed_names(t, span, t.index("Sumy"), 1)
    (['Sumy', 'Veselivka', 'Novenke'], ['Korop'])
    """
    found = list(_NAME_ALONE.finditer(text, *span))
    k = next((i for i, m in enumerate(found) if m.start() == start), None)
    if k is None:
        return []
    return [m.group() for m in [*found[max(0, k - reach):k], *found[k + 1:k + 1 + reach]]]


# A name after the list's end, or before its start, joined by a list's separators only.
_NAME = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
_JOIN = r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|\s*[–—]\s*)"
_NEXT_NAME = re.compile(_JOIN + _NAME)
_NAME_ALONE = re.compile(_NAME)
_PREVIOUS_NAME = re.compile(r"\b" + _NAME + _JOIN + r"$")
