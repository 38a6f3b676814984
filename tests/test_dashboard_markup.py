"""dashboard/markup.py: popups and the reader's text, escaped and marked at stored offsets."""

from __future__ import annotations

import pytest
from browser_support import sample_articles, sample_rows

from dashboard.markup import esc, highlight_sentence, marked_text, popup_html, reader_html
from geo.models import Article
from geo.views.filters import group_places


@pytest.mark.parametrize(("sentence", "start", "expected"), [
    ("Strikes hit Kyiv overnight.", 12, "Strikes hit <mark>Kyiv</mark> overnight."),
    # Offset off by a few characters: the nearest occurrence is used.
    ("Kyiv and Kyiv again.", 11, "Kyiv and <mark>Kyiv</mark> again."),
    ("No such place here.", 0, "No such place here."),
    ("a < b in Kyiv & co", 9, "a &lt; b in <mark>Kyiv</mark> &amp; co"),
])
def test_highlight_sentence(sentence, start, expected):
    row = {"sentence": sentence, "sentence_start": 0, "start": start, "surface": "Kyiv"}
    assert highlight_sentence(row) == expected


def test_highlight_sentence_shortens_long_sentences():
    sentence = "word " * 100 + "Kyiv" + " word" * 100
    row = {"sentence": sentence, "sentence_start": 0, "start": 500, "surface": "Kyiv"}
    out = highlight_sentence(row)
    assert "<mark>Kyiv</mark>" in out and out.startswith("…") and out.endswith("…")
    assert len(out) < 400


def test_esc_neutralises_template_literal_characters():
    assert esc("`${alert(2)}` \\x") == "&#96;&#36;{alert(2)}&#96; &#92;x"
    assert esc('"<&>') == "&quot;&lt;&amp;&gt;"


def test_popup_lists_mentions_newest_first_with_a_reader_link():
    rows = sample_rows()
    kyiv = next(p for p in group_places(rows) if p.name == "Kyiv")
    html = popup_html(kyiv, "literal")
    assert html.count("<li>") == 2
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert "Example Wire · 2025-03-12" in html
    assert f'data-cm-article="{rows[0]["article_id"]}"' in html
    assert 'data-cm-place="gn:703448"' in html
    assert "Read article" in html


def test_popup_of_a_hostile_headline_stays_text():
    row = {**sample_rows()[0], "title": '"><img src=x onerror=alert(1)>', "source": "<i>"}
    place = group_places([row])[0]
    html = popup_html(place, "literal")
    assert "<img" not in html and "<i>" not in html
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html


def test_reader_marks_every_mention_at_its_offsets():
    (article, mentions), _ = sample_articles()
    rows = [r for r in sample_rows() if r["article_id"] == article.id]
    html = reader_html(article, rows)
    assert html.count("<mark ") == len(mentions) == 4
    assert '<mark class="cm-m cm-metonym" data-i="2" title="Moscow · metonym">Moscow</mark>' \
        in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert '<a href="https://example.org/kyiv" target="_blank"' in html
    assert "Example Wire · 2025-03-12" in html


def test_reader_leaves_unplaced_mentions_unclickable_and_title_marked():
    text = "Fighting near Nowhere and Kyiv."
    article = Article(id="a1", text=text, title="Kyiv <under> fire", url="javascript:alert(1)")
    rows = [
        {"field": "title", "start": 0, "end": 4, "surface": "Kyiv", "role": "literal",
         "name": "Kyiv", "place_key": "gn:703448", "lat": 50.45, "lon": 30.52},
        {"field": "text", "start": 14, "end": 21, "surface": "Nowhere", "role": "literal",
         "name": None, "place_key": None, "lat": None, "lon": None},
        {"field": "text", "start": 0, "end": 3, "surface": "XXX", "role": "literal"},  # stale
    ]
    html = reader_html(article, rows)
    assert '<h3><mark class="cm-m cm-literal" data-i="0"' in html
    assert "&lt;under&gt;" in html
    assert '<mark class="cm-m cm-unmapped cm-literal" title="Nowhere · literal">Nowhere</mark>' \
        in html
    assert "XXX" not in html
    assert "javascript:" not in html  # only http(s) links become anchors


def test_marked_text_skips_overlapping_spans():
    rows = [(0, {"start": 4, "end": 16, "surface": "Kursk region", "role": "literal"}),
            (1, {"start": 4, "end": 9, "surface": "Kursk", "role": "literal"})]
    html = marked_text("the Kursk region", rows)
    assert html.count("<mark") == 1 and ">Kursk region</mark>" in html


def test_an_untitled_article_is_headed_by_its_opening_words_as_text():
    """No title: the reader's heading is the first sentence in quotation marks, escaped, and
    the text below is still the whole text."""
    text = "<b>Rebels</b> took Kidal on Monday. The army left."
    html = reader_html(Article(id="x", text=text), [])
    assert "<h3>“&lt;b&gt;Rebels&lt;/b&gt; took Kidal on Monday.”</h3>" in html
    assert "<b>" not in html and "The army left." in html
