"""The sides table: actors as written resolve to sides, by context where words are generic."""

from __future__ import annotations

from collections import defaultdict

import pytest

from geo.access import local_editor
from geo.sides.resolve import UNATTRIBUTED, Sides, claim_countries, count_unresolved, with_sides
from geo.sides.table import PALETTE, SidesError, read_conflicts, read_rows


@pytest.fixture(scope="module")
def sides():
    return Sides()


@pytest.mark.parametrize(("actor", "countries", "side"), [
    ("Russian forces", (), "Russia"),
    ("the Kremlin", (), "Russia"),
    ("Russia's army", (), "Russia"),
    ("Wagner fighters", ("UA",), "Russia"),
    ("Kyiv", (), "Ukraine"),
    ("Ukraine's military", (), "Ukraine"),
    ("the AFU", (), "Ukraine"),
    ("the RSF", (), "Rapid Support Forces"),
    ("Sudan's army", (), "Sudanese Armed Forces"),
    ("M23 fighters", (), "M23/AFC and Rwanda"),
    ("the Congolese army", (), "Congolese government (FARDC)"),
    # Generic words need the claim's country.
    ("the rebels", ("CD",), "M23/AFC and Rwanda"),
    ("the rebels", ("ET",), "Tigray forces (TPLF)"),
    ("the junta", ("MM",), "Myanmar military (junta)"),
    ("the junta", ("BF",), "Burkina Faso state"),
    ("Wagner mercenaries", ("ML",), "Malian state and allies"),
    # A named side beats a generic word; the first name written beats a later one.
    ("the army of rebels led by Hayat Tahrir al-Sham", ("SY",), "Syrian opposition"),
    ("Russian troops in Ukraine", ("UA",), "Russia"),
    # Wars added from the read web sets (tests/data/sides_web.csv, split "read").
    ("Boko Haram insurgents", (), "Boko Haram and ISWAP"),
    ("the military", ("NG",), "Nigerian government"),
    ("South Sudan's army", (), "South Sudanese government"),  # not Sudan's
    ("SPLA-IO fighters", (), "SPLM-IO and allied rebels"),  # not the SPLA
    ("the rebels", ("PH",), "Islamic State affiliates (Maute)"),
    ("Islamic State fighters", ("PH",), "Islamic State affiliates (Maute)"),
    ("Islamic State fighters", ("IQ",), "Islamic State"),
    # Words of state forces where a state fights insurgents; "anti-regime groups" are not
    # the regime; "US-backed forces" are the SDF in Syria and Iraq's own forces in Iraq.
    ("troops", ("SO",), "Somali government and the African Union"),
    ("anti-regime groups", ("MM",), "Anti-junta forces"),
    ("US-backed forces", ("SY",), "Syrian Democratic Forces"),
    ("US-backed forces", ("IQ",), "Iraqi government forces"),
    ("the paramilitary", ("SD",), "Rapid Support Forces"),
    # Wars added from sets D and E (splits "d", "e"), on actors not in them.
    ("Polisario fighters", (), "Polisario Front (SADR)"),
    ("Moroccan troops", ("EH",), "Morocco"),
    ("the rebels", ("TD",), "Chadian rebels (FUC)"),
    ("the army", ("CF",), "Central African government and allies"),
    ("the Tigers", ("LK",), "Tamil Tigers (LTTE)"),
    ("Bosnian Serb forces", (), "Bosnian Serbs (Republika Srpska)"),
    ("Croat forces", ("BA",), "Croatia and Bosnian Croats (HVO)"),
    ("FARC dissidents", (), "FARC dissidents and ELN"),
    ("the separatists", ("CM",), "Ambazonian separatists"),
    ("Gaddafi's forces", ("LY",), "Gaddafi loyalists (2011)"),
    ("anti-Gaddafi fighters", ("LY",), "Anti-Gaddafi rebels (2011)"),
    # "coalition" is Yemen's only where the claim is in Yemen; in Haiti, the gangs' coalition.
    ("the coalition", ("YE",), "Yemeni government and coalition"),
    ("the coalition", ("HT",), "Armed gangs"),
    ("Rwandan and Mozambican security forces", ("MZ",), "Mozambique and Rwanda forces"),
    # Set F's actors (twenty-first session): a police or security force by its war's country,
    # a capital for its government, a federal force with its partner named after "and".
    ("the security forces", ("AF",), "Afghan Republic"),
    ("the Federal Police", ("IQ",), "Iraqi government forces"),
    ("Tel Aviv", (), "Israel"),
    ("Ethiopian Federal and Amhara regional forces", ("ET",), "Ethiopian federal government"),
    # Set G's wars and words (read after its last unseen figure).
    ("the rebels", ("CI",), "Rebels (Forces Nouvelles)"),
    ("Gbagbo's forces", (), "Ivorian government (Gbagbo)"),
    ("Unita forces", (), "UNITA"),
    ("Angolan army troops", (), "Angolan government (MPLA)"),
    ("the Serbs", ("HR",), "Croatian Serbs (RSK)"),
    ("Croatian troops", ("HR",), "Croatia"),
    ("Governmental forces", ("ET",), "Ethiopian federal government"),
    ("the Brotherhood's forces", ("YE",), "Yemeni government and coalition"),
    # Set H's wars and words (read after its last unseen figure), on actors not in it.
    ("RUF rebels", (), "Revolutionary United Front (RUF)"),
    ("the army", ("SL",), "Sierra Leone government and allies"),
    ("LURD fighters", (), "LURD rebels"),
    ("Taylor's forces", ("LR",), "Liberian government (Taylor)"),
    ("Maoist guerrillas", ("NP",), "Maoist rebels (CPN-M)"),
    ("the security forces", ("NP",), "Nepalese government"),
    ("the rebels", ("YE",), "Houthis (Ansar Allah)"),
    ("Alshabab fighters", (), "Al-Shabaab"),
    ("extremists", ("ML",), "Jihadist groups (JNIM)"),
    ("Serbian troops", ("BA",), "Bosnian Serbs (Republika Srpska)"),
    ("the government", ("MZ",), "Mozambique and Rwanda forces"),
])
def test_actor_resolves_to_its_side(sides, actor, countries, side):
    found = sides.side_of(actor, countries)
    assert (found.name, found.resolved) == (side, True)


