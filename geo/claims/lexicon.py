"""Word lists for claim extraction: which words take, hold or lose ground, report, or deny.

Lemmas as spaCy's English pipeline gives them. The action names are those of
`claims/README.md`; everything else here is vocabulary, not rules.
"""

from __future__ import annotations

from geo.models import Action

# A verb that moves or keeps ground, with the claim action it makes.
VERB_ACTIONS: dict[str, Action] = {
    "capture": "captured", "seize": "captured", "take": "captured", "conquer": "captured",
    "overrun": "captured", "wrest": "captured", "grab": "captured", "annex": "captured",
    "confiscate": "captured", "expropriate": "captured",
    "recapture": "regained", "retake": "regained", "regain": "regained", "reclaim": "regained",
    "recover": "regained",
    "liberate": "liberated", "deoccupy": "liberated", "de-occupy": "liberated",
    "free": "liberated",
    "control": "controls", "occupy": "controls", "hold": "controls", "own": "controls",
    "command": "controls", "administer": "controls", "retain": "controls",
    "gain": "advanced", "advance": "advanced",
    "lose": "lost", "cede": "lost", "surrender": "lost",
}
# Past forms the small English model does not lemmatise ("retook" stays "retook").
IRREGULAR_LEMMAS: dict[str, str] = {
    "retook": "retake", "retaken": "retake", "overran": "overrun", "took": "take",
    "taken": "take", "lost": "lose", "held": "hold", "fell": "fall", "fallen": "fall",
    "won": "win", "seized": "seize", "recaptured": "recapture", "regained": "regain",
    "liberated": "liberate", "withdrew": "withdraw", "withdrawn": "withdraw",
    "drove": "drive", "driven": "drive", "ousted": "oust", "retreated": "retreat", "fled": "flee",
    "overrun": "overrun",  # the participle, which the model may tag as a noun ("had overrun")
}
# Being driven out of a place loses it; driving someone out takes it.
EXPEL_VERBS = frozenset({"push", "drive", "force", "oust", "expel", "dislodge", "evict",
                         "kick", "flush", "clear"})
LEAVE_VERBS = frozenset({"withdraw", "retreat", "pull", "flee", "abandon", "evacuate"})
# Forms of those verbs that are also everyday nouns ("Russian forces", "the army command", "a
# push"), which no claim rule reads as nouns: tagged as nouns, they are no claim word.
NOUN_HOMOGRAPHS = frozenset({"force", "forces", "command", "commands", "hold", "holds",
                             "drive", "drives", "push", "pushes", "pull", "pulls", "win", "wins"})
# Verb + particle pairs that change the verb's action ("took back", "took over").
PARTICLE_ACTIONS: dict[tuple[str, str], Action] = {
    ("take", "back"): "regained", ("win", "back"): "regained", ("claw", "back"): "regained",
    ("take", "over"): "captured",
    ("win", "over"): "captured",
}
# Nouns that carry the action themselves ("the recapture of 63%", "their gain was 5 sq km").
NOUN_ACTIONS: dict[str, Action] = {
    "recapture": "regained", "capture": "captured", "seizure": "captured",
    "takeover": "captured", "liberation": "liberated", "gain": "advanced",
    "advance": "advanced", "loss": "lost", "occupation": "controls", "control": "controls",
    "jurisdiction": "controls", "grip": "controls", "stranglehold": "controls",
}
# Nouns that make "under X ..." a state of control, as "under X control" is ("under Russian
# occupation", "under Taliban rule", "under central government authority").
UNDER_NOUNS = frozenset({"occupation", "rule", "authority"})
# Verbs after which "under X control" is ground changing hands, not ground held.
CAME_UNDER = frozenset({"fall", "come"})
# Nominal forms that claim a place taken or lost when asserted ("the fall of Kidal").
NOMINAL_ACTIONS: dict[str, Action] = {
    "capture": "captured", "recapture": "regained", "seizure": "captured",
    "takeover": "captured", "liberation": "liberated", "fall": "captured", "loss": "lost",
    "withdrawal": "lost", "pullout": "lost", "pull-out": "lost", "retreat": "lost",
}
# Words that only say when or where a place fell ("Avdiivka fell on Saturday").
FALL_WHEN = frozenset({"in", "on", "at", "after", "during", "within", "since", "last", "finally",
                       "eventually", "already", "soon", "quickly", "then", "also", "yesterday"})
# Nominal withdrawals ("the withdrawal of troops from Lyman"): lost by the side that left.
WITHDRAWAL_NOUNS = frozenset({"withdrawal", "pullout", "pull-out", "retreat"})
# Verbs over a withdrawal that ask for it or talk about it rather than say it happened.
UNDONE_WITHDRAWAL_VERBS = frozenset({"call", "ask", "negotiate", "discuss", "agree", "propose",
                                     "insist", "consider", "order", "expect", "urge"})
