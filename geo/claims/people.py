"""Who holds the ground (actor) and who says so (claimant), read from the dependency parse.

Helpers over spaCy tokens: the noun phrase a head stands for (cut before appositions and
relative clauses), the subject of a trigger, and the attribution above it ("..., Syrskii said",
"according to a statement from the ministry", "with reports indicating that ...").
"""

from __future__ import annotations

from dataclasses import dataclass

from geo.claims.lexicon import (
    BACKGROUND_MARKS,
    CLAIM_NOUNS,
    DENIAL_NOUNS,
    DENY_VERBS,
    NOMINAL_ACTIONS,
    NOUN_ACTIONS,
    REPORT_NOUNS,
    REPORT_VERBS,
    TITLE_WORDS,
    UNTRUE_WORDS,
)
from geo.claims.negation import negated
from geo.claims.parse import has_word
from geo.claims.phrases import noun_phrase, phrase_text
from geo.claims.syntax import object_of, subject_of
from geo.claims.triggers import not_reality

__all__ = ["DEED_VERBS", "Attribution", "according_to", "attribution", "claimant_text",
           "reporter", "speaks"]

_SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")
_RELATIVE = frozenset({"which", "who", "that", "whom"})


@dataclass(frozen=True, slots=True)
class Attribution:
    """The claimant phrase above a trigger (`head` is its head token, None when no one is
    named), whether the text denies the claim, and whether the trigger sits in background
    (a relative or "since"/"after" clause) rather than in the reported statement."""

    head: object | None = None
    text: str | None = None
    denied: bool = False
    background: bool = False
    via: str | None = None
    inner: bool = False  # the claimant speaks inside the background clause, not the sentence
    disputed: bool = False  # denied by someone above it, not negated in its own words


def attribution(trigger) -> Attribution:
    """Who the text says makes the claim at `trigger`, walking up the parse.

    Order: the subject (or agent) of the nearest reporting verb above the trigger; else
    "according to X" / "citing X" in the sentence; else a reporter closing the sentence. A
    denial ("denied that", "untrue are statements that", "did not fall") marks `denied`; its
    claimant is the one who denies.
    """
    background = False
    denied = negated(trigger)
    disputed = False
    claimant = None
    via = None
    own_clause = False
    via_at = None  # where the reporting verb found stands
    shielded = False  # under the denier's own "saying ...": what they assert, not deny
    cur = trigger
    steps = 0
    relative_at = -9  # the step of the last relative clause passed
    while cur.head != cur and steps < 12:
        steps += 1
        if cur.dep_ == "relcl" or (cur.dep_ in ("advcl", "pcomp") and _background_mark(cur)):
            background = True
            relative_at = steps if cur.dep_ == "relcl" else relative_at
        parent = cur.head
        if steps - relative_at <= 2 and parent.pos_ == "NOUN" and parent.lower_ in CLAIM_NOUNS:
            # "rebel claims to have captured Kidal", "claims by the rebels that they had
            # captured": the claim's content, which the parser hangs as a relative clause
            background = False
        if cur.tag_ == "VBG" and cur.dep_ == "advcl" and cur.lemma_.lower() in \
                REPORT_VERBS - DENY_VERBS:
            shielded = True  # "denied ..., saying its forces still held the city"
        if (parent.lemma_.lower() in DENY_VERBS or _says_untrue(parent)) and not shielded:
            denied = disputed = True
        if parent.pos_ == "NOUN" and parent.lemma_.lower() in DENIAL_NOUNS and not shielded:
            denied = disputed = True  # "The army issued a denial of RSF claims to have ..."
            who = next((c for c in parent.children if c.dep_ == "poss"), None) or (
                subject_of(parent.head) if parent.dep_ == "dobj" else None)
            if claimant is None and who is not None:
                claimant, via, via_at = who, "denied", parent.i
        relayed = claimant is not None and via_at is not None and via_at > trigger.i and \
            parent.i < trigger.i  # "A said X took Y, the news agency reported": A's claim
        if (claimant is None or relayed) and parent.pos_ in ("VERB", "AUX") and \
                speaks(parent) and cur.dep_ not in (*_SUBJECTS, "conj") \
                and not (parent.lemma_.lower() in DEED_VERBS and cur.dep_ == "dobj"):
            # not "soldiers found a weak spot ... and recaptured X": a deed, not a report
            subj = reporter(parent)
            if subj is not None:
                via_at = parent.i
                claimant, via = subj, parent.lemma_.lower()
                # "after the group claimed to have captured Goma": the clause is background
                # to the sentence, but its claim is the group's own.
                own_clause = not background
        cur = parent
    walked = claimant is not None
    inner = background and walked and own_clause
    background = background and not inner
    if claimant is None:
        claimant = _trailing_reporter(cur, trigger)
        via = "said" if claimant is not None else None
    sent = trigger.sent
    cited = according_to(sent)
    if cited is not None and (not walked or cited.lemma_.lower() in REPORT_NOUNS):
        # "According to local media, the group claimed ...": the nearer speaker claims it;
        # "..., according to a statement from the ministry": the statement's author does.
        claimant, via = cited, "according to"
    if claimant is None:
        return Attribution(denied=denied, background=background, disputed=disputed)
    return Attribution(head=claimant, text=claimant_text(claimant), denied=denied,
                       background=background, via=via, inner=inner, disputed=disputed)


