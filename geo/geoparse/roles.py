"""Tell a place used as a location from a place standing for its government (metonymy).

"Moscow's goal", "the Kremlin said", "pressure on Moscow and Kyiv", "backed by the United States",
"U.S. representatives" are metonyms; "in Russia", "the Russia-Ukraine border" are literal. The
rules read spaCy's dependency parse, so they follow grammar, not particular names. Only a
country or capital can be a metonym by grammar, so only their sentences are parsed
(`geo.geoparse.nlp.parsed_sentence`), which keeps the geoparser near the speed of NER alone.
"""

from __future__ import annotations

from geo.gazetteer.index import Candidate
from geo.geoparse.nlp import lemma, parsed_sentence
from geo.models import Role

# Nouns that make a modifying place an actor: "U.S. officials", "Moscow's forces".
ACTOR_NOUNS = frozenset("""
government governments official officials authority authorities regime president presidents
leader leaders leadership minister ministers ministry ministries military army armies force
forces troops troop soldier soldiers navy air-force command commander commanders general
representative representatives envoy envoys delegation delegations diplomat diplomats embassy
spokesperson spokesman spokeswoman administration junta parliament cabinet state-media
intelligence police agency agencies airstrike airstrikes strike strikes offensive incursion
invasion operation operations counteroffensive attack attacks missile missiles drone drones
goal goals aim aims position positions policy policies strategy agreement consent approval
decision demand demands proposal plan plans perspective stance response threat threats
warning claim claims use support backing aid sanctions ally allies partner partners
negotiator negotiators team side""".split())
# Verbs whose subject is an actor even when it is a place ("Russia launched", "Kyiv denied").
STATIVE_VERBS = frozenset("be lie sit border remain stand stretch have lose see become".split())
# Governing words after which "on/with/against/by/to X" makes X an actor.
ACTOR_GOVERNORS = frozenset("""
pressure sanction sanctions talk talks negotiation negotiations agreement deal deals relation
relations war tension tensions dispute call calls demand demands appeal ceasefire truce back
backed broker brokered support supported ally allied accuse accused blame blamed urge urged
warn warned threaten threatened up mount mounts mounting pressure-on aid ties""".split())
LITERAL_HEADS = frozenset("""
border borders frontier region area territory city town village capital coast shore side
outskirts north south east west centre center heart province oblast""".split())


UNPARSED = "unparsed"  # a role that `role_of` will decide from the parse when it is needed


def needs_parse(cand: Candidate, dateline: bool) -> bool:
    """Whether `role_of` must parse the sentence: only countries and capitals can be actors."""
    return not (cand.kind == "demonym" or dateline or cand.seat_of) and (
        cand.place.feature == "country" or cand.capital >= 2)


def role_of(doc, tok_start: int, tok_end: int, cand: Candidate, *, dateline: bool) -> Role:
    """The role of the span `doc[tok_start:tok_end]` resolved to `cand`."""
    if cand.kind == "demonym":
        return "adjectival"
    if dateline:
        return "literal"
    if cand.seat_of:
        return "metonym"
    if not needs_parse(cand, dateline):
        return "literal"
    return "metonym" if _acts(doc, tok_start, tok_end) else "literal"


def _acts(doc, tok_start: int, tok_end: int) -> bool:
    """Whether the parse of the span's sentence makes it an actor; indices are `doc`'s."""
    sent, offset = parsed_sentence(doc, tok_start)
    return _acts_in(sent, tok_start - offset, min(tok_end - offset, len(sent)))


def _acts_in(doc, tok_start: int, tok_end: int) -> bool:
    head = doc[tok_end - 1]
    # The head of a multi-word name is the token whose parent lies outside the span.
    for tok in doc[tok_start:tok_end]:
        if not (tok_start <= tok.head.i < tok_end) or tok.head is tok:
            head = tok
            break
    if _acts_alone(doc, head, tok_end):
        return True
    # Coordination inherits: "pressure on both Moscow and Kyiv".
    if head.dep_ == "conj" and head.head is not head:
        first = head.head
        return _acts_alone(doc, first, first.i + 1)
    return False


def _acts_alone(doc, head, tok_end: int) -> bool:
    nxt = doc[tok_end] if tok_end < len(doc) else None
    if nxt is not None and nxt.text in ("-", "–") and tok_end + 1 < len(doc):
        after = doc[tok_end + 1].lower_
        if after in {"backed", "led", "installed", "controlled", "appointed", "allied", "brokered"}:
            return True
    if head.dep_ == "poss" or (nxt is not None and nxt.text in ("'s", "’s", "'", "’")):
        owner = head.head
        return owner.lower_ in ACTOR_NOUNS or lemma(owner) in ACTOR_NOUNS
    if head.dep_ in ("nsubj", "nsubjpass") and head.dep_ == "nsubj":
        verb = head.head
        return verb.pos_ in ("VERB", "AUX") and lemma(verb) not in STATIVE_VERBS
    if head.dep_ in ("compound", "nmod", "amod"):
        noun = head.head
        if noun.lower_ in LITERAL_HEADS:
            return False
        return noun.lower_ in ACTOR_NOUNS or lemma(noun) in ACTOR_NOUNS
    if head.dep_ == "pobj":
        prep = head.head
        gov = prep.head
        if prep.lower_ == "by" and (gov.tag_ == "VBN" or gov.dep_ in ("acl", "agent")):
            return True
        if prep.lower_ == "by" and prep.dep_ == "agent":
            return True
        if prep.lower_ in {"on", "with", "against", "to", "from", "by"}:
            words = {gov.lower_, lemma(gov)}
            before = doc[max(0, prep.i - 3):prep.i]
            if prep.lower_ == "to" and any(t.lower_ == "up" for t in before[-2:]):
                return True  # "it's up to Russia now"
            window = {lemma(t) for t in before}
            return bool(words & ACTOR_GOVERNORS) or (
                prep.lower_ != "to" and bool(window & ACTOR_GOVERNORS))
    return False