# Verbs under which a nominal form is not asserted ("to prevent the fall of X").
NOT_ASSERTED_VERBS = frozenset({"prevent", "avoid", "stop", "resist", "block", "delay",
                                "threaten", "fear", "risk", "demand", "urge",
                                "order", "plan", "seek", "attempt", "await", "begin",
                                "start", "continue"})
# For the noun "control": the verb that governs it decides the action ("retook control of").
# Control of something other than ground: "imposed fire control over the district".
OTHER_CONTROLS = frozenset({"fire", "arms", "gun", "weapons", "traffic", "quality", "price",
                            "export", "import", "pest", "crowd", "birth", "damage", "flight",
                            "mission", "passport", "infection", "disease", "cost", "budget"})
CONTROL_VERBS: dict[str, Action] = {
    "take": "captured", "seize": "captured", "wrest": "captured", "gain": "captured",
    "establish": "captured", "assume": "captured", "grab": "captured", "secure": "captured",
    "win": "captured", "claim": "captured",
    "retake": "regained", "regain": "regained", "recapture": "regained", "restore": "regained",
    "reestablish": "regained", "re-establish": "regained", "recover": "regained",
    "reclaim": "regained", "reassert": "regained", "reimpose": "regained", "resume": "regained",
    "lose": "lost", "cede": "lost", "relinquish": "lost",
    "have": "controls", "be": "controls", "maintain": "controls", "keep": "controls",
    "exercise": "controls", "exert": "controls", "retain": "controls", "remain": "controls",
    "hold": "controls", "give": "controls",  # "gave the rebels control of" (`actor_token`)
    "consolidate": "controls", "solidify": "controls", "tighten": "controls",
    "extend": "captured", "expand": "captured",
}
# Verbs whose object or clause is a statement, so their subject is the claimant.
REPORT_VERBS = frozenset("""
say tell report state announce claim confirm acknowledge admit deny indicate show assert add
note write declare estimate assess insist reveal publish post conclude find suggest allege
maintain inform stress explain update brief refute reject dismiss disprove debunk tweet
calculate compute count tally record document verify determine observe quote
""".split())
# Nouns that stand for a statement: its author, if named, is the claimant.
REPORT_NOUNS = frozenset("""
analysis report statement assessment estimate estimates data study survey bulletin briefing
update map maps figure figures calculation calculations review tally count reports claim
""".split())
# Nouns that stand for an earlier statement of control.
CLAIM_NOUNS = frozenset({"claim", "claims", "report", "reports", "statement", "assertion",
                         "allegation", "announcement"})
# Adjectives that name an armed side ("rebel claims", "the militant group").
ARMED_ADJECTIVES = frozenset({"armed", "rebel", "militant", "mercenary", "paramilitary",
                              "jihadist", "separatist", "insurgent"})
# Nouns of denial: "issued a denial of RSF claims to have captured El Fasher".
DENIAL_NOUNS = frozenset({"denial", "rebuttal", "refutation"})
DENY_VERBS = frozenset({"deny", "refute", "reject", "dismiss", "disprove", "debunk"})
# Verbs that deny a statement named as their object ("disputed the claim").
CONTRADICT_VERBS = DENY_VERBS | {"contradict", "dispute"}
UNTRUE_WORDS = frozenset({"untrue", "false", "baseless", "fake", "unfounded", "incorrect",
                          "groundless", "lie", "lies", "fabrication", "disinformation"})
# What a denied claim is called ("called it propaganda", `geo.claims.denials`).
UNTRUE_NAMES = UNTRUE_WORDS | {"propaganda", "nonsense", "fiction", "fantasy", "myth", "fable",
                               "provocation"}
# A trigger under one of these is an aim, not a claim ("aiming to capture territory").
INTENT_WORDS = frozenset("""
aim seek try attempt plan want intend hope threaten vow push strive order goal bid effort
ambition objective intention mission prepare expect fail refuse need able plot decide
verge brink risk danger threat prospect possibility bid go campaign offensive operation intervention
battle fight struggle poise poised ready set seek about likely purpose task
""".split())
# What is launched "to retake" a place: an aim unless it is called successful ("launched an
# offensive to retake X"); only for an infinitive on it, never for "the assault after the fall
# of X".
CAMPAIGN_NOUNS = frozenset({"operation", "offensive", "counteroffensive", "counter-offensive",
                            "counterattack", "counter-attack", "assault", "attack", "raid",
                            "campaign", "push", "bid", "effort", "attempt", "drive"})
