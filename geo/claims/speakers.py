"""Who speaks where in one article: the named subjects of reporting verbs, in text order, for
pronoun claimants ("he said"), definite ones ("the ministry") and sentences that carry no
attribution of their own.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from spacy.attrs import POS
from spacy.symbols import AUX, VERB

from geo.claims.armed import is_armed
from geo.claims.lexicon import CONTRADICT_VERBS, DENY_VERBS, ORG_HEADS, REPORT_NOUNS, TITLE_WORDS
from geo.claims.parse import Sentences
from geo.claims.people import according_to, claimant_text, reporter, speaks
from geo.claims.phrases import noun_phrase, phrase_text
from geo.claims.syntax import bracketed, in_dateline, subject_of
from geo.geoparse.nlp import parsed_at, text_of

__all__ = ["Speakers"]

_VERBS = frozenset({VERB, AUX})


# "the ministry" named in full in an unparsed sentence before: up to three capitalised words
# (a possessive "Russia's" among them) right before the same noun, within `_LOOK_BACK`.
_NAMED_BEFORE = r"(?P<mods>(?:\b[A-Z][\w’'.-]*\s+){1,3})"
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their",
                          "his", "her", "our", "my", "your"})
_LOOK_BACK = 1_500
# Words for the same body a definite claimant may use after naming it in full ("Congolese
# forces ... the army said").
_SAME_BODY = {"army": ("army", "military", "forces"), "military": ("military", "army", "forces")}
# Words of a claimant that name no one in particular: "the General Staff", "the defence
# ministry" are the ones the article named before ("Ukraine's General Staff").
_GENERIC_WORDS = frozenset({"ministry", "defence", "defense", "general", "staff", "army",
                            "military", "command", "government", "office", "forces", "armed",
                            "police", "presidency", "administration", "governor", "mayor"})


class Speakers:
    """Who speaks where in one article: the named subjects of reporting verbs, in text order,
    for pronoun claimants ("he said"), definite ones ("the ministry") and sentences that carry
    no attribution of their own."""

    def __init__(self, doc, sents) -> None:
        self.doc = doc
        self.sents = sents if isinstance(sents, Sentences) else Sentences(sents)
        self.events: list[tuple[int, str, bool]] = []  # (offset, claimant, at sentence root)
        self._denying: set[int] = set()  # the offsets of events that deny ("Ukraine denied")
        self._chunks: list | None = None  # the Doc's noun chunks, once asked (`_chunks_in`)
        self._chunk_starts: list[int] = []
        # Verbs found by their part-of-speech ids, not by a Token made per word.
        pos = doc.to_array(POS).tolist()
        for sent in self.sents:
            for tok in (doc[i] for i in range(sent.start, sent.end) if pos[i] in _VERBS):
                if speaks(tok):
                    subj = reporter(tok)
                    if subj is not None and subj.lower_ not in _PRONOUN_SUBJECTS:
                        self.events.append((tok.idx, claimant_text(subj), tok.dep_ == "ROOT"))
                        if tok.lemma_.lower() in DENY_VERBS:
                            self._denying.add(tok.idx)
            cited = according_to(sent)
            if cited is not None:
                self.events.append((cited.idx, claimant_text(cited), True))
        self.events.sort()
        # Indexes, so that each look-up is a bisection, not a pass over the article: a long
        # article has thousands of sentences and speakers.
        self._event_at = [at for at, _text, _root in self.events]

    def before(self, pos: int) -> str | None:
        """The latest named speaker before character `pos`."""
        i = bisect_left(self._event_at, pos)
        return self.events[i - 1][1] if i else None

    def _between(self, start: int, end: int) -> list[tuple[int, str, bool]]:
        """Speaker events at character offsets in [start, end), in text order."""
        return self.events[bisect_left(self._event_at, start):bisect_left(self._event_at, end)]

    def pronoun(self, tok) -> str | None:
        """Who "it"/"they" at `tok` stands for: the latest named speaker, or the subject of
        the previous sentence of the paragraph if that comes later ("The Arakan Army has
        been fighting ... On Monday it said ...")."""
        n = bisect_left(self._event_at, tok.idx)
        found = [(at, text) for at, text, _root in self.events[n - 1:n]] if n else []
        i = self.sents.index_of(tok.i) or 0
        if i > 0 and _same_paragraph(text_of(self.doc), self.sents[i - 1], self.sents[i]):
            root = self.sents[i - 1].root
            # "..., but the TPLF kept fighting. It recaptured Mekelle": the latest clause's
            clauses = [root, *(c for c in root.children if c.dep_ == "conj" and any(
                g.dep_ == "nsubj" for g in c.children))]
            subj = subject_of(clauses[-1])
            if subj is not None and subj.lower_ not in _PRONOUN_SUBJECTS and \
                    _may_speak(subj) and (not found or found[-1][0] < subj.idx):
                return phrase_text(noun_phrase(subj), strip_determiner=True)
        return found[-1][1] if found else None

    def of_sentence(self, tok) -> str | None:
        """The speaker of the sentence of `tok`, the subject of its main verb ("'Our forces
        have taken X,' said Y": Y; not "a blogger" of "he said in a video posted by a
        blogger"), or None."""
        found = [e for e in self._between(tok.sent.start_char, tok.sent.end_char) if e[2]]
        return found[0][1] if found else None

    def full_name(self, head, text: str) -> str:
        """"the ministry" → "Russian defence ministry" when the article named it in full
        before; "the media", "sources" → the speaker of the previous sentence, if it names
        one; other claimants as they are."""
        words = noun_phrase(head)
        if head.lower_ in _GENERIC_SOURCES and not any(w.pos_ == "PROPN" for w in words):
            # "According to the media, ..." after "X reported ...": the outlet named before.
            i = self.sents.index_of(head.i)
            if i:
                prev = self.sents[i - 1]
                named = self._between(prev.start_char, prev.end_char)
                return named[-1][1] if named else text
        if words[0].lower_ in ("a", "an") and not any(w.pos_ == "PROPN" for w in words):
            # "..., a war monitor reported. ..., the Syrian Observatory for Human Rights
            # said.": a source described first is named by the next sentence's speaker.
            named = self._next_speaker(head)
            if named is not None:
                return named
        if not _definite_generic(words, head):
            return text
        if head.lemma_.lower() == "group":
            named = self._named_body_before(words[0])
            if named is not None:
                return named
        # The last longer noun chunk with the same head word (or another word for the same
        # body: "the army" after "Congolese forces") before "the ministry": looked for sentence
        # by sentence backwards, among the parsed ones (only they have chunks).
        lemma = head.lemma_.lower()
        heads = _SAME_BODY.get(lemma, (lemma,))
        for sent in reversed(self.sents[:self.sents.starting_by(words[0].i)]):
            if sent.start >= words[0].i or not parsed_at(self.doc, sent.start):
                continue
            found = [c for c in self._chunks_in(sent) if c.end <= words[0].i
                     and c.root.lemma_.lower() in heads and _qualified(c, len(words))]
            # The same word first; another word only as a description ("Congolese forces"),
            # not a body's own name ("the Rapid Support Forces" is not the army).
            found = [c for c in found if c.root.lemma_.lower() == lemma] or [
                c for c in found if c.root.pos_ != "PROPN"]
            if found:
                chunk = list(found[-1])
                if chunk[-1].lemma_.lower() != lemma:  # "Congolese forces" → "Congolese army"
                    chunk = [w for w in chunk if w.i != found[-1].root.i]
                    return " ".join([phrase_text(chunk, strip_determiner=True), head.text])
                return phrase_text(chunk, strip_determiner=True)
        # Sentences without a claim are not parsed: there, the last mention of the same noun
        # with capitalised words before it ("the Congolese army", "Russia's Defence Ministry").
        before = text_of(self.doc)[max(0, words[0].idx - _LOOK_BACK):words[0].idx]
        said = " ".join(w.text for w in words[1:])
        names = "|".join(re.escape(h) for h in (said, *heads[1:]))
        found = list(re.finditer(_NAMED_BEFORE + r"(?P<head>(?i:" + names + r"))\b", before))
        named = found[-1] if found else None
        if named is not None:
            kept = [w for w in named.group("mods").split() if w.lower() not in _DETERMINERS]
            if kept:
                own = named.group("head") if named.group("head").lower() == said.lower() \
                    else said
                return " ".join([*kept, own])
        return text

    def _named_body_before(self, first) -> str | None:
        """The organisation named last before `first`, in its sentence or the one before
        ("local media managed by the MNDAA, the group claimed", "The latest M23 offensive
        came weeks after the group claimed"): "the group" is the body just named."""
        i = self.sents.index_of(first.i)
        if i is None:
            return None
        start = self.sents[i - 1].start if i > 0 else self.sents[i].start
        for tok in reversed(self.doc[start:first.i]):
            if bracketed(tok) or in_dateline(tok):
                continue  # "YANGON (Reuters) - Rebels ..., the group said": not the agency
            if tok.pos_ == "PROPN" and (tok.ent_type_ == "ORG" or any(
                    ch.isdigit() for ch in tok.text)):  # "M23", which the tagger calls a GPE
                run = [tok]
                while run[0].i > start and run[0].nbor(-1).ent_iob_ == "I" and \
                        run[0].ent_iob_ == "I":
                    run.insert(0, run[0].nbor(-1))
                return phrase_text(run)
        return None

    def _chunks_in(self, sent) -> list:
        """The noun chunks of one sentence. spaCy's `Span.noun_chunks` walks the chunks of the
        whole Doc for every sentence asked; these are found once per article."""
        if self._chunks is None:
            self._chunks = list(self.doc.noun_chunks)
            self._chunk_starts = [c.start for c in self._chunks]
        first = bisect_left(self._chunk_starts, sent.start)
        last = bisect_left(self._chunk_starts, sent.end, lo=first)
        return [c for c in self._chunks[first:last] if c.end <= sent.end]

    def _next_speaker(self, head) -> str | None:
        """The named speaker closing the next sentence of the same paragraph, if any."""
        i = self.sents.index_of(head.i)
        if i is None or i + 1 >= len(self.sents) or not _same_paragraph(
                text_of(self.doc), self.sents[i], self.sents[i + 1]):
            return None
        nxt = self.sents[i + 1]
        spoken = [t for _at, t, root in self._between(nxt.start_char, nxt.end_char) if root]
        return spoken[-1] if spoken and spoken[-1][:1].isupper() else None

    def inherited(self, sent, claims) -> str | None:
        """The claimant of a sentence that names none: the previous sentence's in the same
        paragraph, the last speaker for a sentence that opens a quotation, or the speaker a
        sentence of the same paragraph ends on ("..., said the DeepState group"; also for a
        quotation that opens the article: '"Most of X is occupied. ...," said Butrii'). A
        speaker inside a clause of the previous sentence ("weeks after the group claimed to
        have captured Goma") is not the next sentence's."""
        i = self.sents.index_of(sent.start)
        if i is None or self.sents[i].start != sent.start:
            return None
        text = text_of(self.doc)
        if i > 0 and _same_paragraph(text, self.sents[i - 1], sent):
            prev = self.sents[i - 1]
            said = [c.claimant for c in claims if prev.start_char <= c.start < prev.end_char
                    and c.claimant]
            if said:
                return said[-1]
            spoken = [t for _at, t, root in self._between(prev.start_char, prev.end_char)
                      if root]
            if spoken:
                return spoken[-1]
        if sent.text[:1] in "\"“‘'" and self.before(sent.start_char):
            return self.before(sent.start_char)  # else who closes the quotation, below
        if i + 1 < len(self.sents) and _same_paragraph(text, sent, self.sents[i + 1]):
            nxt = self.sents[i + 1]  # (not one who denies it: "Ukraine denied that ...")
            spoken = [t for at, t, root in self._between(nxt.start_char, nxt.end_char)
                      if root and at not in self._denying]
            if spoken:
                return spoken[-1]
        for k, nxt in enumerate(self.sents[i + 1:i + 3]):
            # "... This was stated by President Zelensky", "Hromov announced this at a
            # briefing": a statement pointed back to, also from the next paragraph's start.
            if k > 0 and not _same_paragraph(text, sent, nxt):
                break
            pointer = _pointed_back(nxt)
            if pointer is not None:
                return pointer
        return _pointed_source(self.sents[i + 1]) if i + 1 < len(self.sents) else None


def _pointed_back(sent) -> str | None:
    """Who a sentence says made the statement before it: "This was stated by X", "X
    announced this" ("this" the subject or the object of a speaking verb)."""
    for verb in sent:
        if verb.pos_ not in ("VERB", "AUX") or not speaks(verb) or any(
                c.dep_ == "neg" for c in verb.children) or \
                verb.lemma_.lower() in CONTRADICT_VERBS:
            continue  # not "the ministry did not confirm this", "Kyiv denied this"
        who = reporter(verb)
        subj = subject_of(verb)
        pointer = subj if subj is not None and subj.lower_ in _POINTERS else next(
            (c for c in verb.children if c.dep_ == "dobj" and c.lower_ in _POINTERS), None)
        if pointer is not None and who not in (None, pointer):
            return claimant_text(who)
    return None


_POINTERS = frozenset({"this", "that", "these"})
_GENERIC_SOURCES = frozenset({"media", "source", "sources", "outlet", "outlets"})
_PRONOUN_SUBJECTS = frozenset({"he", "she", "they", "it", "we", "i", "you", "which", "who",
                               "that", "this"})


# "That is the result of an analysis by IHS": what a statement pointed back to comes from.
_OUTCOME_NOUNS = frozenset({"result", "results", "conclusion", "finding", "findings"})


def _pointed_source(sent) -> str | None:
    """The source a sentence opening "This is"/"That is" names for the statement before it,
    even across a paragraph break: "That is the result of analysis by monitoring group IHS",
    "This is according to the ISW"."""
    opening = [t for t in sent if not t.is_punct][:2]
    if len(opening) < 2 or opening[0].lower_ not in ("this", "that") or \
            opening[1].lemma_.lower() != "be" or opening[0].dep_ != "nsubj":
        return None
    verb = opening[1]
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "according":
            source = according_to(sent)
            return claimant_text(source) if source is not None else None
        if child.dep_ != "attr" or child.lemma_.lower() not in _OUTCOME_NOUNS | REPORT_NOUNS:
            continue
        report = child
        if child.lemma_.lower() in _OUTCOME_NOUNS:
            report = next((o for p in child.children if p.dep_ == "prep" and p.lower_ == "of"
                           for o in p.children if o.dep_ == "pobj"), None)
        if report is not None and report.lemma_.lower() in REPORT_NOUNS:
            return _author(report)
    return None


def _author(report) -> str | None:
    """Who a report noun is "by" or "from", also where the parser read a participle into the
    phrase ("by monitoring group IHS": "monitoring" a verb with "IHS" its object)."""
    for prep in report.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("by", "from"):
            continue
        for child in prep.children:
            if child.dep_ == "pobj":
                return claimant_text(child)
            if child.dep_ == "pcomp":
                obj = next((o for o in child.children if o.dep_ == "dobj"), None)
                if obj is not None:
                    return claimant_text(obj)
    return None


def _same_paragraph(text: str, a, b) -> bool:
    return "\n" not in text[a.end_char:b.start_char]


def _definite_generic(words, head) -> bool:
    """"the ministry", "the General Staff", "the defence ministry": a definite claimant with
    no name of its own, which stands for one the article named before."""
    if len(words) < 2 or words[0].lower_ != "the" or len(words) > 3:
        return False
    if len(words) == 2:
        return head.pos_ == "NOUN" or head.lower_ in _GENERIC_WORDS
    return all(w.lower_ in _GENERIC_WORDS for w in words[1:])


def _qualified(chunk, said: int) -> bool:
    """A noun chunk that names more than the claimant's own words: longer, or qualified by
    something other than a determiner ("Congolese forces" for "the army")."""
    return len(chunk) > said or any(w.dep_ != "det" and w.i != chunk.root.i for w in chunk)


def _may_speak(subj) -> bool:
    """A subject that may be who "it", "he" or "we" is: a name, a body or a person by role,
    or an armed force; not "Heavy fighting" of "Heavy fighting was reported"."""
    return subj.pos_ == "PROPN" or (subj.pos_ == "NOUN" and (
        subj.lower_ in ORG_HEADS or subj.lower_ in TITLE_WORDS or subj.lower_ in _BODIES or
        is_armed(subj)))


_BODIES = frozenset({"alliance", "group", "coalition", "movement", "front", "government",
                     "administration", "command", "staff", "regime", "monitor", "observatory",
                     "official", "officials", "source", "sources"})