def test_what_follows_opposed_to_is_the_enemy_not_the_side(sides):
    assert sides.side_of("Libyan forces opposed to Khalifa Haftar", ["LY"]).resolved is False
    assert sides.side_of("fighters battling the RSF", ["SD"]).resolved is False
    assert sides.side_of("forces loyal to Tareq Saleh", ["YE"]).name == \
        "Yemeni government and coalition"


def test_an_unknown_actor_is_its_own_unresolved_side(sides):
    found = sides.side_of("the Northern Alliance of Somewhere")
    assert (found.name, found.resolved, found.conflict) == (
        "the Northern Alliance of Somewhere", False, None)
    assert sides.side_of("the rebels").resolved is False  # generic, no country known
    assert sides.side_of(None).name == UNATTRIBUTED


def test_opposing_sides_have_distinct_fixed_colours():
    by_conflict: dict[str, dict[str, str]] = defaultdict(dict)
    for row in read_rows():
        assert by_conflict[row.conflict].setdefault(row.side, row.colour) == row.colour
    for conflict, colours in by_conflict.items():
        assert len(set(colours.values())) == len(colours), conflict
        assert conflict in read_conflicts()
    # One side, one colour everywhere it appears.
    seen: dict[str, str] = {}
    for row in read_rows():
        assert seen.setdefault(row.side, row.colour) == row.colour, row.side


def test_user_file_extends_and_wins(tmp_path):
    user = tmp_path / "sides.csv"
    user.write_text("conflict,side,pattern\n"
                    "russia-ukraine,Ukraine,\\b(third assault brigade)\\b\n"
                    "sudan,Joint Forces,\\b(joint forces|sla)\\b\n", encoding="utf-8")
    sides = Sides.for_database(tmp_path / "conflict_map.sqlite")
    assert sides.side_of("the Third Assault Brigade").name == "Ukraine"
    joint = sides.side_of("the Joint Forces", ("SD",))
    # A new side gets the first palette colour its conflict does not use.
    sudan = {r.colour for r in read_rows() if r.conflict == "sudan"}
    assert joint.name == "Joint Forces"
    assert joint.colour == next(c for c in PALETTE if c not in sudan)
    assert sides.side_of("the Third Assault Brigade").colour == "#0072B2"


@pytest.mark.parametrize(("content", "problem"), [
    ("conflict,side\nsudan,X\n", "no column pattern"),
    ("conflict,side,pattern\nsudan,X,(unclosed\n", "not a regular expression"),
    ("conflict,side,colour,pattern\nsudan,X,red,x\n", "not #RRGGBB"),
    ("conflict,side,colour,pattern\nsudan,X,#E69F00,x\n", "another side of sudan uses"),
    ("conflict,side,context,pattern\nsudan,X,maybe,x\n", "not yes or no"),
])
def test_a_bad_user_file_is_one_clear_error(tmp_path, content, problem):
    user = tmp_path / "mine.csv"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(SidesError, match=problem) as err:
        Sides(user)
    assert str(user) in str(err.value)


def test_unresolved_actors_are_counted(sides):
    claims = [{"actor": "Russian forces", "region": "RU-KRS"},
              {"actor": "the army", "region": None}, {"actor": "the army", "region": None},
              {"actor": "the army", "region": "SD-KH"}, {"actor": None}]
    assert count_unresolved(claims, sides) == {"the army": 2}
    assert claim_countries({"region": "SY-DR,SY-QU"}) == ("SY",)