# Verbs whose infinitive is what the move was for ("moved in to retake it", "troops were
# sent to recapture", "working to free the village"): an aim. Only for the infinitive: "after
# the recapture of Kherson, the front moved east" is no aim.
PURPOSE_VERBS = frozenset({"work", "move", "march", "deploy", "send", "dispatch", "mobilize",
                           "mobilise"})
# "took Matthew to Slimming World", "taken aback", "took part": taking that is not capture.
TAKE_NOT_CAPTURE = frozenset({"to", "off", "down", "aback", "away", "part", "place", "into",
                              "up", "on", "out", "in", "hostage", "prisoner", "captive"})
MODALS = frozenset({"will", "would", "could", "might", "may", "can", "should", "shall", "must",
                    "'ll", "wo", "ca"})
# Verbs that pass a quantity on to a claim above them ("which amounts to about 64%").
LINKING_VERBS = frozenset("""
amount equal represent constitute compare total make comprise include account
""".split())
# Verbs that update an earlier figure ("that figure had increased to nearly 125,000 km²").
CHANGE_VERBS = frozenset({"increase", "rise", "grow", "climb", "reach", "expand", "extend",
                          "shrink", "decrease", "drop", "fall", "jump", "swell"})
# Nouns of holding that make a territory noun a held area ("area of dominance", "zone of
# control"); not claim words alone ("air dominance").
HOLD_NOUNS = frozenset({"control", "dominance", "rule", "influence", "occupation"})
# Last words of the names of bodies, papers and schools, never of a place taken or held ("The
# Japan Times", "Southwold School"); "Army" is left out (its name is its actor's).
ORG_HEADS = frozenset("""
times post news journal herald agency ministry council committee commission board party bank
university college school institute foundation company corporation association union
intelligence directorate service services office senate house parliament congress assembly
legislature chamber duma knesset rada
""".split())
# Crowds of civilians, never a party that takes or holds ground ("Protesters take back key
# parts of Hong Kong", "fans took over the square"); singular and plural, as written.
CROWD_NOUNS = frozenset("""
protester protesters protestor protestors demonstrator demonstrators marcher marchers
fan fans shopper shoppers tourist tourists voter voters student students
""".split())
# Verbs that set a running total to a figure ("bringing the total recaptured to 17 sq mi").
TOTAL_VERBS = frozenset({"bring", "raise", "take", "push", "increase"})
ANAPHORIC_FIGURES = frozenset({"figure", "number", "total", "area", "share", "it", "this",
                               "that", "tally", "amount"})

# Heads of a "percent of X" phrase that make it a share of territory.
TERRITORY_NOUNS = frozenset("""
territory territories land lands area areas region regions oblast oblasts province provinces
governorate state country nation city town village district soil township townships towns
villages settlements enclave strip zone countryside municipality raion county island peninsula
frontline front part parts republic ground salient pocket bulge bridgehead foothold
""".split())
# Nouns that name a kind of place ("the town of Avdiivka", "the city" as an anaphor).
PLACE_TYPE_NOUNS = frozenset("""
city town village settlement hamlet region oblast province district capital port enclave
country state governorate municipality raion county territory island peninsula corridor area
zone valley heights neighbourhood neighborhood suburb suburbs quarter
""".split())
# Dashes as the tokenizer leaves them: they set off lists and clauses ("in Sumy – A, B and C –").
DASHES = frozenset({"–", "—", "-", "--"})
# Parts of a place that a claim about them is about the place ("the outskirts of Rubizhne",
# "the western part of the town", "the rest of the city").
PART_NOUNS = frozenset({"part", "parts", "rest", "remainder", "outskirts", "centre", "center",
                        "section", "sections", "side", "edge", "edges", "half", "north",
                        "south", "east", "west", "northeast", "northwest", "southeast",
                        "southwest", "swathe", "swathes", "swath", "swaths", "chunk",
                        "chunks", "portion", "portions", "stretch", "stretches", "ruins"})
# Heads of anaphors ("the region", "the country", "the town") by what they stand for.
REGION_NOUNS = frozenset({"region", "oblast", "province", "governorate"})
COUNTRY_NOUNS = frozenset({"country", "nation"})
CITY_NOUNS = frozenset({"city", "town", "village", "settlement", "hamlet"})
# Words that make "the X region" a first-level unit a claim is about (an oblast, a province, a
# state); narrower than `geo.geoparse.spans.ADMIN_QUALIFIERS`, which marks any unit's name.
ADMIN1_WORDS = frozenset({"region", "oblast", "province", "governorate", "krai", "state",
                          "republic"})
SECTOR_WORDS = frozenset({"direction", "directions", "axis", "axes", "sector", "sectors",
                          "front", "frontline", "salient"})