# Reporting verbs that are deeds with an object of their own ("maintained positions",
# "counted the votes", "recorded a video"): they report only with a clause after them.
DEED_VERBS = frozenset({"maintain", "find", "count", "tally", "record", "document", "verify",
                        "determine", "observe", "compute", "calculate"})


def speaks(verb) -> bool:
    """A reporting verb used to report: not "the junta maintained positions in X"; also
    "..., the statement continued" (a statement's subject makes "continue" report)."""
    if verb.lemma_.lower() == "continue":
        subj = subject_of(verb)
        return subj is not None and subj.lemma_.lower() in REPORT_NOUNS and not any(
            c.dep_ == "xcomp" for c in verb.children)
    return verb.lemma_.lower() in REPORT_VERBS and not (
        verb.lemma_.lower() in DEED_VERBS and any(c.dep_ == "dobj" for c in verb.children)
        and not any(c.dep_ in ("ccomp", "parataxis") for c in verb.children))


def claimant_text(head) -> str:
    """The claimant phrase of a head token: the author of a report noun ("a report by the
    NUG" → "NUG"), the phrase without its leading article otherwise."""
    if head.lemma_.lower() in REPORT_NOUNS or head.lower_ in REPORT_NOUNS:
        author = _author(head)
        if author is not None:
            return claimant_text(author)
        left = [t for t in noun_phrase(head) if t.i <= head.i]
        return phrase_text(left, strip_determiner=True)
    if head.pos_ == "NOUN" or head.lower_ in TITLE_WORDS:
        # "the regional governor, Ivan Fedorov", "Military President, Assimi Goita": the
        # name, not the title.
        named = [c for c in head.rights if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if named:
            return phrase_text(noun_phrase(named[0]), strip_determiner=True)
    return phrase_text(noun_phrase(head), strip_determiner=True)


def _author(report):
    """Who made a report noun: "estimates cited by the European Union", "maps published by
    ISW", "the analysis of data from ISW" (the author of what it analyses); None if unsaid."""
    for child in report.rights:
        preps = [c for c in child.children if c.dep_ in ("prep", "agent")] if \
            child.dep_ == "acl" and child.tag_ == "VBN" else [child]
        for prep in preps:
            obj = object_of(prep) if prep.dep_ in ("prep", "agent") else None
            if obj is not None and prep.lower_ in ("by", "from"):
                return obj
            if obj is not None and prep.lower_ == "of" and (  # "data": lemma "datum"
                    obj.lower_ in REPORT_NOUNS or obj.lemma_.lower() in REPORT_NOUNS) and \
                    not _named_author(report) and (found := _author(obj)) is not None:
                return found  # not "an AFP analysis of ISW data": AFP's analysis
    return None


def _named_author(report) -> bool:
    return any(c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" for c in report.children)


def reporter(verb):
    """The one who reports with `verb`: its subject, or the agent of a passive; for "quote",
    the one quoted ("X was quoted as saying", "the agency quoted X as saying")."""
    lemma = verb.lemma_.lower()
    if lemma == "quote" or (lemma in ("report", "cite") and any(  # "reported X as saying"
            c.lower_ == "as" and any(p.lemma_ == "say" for p in c.children)
            for c in verb.children)):
        quoted = next((c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")), None)
        return quoted if quoted is not None and quoted.lower_ not in _RELATIVE else None
    for child in verb.children:
        if child.dep_ == "agent" and object_of(child) is not None:
            return object_of(child)
    if any(c.dep_ == "auxpass" for c in verb.children):
        return None  # "Heavy fighting was reported overnight": what is reported, not who
    if verb.tag_ == "VBN" and verb.dep_ != "conj" and not any(
            c.dep_ in ("aux", "auxpass") for c in verb.children):
        return None  # "the town's fall, if confirmed, would ...": a reduced passive, no speaker
    subj = subject_of(verb)
    if subj is not None and subj.lower_ in _RELATIVE and subj.head.dep_ == "relcl":
        return subj.head.head  # "ISW, which reported ..." → ISW
    if subj is not None and subj.head == verb and subj.i < verb.i and subj.left_edge.i > 0 and \
            verb.doc[subj.left_edge.i - 1].pos_ == "VERB":
        # "have captured Nyabibwe, a mining town ..., local sources said": the parser made
        # the claim's object the subject; who speaks follows the last comma before the verb.
        comma = max((t.i for t in verb.doc[subj.i:verb.i] if t.text == ","), default=None)
        after = [t for t in verb.doc[comma + 1:verb.i] if t.pos_ in ("NOUN", "PROPN")] \
            if comma is not None else []
        return after[0] if after else None
    if (subj is None or subj.head != verb) and verb.i > 0:
        # "... 85% of the town of Chasiv Yar, a Russian military blogger said": the parser
        # hung the speaker on the place as an apposition (also where the verb, with no
        # subject of its own, was joined to the claim's: "X has occupied Y, analyst Z told").
        prev = verb.doc[verb.i - 1]
        if prev.dep_ == "appos" and prev.pos_ in ("NOUN", "PROPN"):
            return prev
        after = [c for c in verb.children if c.dep_ in ("dobj", "nsubj") and c.i > verb.i]
        if prev.text == "," and after and verb.tag_ != "VBN" and (
                after[0].pos_ == "PROPN" or (verb.tag_ in ("VBD", "VBZ", "VBP") and
                                             _closes_sentence(after[0]))) and \
                lemma not in ("tell", "inform", "brief", "assure", "warn"):  # whom, not who
            return after[0]  # "..., report Estacio Valoi and Nazira Suleimane of Moz24Horas.",
            # "..., reported the "East" military grouping."
        # "..., the Syrian Observatory for Human Rights said": an apposition whose phrase
        # ends just before the verb.
        for tok in reversed(verb.doc[verb.sent.start:verb.i]):
            if tok.dep_ == "appos" and tok.pos_ in ("NOUN", "PROPN") and (
                    tok.right_edge.i == verb.i - 1 or (tok.right_edge.i == verb.i - 2 and
                                                       verb.doc[verb.i - 1].text == ",")):
                return tok  # also "..., Ukraine's army spokesman, Nazar Voloshyn, told"
        # "In an interview with the BBC, Ukraine's defence minister said that ...": the
        # parser put the speaker inside the opening phrase; the noun phrase right before the
        # verb, set off by a comma, is who speaks.
        if subj is None and prev.pos_ in ("NOUN", "PROPN") and prev.dep_ == "pobj" and \
                verb.doc[_phrase_start(prev) - 1].text == ",":
            return prev
        if subj is None and prev.pos_ in ("NOUN", "PROPN"):
            return _after_last_comma(verb)
    return subj


def _after_last_comma(verb):
    """"..., a military source and a witness said.": the parser joined the speaker to the
    claim; who speaks is the first noun of the words between the last comma and the verb, if
    they are a noun phrase (no verb among them)."""
    doc, start = verb.doc, verb.sent.start
    comma = next((i for i in range(verb.i - 1, max(start, verb.i - 10), -1)
                  if doc[i].text == ","), None)
    words = doc[comma + 1:verb.i] if comma is not None else []
    if not words or any(t.pos_ in ("VERB", "AUX", "ADP", "PRON") for t in words):
        return None
    return next((t for t in words if t.pos_ in ("NOUN", "PROPN") and
                 t.dep_ not in ("compound", "poss")), None)


def _closes_sentence(noun) -> bool:
    """A common noun with its article whose phrase ends the sentence ("..., said the
    ministry."): who speaks, in an inverted reporting clause."""
    sent = noun.sent
    last = sent.end - 2 if sent[-1].is_punct else sent.end - 1
    return noun.pos_ == "NOUN" and noun.right_edge.i == last and \
        noun.lemma_.lower() not in NOUN_ACTIONS.keys() | NOMINAL_ACTIONS.keys() and any(
        c.dep_ == "det" and c.lower_ == "the" for c in noun.children)


def _trailing_reporter(root, trigger):
    """"Ukraine regained 54% ..., the ISW estimated": a reporting clause the parser hung
    below the claim instead of above it; or "X posted on X: “... have taken Kidal”"."""
    for tok in trigger.sent:
        if tok.i >= trigger.i:
            break
        if (tok.text == ":" or (tok.text == ";" and tok.i + 1 < len(tok.doc) and
                                tok.nbor().is_quote)) and \
                tok.i > trigger.sent.start:  # also "tweeted on Sunday; “JUST IN: ...”"
            verbs = [t for t in trigger.doc[trigger.sent.start:tok.i]
                     if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in REPORT_VERBS]
            subj = reporter(verbs[-1]) if verbs else None
            if subj is not None:
                return subj
    for tok in (trigger, root):
        for child in tok.children:
            if child.dep_ in ("advcl", "parataxis", "conj") and child.i > trigger.i and \
                    child.lemma_.lower() in REPORT_VERBS and child.pos_ in ("VERB", "AUX") \
                    and not (child.tag_ != "VBG" and any(
                        c.dep_ in ("ccomp", "xcomp") and c.i > child.i for c in child.children)):
                # not "M23 seized Uvira but said it was leaving", "took Aleppo and claimed to
                # have entered Hama", "while the army said ...": a second verb says what follows
                # it (a clause before it, "... under their control, report X and Y", is the
                # claim; "retook the town, saying ..." reports the taking)
                subj = reporter(child)
                if subj is not None:
                    return subj
    return _closing_reporter(trigger)


def _closing_reporter(trigger):
    """"... liberated Krasnohorivka, Defence Minister Andrei Belousov told Vladimir Putin.",
    "..., the AFP news agency calculated using data from ISW.", "..., the news agency TASS
    reported.": a reporting clause closing the sentence after a comma, which the parser hung
    on a noun before it as a relative clause (its subject then the speaker, or the noun
    itself when the verb has none or the name right after it)."""
    sent = trigger.sent
    doc = sent.doc
    last = sent.end - 2 if sent[-1].is_punct else sent.end - 1
    for verb in sent:
        if verb.i <= trigger.i or verb.dep_ not in ("relcl", "acl") or verb.pos_ != "VERB" or \
                verb.lemma_.lower() not in REPORT_VERBS:
            continue
        head = verb.head
        if max(verb.right_edge.i, head.right_edge.i) < last:
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if any(c.dep_ == "ccomp" for c in verb.children) or (subj is not None and (
                subj.lower_ in _RELATIVE or subj.pos_ not in ("NOUN", "PROPN"))):
            continue  # "..., a city officials said was destroyed": a clause of its own
        if subj is not None and subj.left_edge.i > 0 and doc[subj.left_edge.i - 1].text == ",":
            return subj
        if head.pos_ in ("NOUN", "PROPN") and doc[_phrase_start(head) - 1].text == "," and \
                (subj is None or subj.i == head.i + 1):
            return subj or head
    return None


def _phrase_start(noun) -> int:
    """Where the words in front of a noun begin ("Ukraine's southern command"), whatever the
    parser hung on it from further back."""
    i = noun.i
    while i - 1 > noun.sent.start and noun.doc[i - 1].dep_ in ("det", "poss", "amod", "compound",
                                                               "case", "nummod"):
        i -= 1
    return i


_CITING = frozenset({"according", "citing", "reported"})
_CITED_KEY = "conflict_map_cited"


def according_to(sent):
    """The source a sentence cites ("according to X", "citing X"), or None. Kept per
    sentence on its Doc: it is asked again for every claim of the sentence."""
    if not has_word(sent, _CITING):
        return None  # asked of every sentence, twice: most have neither word
    known = sent.doc.user_data.setdefault(_CITED_KEY, {})  # token indexes: Doc.copy copies it
    key = (sent.start, sent.end)
    if key not in known:
        cited = _cited(sent)
        known[key] = None if cited is None else cited.i
    return None if known[key] is None else sent.doc[known[key]]


def _cited(sent):
    for tok in sent:
        if tok.lower_ == "reported" and any(c.lower_ == "as" and c.dep_ in ("mark", "advmod")
                                            for c in tok.children):
            agent = next((c for c in tok.children if c.dep_ == "agent"), None)
            if agent is not None and object_of(agent) is not None:
                return object_of(agent)  # "As reported by Ukrainska Pravda, ..."
        if tok.lower_ == "according":
            for prep in tok.children:
                if prep.lower_ == "to" and object_of(prep) is not None:
                    return object_of(prep)
        if tok.lower_ == "citing" and tok.dep_ in ("advcl", "xcomp", "acl", "prep", "pcomp"):
            if tok.head.lemma_.lower() in REPORT_VERBS and reporter(tok.head) is not None:
                continue  # "Ukrainian Pravda reported, citing sources": the outlet's claim
            objs = [c for c in tok.children if c.dep_ in ("dobj", "pobj")]
            if objs:
                return objs[0]
    return None


def _says_untrue(tok) -> bool:
    """"untrue are statements ...", "the claim is not true", "... is false", "... does not
    correspond to reality"."""
    if not_reality(tok):
        return True
    for child in tok.children:
        if child.lower_ in UNTRUE_WORDS and child.dep_ in ("acomp", "attr", "amod", "advmod"):
            return True
        if child.lower_ == "true" and any(c.dep_ == "neg" for c in tok.children):
            return True
    return False


def _background_mark(clause) -> bool:
    marks = [c.lower_ for c in clause.children if c.dep_ == "mark" or (
        c.dep_ == "advmod" and c.tag_ == "WRB")]  # "declared victory when it seized X"
    if clause.dep_ == "pcomp":
        marks.append(clause.head.lower_)
    return any(m in BACKGROUND_MARKS for m in marks)
