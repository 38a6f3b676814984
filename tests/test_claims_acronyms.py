"""Claimants named by an acronym that the article spells out."""

from geo.claims.acronyms import spelled_out

TEXT = ("The Institute for the Study of War (ISW) also reported Tuesday that Russian forces "
        "likely captured the town. Sudan's Rapid Support Forces (RSF) said on Monday ...")


def test_acronym_defined_in_brackets_is_spelled_out():
    assert spelled_out("ISW", TEXT) == "Institute for the Study of War"
    assert spelled_out("the ISW", TEXT) == "Institute for the Study of War"
    assert spelled_out("RSF", TEXT) == "Rapid Support Forces"


def test_other_claimants_unchanged():
    assert spelled_out("NUG", TEXT) == "NUG"  # not defined in this text
    assert spelled_out("DeepState", TEXT) == "DeepState"
    assert spelled_out("Kyiv", TEXT) == "Kyiv"
    assert spelled_out(None, TEXT) is None
    assert spelled_out("AFU", "the Armed Forces (AFU)") == "AFU"  # the capitals do not spell it