def test_cli_lists_unresolved_actors_and_scores_labels(tmp_path):
    from click.testing import CliRunner

    from geo.cli.main import main
    from geo.models import Article, Claim, article_id
    from geo.store.database import Store

    text = "Russian forces took Sudzha. The brigade held Kupiansk. The brigade held Lyman."
    db = tmp_path / "db.sqlite"
    with Store(db) as store:
        article = Article(id=article_id(text), text=text)
        store.add_article(article, [], [
            Claim(article.id, "captured", text[:27], 0, 27, actor="Russian forces",
                  region="RU-KRS"),
            Claim(article.id, "holds", text[28:53], 28, 53, actor="The brigade"),
            Claim(article.id, "holds", text[54:], 54, len(text), actor="The brigade")],
                editor=local_editor())
    runner = CliRunner()
    listed = runner.invoke(main, ["sides", "--db", str(db), "--unresolved"])
    assert listed.exit_code == 0, listed.output
    assert listed.output.split() == ["2", "The", "brigade", "(unresolved)"]
    every = runner.invoke(main, ["sides", "--db", str(db), "--format", "json"])
    assert {(r["actor"], r["side"], r["claims"]) for r in __import__("json").loads(
        every.output)} == {("Russian forces", "Russia", 1), ("The brigade", "(unresolved)", 2)}
    labels = tmp_path / "labels.csv"
    labels.write_text("conflict,actor,side\nsudan,the army,Sudanese Armed Forces\n"
                      "sudan,the brigade,RSF\n", encoding="utf-8")
    scored = runner.invoke(main, ["evaluate-sides", str(labels)])
    assert scored.exit_code == 0 and '"accuracy": 0.5' in scored.output
    assert "wrong:" not in scored.output  # the misses only when asked for
    listed = runner.invoke(main, ["evaluate-sides", str(labels), "--errors"])
    assert "wrong: 'the brigade' -> 'the brigade', labelled 'RSF'" in listed.output
    split = tmp_path / "split.csv"
    split.write_text("split,conflict,actor,side\nheld,sudan,the army,Sudanese Armed Forces\n"
                     "read,sudan,the brigade,RSF\n", encoding="utf-8")
    held = runner.invoke(main, ["evaluate-sides", str(split), "--split", "held"])
    assert held.exit_code == 0 and '"n": 1' in held.output and '"accuracy": 1.0' in held.output
    none = runner.invoke(main, ["evaluate-sides", str(split), "--split", "test"])
    assert none.exit_code != 0 and "no rows of split 'test'" in none.output


def test_a_claim_naming_no_actor_takes_the_side_of_the_claimant_who_gains(sides):
    from geo.sides.resolve import with_sides

    liberated, lost = with_sides([
        {"actor": None, "action": "liberated", "claimant": "Sergei Rudskoi", "region": "RU-KRS"},
        {"actor": None, "action": "lost", "claimant": "Sergei Rudskoi", "region": "RU-KRS"}],
        sides)
    assert (liberated["side"], liberated["side_inferred"]) == ("Russia", True)
    assert (lost["side"], lost["side_resolved"]) == ("Unattributed", False)


@pytest.mark.parametrize(("actor", "claimant", "region", "side"), [
    # A side's own statement calls the other side of its war "the enemy" ...
    ("the enemy", "Ukraine's General Staff", "UA-14", "Russia"),
    ("enemy forces", "the Russian Defence Ministry", "UA-14", "Ukraine"),
    # ... but not in a war of more than two sides, nor said by no known side.
    ("the enemy", "the SDF", "SY", "the enemy"),
    ("the enemy", "a local official", "UA-14", "the enemy"),
])
def test_the_enemy_is_the_other_side_of_the_claimants_war(sides, actor, claimant, region,
                                                          side):
    (claim,) = with_sides([{"actor": actor, "claimant": claimant, "region": region}], sides)
    assert claim["side"] == side
    assert claim["side_inferred"] is (side != actor)


@pytest.mark.parametrize(("actor", "countries", "side"), [
    # Names of the wars added from sets D and E must not take actors of other wars.
    # Not Kashmir's "Pakistan": Pakistan's own war (set I) has the TTP, Kosovo's its Serbs.
    ("the Pakistani Taliban", ("PK",), "Pakistani Taliban (TTP)"),
    ("Tehreek-e-Taliban Pakistan", ("PK",), "Pakistani Taliban (TTP)"),
    ("Croatian volunteers", ("UA",), None),
    ("Serb forces", ("XK",), "Serb and Yugoslav forces (FRY)"),
    ("Serb forces", ("UA",), None),
    ("the CPC", ("CN",), None),
    ("the National Liberation Army", ("LY",), None),
    ("Chinese-backed militias", ("MM",), None),
    ("PLA troops", ("IN",), "China"),
    ("Chinese border troops", ("IN",), "China"),
    ("ELN guerrillas", ("VE",), "FARC dissidents and ELN"),
    ("Indiana National Guard", (), None),
    ("rebels", ("LY",), None),  # Libya's 2011 sides only by their own names
])
def test_new_wars_do_not_take_other_wars_actors(sides, actor, countries, side):
    found = sides.side_of(actor, countries)
    assert (found.name if found.resolved else None) == side
