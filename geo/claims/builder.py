"""Assembling the claims of one parsed article: drafts found sentence by sentence (a quantity
of territory, a place taken, held or lost, a denial), completed with what came before them
(the previous actor, claimant and region); `geo.claims.extract` prepares text and Doc."""

from __future__ import annotations

from functools import cached_property

from geo.claims.acronyms import spelled_out
from geo.claims.antecedents import clause_antecedent, group_antecedent, owner_of, plural_antecedent
from geo.claims.arguments import actor_token, place_argument, place_left
from geo.claims.armed import claiming_side, is_armed
from geo.claims.conflict_country import speakers_land, with_conflict_country
from geo.claims.counts import SentenceQuantities
from geo.claims.denials import denials_of_earlier, with_denied_actors
from geo.claims.described import described
from geo.claims.drafts import (
    Draft,
    location_of_quantity,
    not_where,
    restated,
    said_again,
    said_twice,
    taker_before,
    town_claimed_before,
)
from geo.claims.facilities import facility_place
from geo.claims.governors import (
    measures_no_claim,
    of_object,
    quantity_trigger,
    share_of_territory,
)
from geo.claims.lexicon import ADMIN1_WORDS as UNITS
from geo.claims.lexicon import (
    CHANGE_VERBS,
    CROWD_NOUNS,
    EXPEL_VERBS,
    LEAVE_VERBS,
    PLACE_TYPE_NOUNS,
    PRONOUNS,
)
from geo.claims.listed import conjoined_places, counted_places, enumerated_places, included_places
from geo.claims.mostly import most_of_it
from geo.claims.parse import (
    argument_words,
    inside_name,
    paragraph,
    quantity_head,
    sentences,
    shift,
    without_apposition,
)
from geo.claims.people import Attribution, attribution
from geo.claims.phrases import noun_phrase, phrase_text
from geo.claims.places import Places
from geo.claims.placing import names_settlement, placement
from geo.claims.plausible import plausible_place
from geo.claims.plural_places import counted_antecedent, named_together, plural_anaphor
from geo.claims.presence import presence_argument
from geo.claims.region_names import Region
from geo.claims.regions import RegionFinder
from geo.claims.remarks import answered_by_remarks
from geo.claims.speakers import Speakers
from geo.claims.triggers import action_of, hypothetical, lemma_of, reduced_relative, says_untrue
from geo.claims.updates import figure_update, update_region
from geo.geoparse.nlp import parsed_at, text_of
from geo.models import Action, Article, Claim

__all__ = ["ClaimBuilder", "Draft", "location_of_quantity"]


