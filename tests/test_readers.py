"""Readers: one Article per record, text kept exactly, one clear problem per bad file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.errors import IngestError
from geo.geoparse.dateline import detect_dateline
from geo.io.readers import iter_records, read_articles, split_headline
from geo.models import Article, article_id

DATA = Path(__file__).parent / "data"


def _one(path: Path) -> Article:
    found = read_articles(path)
    assert len(found) == 1
    return found[0]


def test_seed_headline_section_and_dateline(seed):
    article = _one(seed)
    assert article.title == (
        "Putin Visits Kursk as Troops Target Remaining Ukrainian Forces Amid Ceasefire Talks")
    assert article.dateline == "KYIV, Ukraine"
    assert article.text.startswith("KYIV, Ukraine — Russian President Vladimir Putin visited")
    assert article.text.endswith("potential diplomatic solutions.")
    assert "World" not in article.text.split("\n")[0]
    assert article.id == article_id(article.text)
    assert article.path == str(seed)
    assert (article.url, article.published, article.source) == (None, None, None)


@pytest.mark.parametrize(("name", "title", "dateline", "opening"), [
    ("section_dateline.txt", "Israeli Strikes Hit Southern Lebanon as Truce Frays",
     "BEIRUT, Lebanon", "BEIRUT, Lebanon (AP) — Israeli"),
    ("reuters.txt", "Drones Strike Odesa Port Overnight", "KYIV", "KYIV (Reuters) - Russian"),
    ("plain.txt", None, None, "Fighting continued near Pokrovsk"),
    ("long_first_line.txt", None, None, "Ukraine said on Tuesday"),
])
def test_txt_fixtures(name, title, dateline, opening):
    article = _one(DATA / name)
    assert (article.title, article.dateline) == (title, dateline)
    assert article.text.startswith(opening)
    assert article.text == article.text.strip()


@pytest.mark.parametrize(("text", "expected"), [
    ("World\nHeadline Here\n\nBody.", ("World", "Headline Here", "Body.")),
    ("Middle East\nHeadline\nBody one.\nBody two.",
     ("Middle East", "Headline", "Body one.\nBody two.")),
    ("Headline Here\n\nBody.", (None, "Headline Here", "Body.")),
    ("Is This a Question?\nBody.", (None, "Is This a Question?", "Body.")),
    ("Two Words\nA first paragraph that ends in a quote.”\nMore.",
     (None, "Two Words", "A first paragraph that ends in a quote.”\nMore.")),
    ("One paragraph only, no headline", (None, None, "One paragraph only, no headline")),
    ("A sentence with a period.\nBody.", (None, None, "A sentence with a period.\nBody.")),
    ("x" * 250 + "\nBody.", (None, None, "x" * 250 + "\nBody.")),
])
def test_split_headline(text, expected):
    assert split_headline(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("KYIV, Ukraine — Russian forces", "KYIV, Ukraine"),
    ("KYIV (Reuters) - Russian forces", "KYIV"),
    ("KYIV, Ukraine (AP) — Russian forces", "KYIV, Ukraine"),
    ("BEIRUT/JERUSALEM, Oct 5 (Reuters) - Israel", "BEIRUT/JERUSALEM"),
    ("WASHINGTON, D.C. — The", "WASHINGTON, D.C."),
    ("NEW YORK -- The", "NEW YORK"),
    ("Kyiv (Reuters) - Russian", "Kyiv"),
    ("Ukraine — a country", None),
    ("Russian forces - again - attacked", None),
    ("U.S. officials — who", None),
    ("The strike on KYIV, Ukraine — ", None),
])
def test_detect_dateline(text, expected):
    assert detect_dateline(text) == expected


def test_txt_only_line_endings_bom_and_outer_space_change(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes("\ufeff\r\n  Headline\r\n\r\nKYIV, Ukraine — Body  one.\r\nBody two.\r\n\r\n"
                     .encode())
    article = _one(path)
    assert article.title == "Headline"
    assert article.text == "KYIV, Ukraine — Body  one.\nBody two."


def test_markdown_front_matter():
    article = _one(DATA / "article.md")
    assert article.title == "Talks on Black Sea Shipping Resume in Istanbul"
    assert article.url == "https://example.org/news/black-sea-talks"
    assert article.published == "2025-03-20"
    assert article.source == "Example Wire"
    assert article.dateline == "ISTANBUL"
    assert article.text.startswith("ISTANBUL — Delegations")
    assert "---" not in article.text


def test_markdown_heading_as_title(tmp_path):
    path = tmp_path / "plain.md"
    path.write_text("# Strikes on Odesa\n\nDrones hit the port.\n", encoding="utf-8")
    article = _one(path)
    assert (article.title, article.text) == ("Strikes on Odesa", "Drones hit the port.")


def test_markdown_bad_front_matter(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text("---\ntitle: ok\nurl: [unclosed\n---\nBody.\n", encoding="utf-8")
    with pytest.raises(IngestError, match="malformed YAML front matter") as info:
        read_articles(path)
    assert info.value.line is not None


def test_json_list_ignores_extra_keys():
    first, second = read_articles(DATA / "articles.json")
    assert first.title == "Power Cuts Across Kharkiv After Strikes"
    assert first.published == "2025-02-08T09:15:00+00:00"
    assert (first.url, first.source, first.dateline) == (
        "https://example.org/kharkiv-power", "Example Wire", "KHARKIV, Ukraine")
    assert first.id == article_id(first.text) != "ignored-1"
    assert (second.title, second.published, second.dateline) == (None, "2025-02-09", "MOSCOW")


def test_json_list_with_a_bad_record(tmp_path):
    path = tmp_path / "list.json"
    path.write_text('[{"text": "Kyiv."}, {"title": "No body"}, 3]', encoding="utf-8")
    good, no_text, not_object = iter_records(path)
    assert isinstance(good, Article) and good.text == "Kyiv."
    assert str(no_text) == f"{path}: record 2: no text"
    assert str(not_object) == f"{path}: record 3: expected a JSON object, not a number"


def test_json_single_object(tmp_path):
    path = tmp_path / "one.json"
    path.write_text('{"text": "Kyiv was shelled.", "published": null}', encoding="utf-8")
    assert _one(path).text == "Kyiv was shelled."


def test_jsonl_bad_records_are_yielded_with_line_numbers():
    records = list(iter_records(DATA / "articles.jsonl"))
    assert [type(r).__name__ for r in records] == [
        "Article", "IngestError", "IngestError", "Article", "IngestError"]
    errors = [r for r in records if isinstance(r, IngestError)]
    assert [e.line for e in errors] == [3, 4, 6]
    assert errors[0].problem.startswith("malformed JSON: Unterminated string")
    assert errors[1].problem == "no text"
    assert errors[2].problem.startswith("published date '13/01/2025' is not an ISO date")
    assert str(errors[0]).startswith(f"{DATA / 'articles.jsonl'}:3: malformed JSON: ")
    with pytest.raises(IngestError) as info:
        read_articles(DATA / "articles.jsonl")
    assert info.value.line == 3


def test_html_via_trafilatura():
    article = _one(DATA / "article.html")
    assert article.title == "Shelling Hits Kharkiv Suburbs"
    assert article.text.startswith("KHARKIV, Ukraine — Russian artillery struck")
    assert "Home" not in article.text and "Copyright" not in article.text
    assert article.dateline == "KHARKIV, Ukraine"
    assert article.published == "2025-03-14"
    assert article.source == "Example News"


# (file name, content, the problem as it must read)
BAD_FILES = [
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text"),
    ("empty.txt", b"", "empty file"),
    ("blank.md", b"  \n\n\t\n", "empty file"),
    ("cp1252.txt", "Kyiv — café".encode("cp1252"),
     "not UTF-8 text (byte 0x97 at offset 5)"),
    ("broken.json", b'{"text": "Kyiv",\n "title": }',
     "malformed JSON: Expecting value (line 2 column 11)"),
    ("notext.json", b'{"title": "Headline only"}', "no text"),
    ("blanktext.json", b'{"text": "   "}', "no text"),
    ("numbertext.json", b'{"text": 42}', "'text' must be a string, not a number"),
    ("scalar.json", b'"just a string"', "expected a JSON object or a list of objects, "
                                         "not a string"),
    ("baddate.json", b'{"text": "Kyiv.", "published": "yesterday"}',
     "published date 'yesterday' is not an ISO date (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS)"),
    ("notes.pdf", b"%PDF-1.4", "unsupported file type .pdf (expected .txt, .md, .json, .jsonl, "
                               ".html, .htm)"),
    ("README", b"text", "unsupported file type (no extension) (expected .txt, .md, .json, "
                        ".jsonl, .html, .htm)"),
    ("empty.html", b"<html><body></body></html>", "no text"),
]


@pytest.mark.parametrize(("name", "content", "problem"), BAD_FILES,
                         ids=[name for name, _, _ in BAD_FILES])
def test_bad_file_gives_one_clear_line(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError) as info:
        read_articles(path)
    assert info.value.problem == problem
    assert info.value.path == str(path)
    assert str(info.value).startswith(f"{path}: ")
    assert "\n" not in str(info.value)


def test_missing_file(tmp_path):
    with pytest.raises(IngestError, match="no such file or directory"):
        read_articles(tmp_path / "gone.txt")


@pytest.mark.parametrize("published", ["2025-02-30", "2025-13-01"])
def test_impossible_front_matter_date_is_one_clear_line(tmp_path, published):
    # PyYAML builds the date itself and raises ValueError, not YAMLError.
    path = tmp_path / "bad_date.md"
    path.write_text(f"---\ntitle: Talks\npublished: {published}\n---\nKyiv said.\n",
                    encoding="utf-8")
    with pytest.raises(IngestError) as info:
        read_articles(path)
    assert info.value.line == 3
    assert str(info.value).startswith(f"{path}:3: bad date in front matter: ")
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("body", [
    "<nav>menu</nav>",
    "<header><a href='/'>Home</a> <a href='/world'>World</a></header>"
    "<div class='cookie-banner'>We use cookies to improve your experience. Accept?</div>"
    "<footer>© 2025 Example News. All rights reserved.</footer>",
], ids=["nav", "header-cookies-footer"])
def test_html_without_article_body_is_no_text(tmp_path, body):
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><title>Only title</title></head><body>{body}</body></html>",
                    encoding="utf-8")
    with pytest.raises(IngestError) as info:
        read_articles(path)
    assert info.value.problem == "no text (only navigation, header, footer or banners)"


def test_html_in_declared_charset_keeps_title_and_body(tmp_path):
    body = "Российские войска продвинулись под Курском, сообщили в понедельник."
    page = ('<html><head><meta charset="windows-1251"><title>Тест</title></head><body>'
            f"<article><p>{body}</p></article></body></html>")
    path = tmp_path / "cp1251.htm"  # .htm is HTML too
    path.write_bytes(page.encode("cp1251"))
    article = _one(path)
    assert (article.title, article.text) == ("Тест", body)


def test_missing_file_without_extension_is_missing_not_unsupported(tmp_path):
    with pytest.raises(IngestError) as info:
        read_articles(tmp_path / "nosuch")
    assert info.value.problem == "no such file or directory"


def test_article_over_the_parser_limit_is_rejected_before_parsing(tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_text('{"text": "ok"}\n' + json.dumps({"text": "a" * 1_319_999}) + "\n",
                    encoding="utf-8")
    good, bad = iter_records(path)
    assert isinstance(good, Article)
    assert isinstance(bad, IngestError) and bad.line == 2
    assert bad.problem == "article too long (1,319,999 characters; limit 1,000,000)"


@pytest.mark.parametrize(("record", "problem"), [
    ({"text": "Kyiv.", "published": 20250101},
     "'published' must be an ISO date string, not a number"),
    ({"text": "Kyiv.", "title": 7}, "'title' must be a string, not a number"),
    ({"text": "Kyiv.", "source": ["a"]}, "'source' must be a string, not a list"),
])
def test_wrong_type_wording_is_the_same_for_every_field(tmp_path, record, problem):
    path = tmp_path / "typed.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    with pytest.raises(IngestError) as info:
        read_articles(path)
    assert info.value.problem == problem