# Things that are not places but are taken and held like them ("took control of the refinery").
# Not military bases, posts or camps: the claims README says they are not territory ("seized a
# base vacated by the UN mission" is no claim about Mali).
FACILITY_NOUNS = frozenset("""
airport airfield refinery plant dam bridge port harbour harbor headquarters
palace crossing checkpoint hill heights highway station complex factory citadel
fortress stronghold mine bridgehead foothold
""".split())
FOOTHOLD_WORDS = frozenset({"foothold", "bridgehead", "buffer", "positions", "position",
                            "facilities", "facility"})
# Verbs whose object "positions" or "a foothold" in a place holds it ("maintained positions in").
FOOTHOLD_VERBS = frozenset({"hold", "maintain", "keep", "retain", "establish", "have", "secure",
                            "gain"})
# "a buffer zone that covers 16 percent of Gaza": a zone made and kept by an armed side, which
# holds the ground it covers.
ZONE_WORDS = frozenset({"buffer", "security", "exclusion", "demilitarized", "demilitarised"})
ZONE_VERBS = frozenset({"establish", "create", "set", "carve", "expand", "declare", "impose",
                        "build", "extend", "enforce", "maintain", "hold", "keep", "widen"})
COVER_VERBS = frozenset({"cover", "span", "encompass", "stretch", "take"})
FOOTHOLD_NOUNS = frozenset({"position", "positions", "foothold", "footholds", "bridgehead",
                            "bridgeheads"})
# Military posts (lemmas), which stand for the place they are in ("withdrew from positions in
# X", "remain in five positions").
POST_LEMMAS = frozenset({"position", "point", "post", "outpost", "foothold", "bridgehead"})
# Subordinate clauses that give background rather than the claimant's statement.
BACKGROUND_MARKS = frozenset({"since", "after", "before", "when", "until", "once", "as"})
# Prepositions that locate a claim ("in the Kursk region", "near Bakhmut").
LOCATIVE_PREPS = frozenset({"in", "within", "near", "around", "inside", "throughout", "across",
                            "into", "towards", "toward", "outside", "on", "along", "at", "from",
                            "of"})
# Places after these are compared with, not claimed ("the size of the Netherlands").
COMPARISON_CUES = ("size of", "compared to", "compared with", "comparable", "than", "like",
                   "equivalent to", "as big as", "as large as", "larger than", "bigger than")
# Words of a title before a name ("Officer John Hege", "Military President, Assimi Goita").
TITLE_WORDS = frozenset("""
mr mrs ms dr officer sgt sergeant lt lieutenant capt captain gen general col colonel president
minister commander judge senator sen rep gov governor mayor prince king queen sheikh spokesman
spokeswoman spokesperson chief head leader deputy secretary ambassador envoy
""".split())
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her", "our",
                      "them", "which", "who", "that", "this"})
# Prepositions and nouns of a span of time ("in October", "over the course of the month").
PERIOD_PREPS = frozenset({"in", "during", "over", "within", "throughout"})
PERIOD_NOUNS = frozenset({"month", "week", "year", "day", "course", "period", "weekend",
                          "summer", "winter", "spring", "autumn"})

# A claim over the whole front line is about the whole country ("along the entire front").
WHOLE_FRONT = ("entire front", "whole front", "across the front", "along the entire front",
               "all along the front", "nationwide", "the whole country", "entire country")
# Nouns for inhabited places, counted as settlements ("five state capitals", "three district
# towns", "two district centres"); not townships or districts, which are administrative units.
# Regular expressions (`geo.claims.numbers`).
SETTLEMENT_NOUNS = (r"villages?(?!\s+tracts?)|towns?|cit(?:y|ies)|capitals?|settlements?"
                    r"|hamlets?|localities|locality|communities|population\s+cent(?:er|re)s"
                    r"|populated\s+(?:areas|places)"
                    r"|(?:district|regional|raion|county|provincial|administrative)\s+"
                    r"(?:cent(?:er|re)s|headquarters|seats)")
# Administrative units and military positions: a count of them is ground held, but in no unit
# of area or settlement ("six of the state's 17 townships", "two districts"), so its unit is
# None. The units of the wars reported on: communes (the Sahel), woredas (Ethiopia), village
# tracts (Myanmar), tehsils, upazilas, cantons, prefectures ("departments" are also a
# ministry's).
COUNTED_UNITS = (r"townships?|districts?|sub-?districts?|counties|county|provinces?"
                 r"|governorates?|municipalit(?:y|ies)|states|oblasts|hromadas?|communes"
                 r"|prefectures|woredas?|village\s+tracts?|tehsils?|upazilas?"
                 r"|cantons|local\s+governments?\s+areas?|lgas?"
                 r"|positions|outposts?|strongholds?")