class ClaimBuilder:
    """Finds an article's claims sentence by sentence, then completes each from before it."""

    def __init__(self, article: Article, doc, places: Places) -> None:
        self.article = article
        self.doc = doc
        self.places = places
        self.sents = sentences(doc)
        self.regions = RegionFinder(doc, places, self.sents)
        self.quantities = SentenceQuantities(doc)
        # The towns the latest claim sentence took together, and that sentence's index.
        self._named_together: tuple[list[Region], int] = ([], -9)

    @cached_property
    def speakers(self) -> Speakers:
        """Who speaks where: read by `build` only (`any_draft` never needs it)."""
        return Speakers(self.doc, self.sents)

    def drafts(self) -> list[Draft]:
        """The claims found sentence by sentence, before they are completed; none means the
        article makes no claim (denials and remarks answer earlier claims)."""
        return [d for sent in self.sents for d in self._sentence_drafts(sent)]

    def any_draft(self) -> bool:
        """Whether a sentence holds a claim, its place found or not (yet: "the town" may be
        named in a sentence not parsed so far); stops at the first."""
        return any(self._sentence_drafts(sent) for sent in self.sents)

    def _sentence_drafts(self, sent) -> list[Draft]:
        if not parsed_at(self.doc, sent.start):
            self.quantities.of(sent)  # remembered for the next sentence's elided counts
            return []  # a flat tree: no claim word, no quantity of territory (parsed_doc)
        found = self._quantity_drafts(sent) + self._place_drafts(sent)
        found += self._denial_drafts(sent, found)
        if together := named_together([d.place for d in found if d.place]):
            self._named_together = (together, self.sents.index_of(sent.start) or 0)
        return sorted(found, key=lambda d: d.pos)

    def build(self) -> list[Claim]:
        drafts = self.drafts()
        claims: list[Claim] = []
        done: list[tuple[Draft, Claim]] = []
        seen: set[tuple[int, str | None]] = set()
        said_once: dict[tuple, list] = {}
        first_claimed: dict[str | None, int] = {}
        for draft in drafts:
            claim = self._finish(draft, done)
            claim = claim and described(claim, draft, self.doc)
            key = (draft.trigger.i if draft.quantity is None else -draft.pos, claim and
                   claim.region_name)
            if claim is not None and (restated(draft, claim, first_claimed) or
                                      said_again(draft, claim, done, self.sents)):
                continue
            if claim is not None and claim.value is None and said_twice(draft, claim, said_once):
                continue
            if claim is not None and key not in seen:
                seen.add(key)
                done.append((draft, claim))
                claims.append(claim)
                first_claimed.setdefault(claim.region_name, draft.sent.start)
        quantity_places = {(d.trigger.i, c.region_name, c.unit == "settlements")
                           for d, c in done if d.quantity is not None}
        taken = {(d.sent.start, c.region_name) for d, c in done if c.action != "advanced"}
        # "advanced deep into Aleppo and now controls most of the city": the advance is
        # the way there, not a claim beside the one the sentence makes about the place.
        kept = [(d, c) for d, c in done if not location_of_quantity(d, c, quantity_places)
                and not (c.action == "advanced" and c.value is None and
                         (d.sent.start, c.region_name) in taken)]
        denials = denials_of_earlier(self.sents, kept, self.speakers)
        kept, remarks = answered_by_remarks(self.sents, kept, self.speakers)
        return with_denied_actors(sorted([c for _d, c in kept] + denials + remarks,
                                         key=lambda c: c.start))

    # -- finding -----------------------------------------------------------------------------

    def _quantity_drafts(self, sent) -> list[Draft]:
        out: list[Draft] = []
        for q in self.quantities.of(sent):
            if q.role != "claim":
                continue
            q = shift(q, sent.start_char)
            head = quantity_head(self.doc, q)
            if head is None:
                continue
            trigger, action = quantity_trigger(head, text_of(self.doc), q,
                                               [(d.quantity, d.trigger) for d in out])
            if trigger is None:
                update = figure_update(head)
                if update is not None:
                    out.append(Draft(sent, update, "controls", q.start, quantity=q, qhead=head,
                                      update=True))
                continue
            if hypothetical(trigger) or measures_no_claim(head, text_of(self.doc), q, out):
                continue
            if q.unit == "percent" and not share_of_territory(head, trigger):
                continue
            action = action or action_of(trigger)
            names = counted_places(head, q.value) if q.unit == "settlements" else []
            if names:
                for tok in names:  # a place not found is still claimed (`_finish`)
                    out.append(Draft(sent, trigger, action, tok.idx,
                                     place=self.regions.of_object(tok),
                                     place_tokens=noun_phrase(tok)))
                continue
            out.append(Draft(sent, trigger, action, q.start, quantity=q, qhead=head))
            for tok in included_places(head, trigger):
                out.append(Draft(sent, trigger, action, tok.idx, place=self.regions.of_object(tok),
                                 place_tokens=noun_phrase(tok)))
        return out

    def _place_drafts(self, sent) -> list[Draft]:
        out = []
        for i in argument_words(sent):
            tok = sent.doc[i]
            found = place_argument(tok) or presence_argument(tok)
            if found is None:
                continue
            trigger, obj, facility = found
            if hypothetical(trigger) or reduced_relative(trigger) or inside_name(trigger):
                continue  # "Indian Occupied Kashmir": a name, not a verb
            if lemma_of(trigger) in EXPEL_VERBS | LEAVE_VERBS and trigger.dep_ == "advcl" and \
                    place_left(trigger) is not None:
                continue  # "liberated after Ukrainian troops were driven out of Avdiivka"
            plural = obj.lemma_.lower() in PLACE_TYPE_NOUNS and obj.tag_ in ("NNS", "NNPS")
            listed = enumerated_places(obj) if plural else []
            if plural and not listed and any(c.dep_ == "nummod" for c in obj.children):
                continue  # "captured 11 Donetsk villages": a count, claimed as a quantity
            joined = [] if plural else conjoined_places(obj)
            objects = [obj] if facility else listed or [obj, *joined]
            known = [o in listed or plausible_place(self.places, trigger, o) for o in objects]
            # Names listed with a place are places too ("captured Avdiivka and Lastochkyne").
            objects = [o for o, k in zip(objects, known, strict=True) if k or (any(known) and (
                plausible_place(self.places, trigger, o, listed=True)))]
            if lemma_of(trigger) in EXPEL_VERBS | LEAVE_VERBS and not is_armed(
                    actor_token(trigger)):
                continue  # "diplomats expelled from Russia", "workers drove from Juba"
            units = obj.lemma_.lower() in UNITS  # names listed as "four regions: A, B"
            for each in objects:
                found_place = facility_place(self.regions, each) if facility else \
                    self.regions.of_object(each, unit=units and each in listed)
                towns, at = self._named_together  # of the sentence before, or the one before
                taken_up = towns if plural_anaphor(each) and 0 < (
                    self.sents.index_of(sent.start) or 0) - at <= 2 else []
                for region in taken_up or [found_place]:  # "both villages": those before
                    # "mostly under X control"; "five villages that had been occupied by X"
                    out.append(Draft(sent, trigger, action_of(trigger), each.idx, place=region,
                                      place_tokens=noun_phrase(each), facility=facility,
                                      quantity=most_of_it(trigger) or counted_antecedent(each)))
        return out

    def _denial_drafts(self, sent, found: list[Draft]) -> list[Draft]:
        """"X's claim is not true", no trigger of its own: denied, about the place near it."""
        if found:
            return []
        for tok in sent:
            if tok.lemma_.lower() in ("claim", "report", "statement") and \
                    tok.dep_ in ("nsubj", "attr") and says_untrue(tok.head):
                region = self.regions.near(sent)  # "the report is false": of no place, none
                return [Draft(sent, tok, "denied", tok.idx, place=region, negated=True)] \
                    if region is not None else []
        return []

    # -- assembling --------------------------------------------------------------------------

    def _finish(self, draft: Draft, done: list[tuple[Draft, Claim]]) -> Claim | None:
        taker = actor_token(draft.trigger) or claiming_side(draft.trigger)
        if taker is not None and taker.lower_ in {"i", "you", "me", *CROWD_NOUNS}:
            return None  # a person ("you lose Poland!"), a crowd ("Protesters take back ...")
        if taker is not None and taker.dep_ == "nsubj" and taker.lemma_ in PLACE_TYPE_NOUNS:
            taker = None  # "The city is the latest to fall ..., having seized Aleppo": not it
        previous = done[-1][1] if done else None
        if draft.update and (previous is None or (  # "That is 110,000 km²": a restatement
                lemma_of(draft.trigger) not in CHANGE_VERBS and
                previous.unit != draft.quantity.unit)):
            return None
        att = attribution(draft.trigger)  # an update without its own speaker: the last claim's
        draft.background, draft.inner = att.background and draft.quantity is None, att.inner
        negated = draft.negated or att.denied
        actor = self._actor(taker, done) or taker_before(draft, done, self.sents)
        claimant = spelled_out(self._claimant(draft, att, done), self.article.text)
        action: Action = draft.action
        if draft.update and previous is not None:  # its subject is the earlier figure
            action, actor = previous.action, previous.actor
        if negated and (action != "controls" or att.disputed):
            action = "denied"  # a state called false; "not under X control" stays negated
        q = draft.quantity
        skip = not_where(draft, att.head)
        if draft.facility and draft.place_tokens and draft.place is None:
            # "seized the refinery": its own words are no region
            first, last = draft.place_tokens[0], draft.place_tokens[-1]
            skip.append((first.idx, last.idx + len(last)))
        if draft.update and previous is not None:  # the earlier place, or "In Iraq, it's"
            region: Region | None = update_region(draft.trigger, self.regions, previous)
        elif draft.place is None and draft.place_tokens and not draft.facility:
            # "recaptured the town", named nowhere near: a claim placed nowhere
            region = town_claimed_before(draft, done, self.sents)
        else:
            region = draft.place or self.regions.for_quantity(
                draft.trigger, draft.qhead, skip, previous=self._previous_region(draft, done),
                actor_countries=self._actor_countries(draft), action=action,
                taker_is_country=self._taker_is_country(draft),
                facility=draft.facility)
        if own := speakers_land(draft.qhead, claimant, self.places.gaz):  # "of our land"
            region = self.places.country(own) or region
        start, end = draft.sent.start_char, draft.sent.end_char
        text = self.article.text
        denominator = self._denominator(draft, done)
        # A quantity with no place gets its war's country before denials and remarks copy it.
        return with_conflict_country(Claim(
            article_id=self.article.id, action=action, quote=text[start:end], start=start,
            end=end, actor=actor, value=q.value if q else None, unit=q.unit if q else None,
            bound=q.bound if q else None,
            **placement(region, self.places, of_settlement=names_settlement(denominator)),
            denominator=denominator, claimant=claimant, negated=negated,
            published=self.article.published), self.places.gaz)

    def _actor(self, tok, done) -> str | None:
        """Who takes, holds or loses the ground, from its token (`actor_token`)."""
        if tok is None:
            return None
        if tok.lower_ in PRONOUNS and tok.dep_ == "poss" and tok.tag_ == "PRP$":
            # "their capture of Mekelle": whose, as for "its forces" below.
            whose = self._owner(tok, done)
            if whose:
                return whose
        if tok.tag_ in ("WDT", "WP") and tok.dep_ == "nsubj" and tok.head.dep_ == "relcl" \
                and tok.head.head.pos_ in ("NOUN", "PROPN"):
            # "The SDF, which controls much of northeastern Syria": the noun the clause is on
            return self._actor(tok.head.head, done)
        if tok.lower_ in PRONOUNS:
            if (subj := clause_antecedent(tok)) is not None:  # "Russia said it had taken"
                return group_antecedent(subj, self.sents) or phrase_text(noun_phrase(subj))
            if plural := plural_antecedent(tok, self.sents):  # "They" after "rebel groups"
                return plural
            for prev_draft, claim in reversed(done):
                if claim.actor and not prev_draft.background:
                    return claim.actor
            return self.speakers.pronoun(tok) if tok.lower_ in ("it", "they") else None
        if tok.pos_ == "ADJ":
            mention = self.places.mentions_in(tok.idx, tok.idx + len(tok))
            return mention[0].place.name if mention else tok.text
        if named := group_antecedent(tok, self.sents):  # "the group" after "the M23"
            return named
        words = noun_phrase(tok)
        owner = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ in PRONOUNS), None)
        if owner is not None:
            # "Russia said its forces had captured ...": "Russia's forces".
            whose = self._owner(owner, done)
            if whose:
                rest = [w for w in words if w.i > owner.i]
                return f"{whose}'s {phrase_text(rest)}" if rest else whose
        return phrase_text(words)

    def _owner(self, pronoun, done) -> str | None:
        """Who "its"/"their" stands for (`geo.claims.antecedents.owner_of`)."""
        earlier = [c.actor for d, c in done if c.actor and not d.background]
        return owner_of(pronoun, earlier, self.speakers, self.places)

    def _claimant(self, draft: Draft, att: Attribution, done) -> str | None:
        if draft.background:
            return None  # "which had been under Russian control since May": no one's claim
        if att.head is not None:
            text = att.text or ""
            if att.head.lower_ in PRONOUNS:
                return self.speakers.pronoun(att.head)
            return self.speakers.full_name(att.head, text)
        if draft.update and done:
            return done[-1][1].claimant
        return self.speakers.inherited(draft.sent, [c for d, c in done if not d.inner])

    def _denominator(self, draft: Draft, done) -> str | None:
        q, head = draft.quantity, draft.qhead
        if q is None or head is None:
            return None
        if q.denominator:
            return q.denominator
        of = of_object(head)
        if of is not None:
            words = phrase_text(without_apposition(of))
            if q.unit != "percent" and words.lower() in ("territory", "land", "ground"):
                return None
            return words
        if q.unit != "percent":
            return None
        if head.dep_ == "conj" and head.head.pos_ in ("NOUN", "PROPN"):
            return phrase_text(list(head.head.subtree)[: head.head.i - head.head.left_edge.i + 1])
        for prev_draft, claim in reversed(done):
            same_sentence = prev_draft.sent.start == draft.sent.start
            if same_sentence and claim.unit == "percent" and claim.denominator:
                return claim.denominator
        return None

    def _previous_region(self, draft: Draft, done) -> Region | None:
        """The region of the latest claim in the same paragraph, for a sentence without one."""
        mine = paragraph(self.doc, draft.sent)
        for prev_draft, claim in reversed(done):  # in text order: stop at an earlier paragraph
            theirs = paragraph(self.doc, prev_draft.sent)
            if theirs < mine:
                break
            if claim.region_name and theirs == mine:
                return Region(claim.region_name, code=claim.region)
        return None

    def _actor_countries(self, draft: Draft) -> set[str]:
        """The countries the actor's words name ("Kyiv's forces" → UA)."""
        tok = actor_token(draft.trigger)
        if tok is not None and tok.lower_ in PRONOUNS:
            tok = clause_antecedent(tok)  # "The Ukrainian side says it holds ..."
        if tok is None:
            return set()
        left, right = tok.left_edge, tok.right_edge
        found = {m.place.country for m in self.places.starting_in(left.idx, right.idx + len(right))
                 if m.place is not None}
        return found - {None}

    def _taker_is_country(self, draft: Draft) -> bool:
        """Whether the actor is a country by its name ("Russia occupied ..."), not a body of
        one ("Myanmar's military regime")."""
        tok = actor_token(draft.trigger)
        return tok is not None and tok.pos_ == "PROPN" and any(
            m.place is not None and m.place.feature == "country"
            for m in self.places.mentions_over(tok.idx, tok.idx + len(tok)))


