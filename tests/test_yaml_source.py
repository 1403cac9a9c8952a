from __future__ import annotations

from pathlib import Path

import pytest

from generator.read.problems import SourceError
from generator.read.yaml_source import Mark, parse_text, read_document


def test_yaml_12_scalars() -> None:
    doc = parse_text("a: no\nb: on\nc: 0o17\nd: 1_000\ne: 1.5\nf: ~\ng: True\nh: '1'\ni: 2024-01-01\n", "f.yaml")
    assert doc.data == {
        "a": "no",
        "b": "on",
        "c": 15,
        "d": "1_000",
        "e": 1.5,
        "f": None,
        "g": True,
        "h": "1",
        "i": "2024-01-01",
    }


def test_positions_of_keys_and_values() -> None:
    doc = parse_text("top:\n  - name: x\n    list: [1, 2]\n", "f.yaml")
    assert doc.values[("top", 0, "name")] == Mark(2, 11)
    assert doc.keys[("top", 0, "list")] == Mark(3, 5)
    assert doc.values[("top", 0, "list", 1)] == Mark(3, 15)
    assert doc.mark_for(("top", 0, "missing")) == Mark(2, 5)


def test_aliases_within_limits_are_expanded() -> None:
    doc = parse_text("a: &x {k: v}\nb: *x\n", "f.yaml")
    assert doc.data == {"a": {"k": "v"}, "b": {"k": "v"}}


@pytest.mark.parametrize("text", ["a: !!binary aGk=\n", "a: !!set {x}\n", "a: !custom 1\n", "? [a]\n: b\n"])
def test_anything_but_plain_data_is_refused(text: str) -> None:
    with pytest.raises(SourceError):
        parse_text(text, "f.yaml")


def problem(text: str) -> str:
    with pytest.raises(SourceError) as caught:
        parse_text(text, "f.yaml")
    return str(caught.value.problem)


LONG = "this number is longer than 1,000 digits; shorten it, or put it in quotes if it is text"


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: " + "1" * 5000 + "\n",  # more digits than Python reads: was a ValueError
        "a: 1\nb: -" + "9" * 1001 + "\n",
        "a: 1\nb: 0x" + "f" * 900 + "\n",  # read, but more digits than Python writes in a message
    ],
)
def test_a_number_too_long_to_read_is_a_located_problem(text: str) -> None:
    assert problem(text) == f"f.yaml:2:4: {LONG}"


def test_long_numbers_within_the_limit_are_read() -> None:
    assert parse_text("a: " + "9" * 1000, "f.yaml").data == {"a": 10**1000 - 1}
    assert parse_text("a: " + "0" * 5000 + "7", "f.yaml").data == {"a": 7}


@pytest.mark.parametrize(
    ("text", "value", "tag"),
    [("a: !!int abc", "abc", "!!int"), ("a: !!float x", "x", "!!float"), ("a: !!bool yes", "yes", "!!bool")],
)
def test_a_tag_on_a_value_not_written_its_way_is_a_located_problem(text: str, value: str, tag: str) -> None:
    # `!!int abc` was a ValueError; `!!bool yes` was read as false.
    message = f"'{value}' is not a {tag} value; remove the tag, or write the value YAML 1.2's way"
    assert problem(text) == f"f.yaml:1:4: {message}"


def test_core_tags_on_values_written_their_way_are_read() -> None:
    assert parse_text("a: !!int 0x1F\nb: !!float 5\nc: !!bool True\nd: !!str 5\n", "f.yaml").data == {
        "a": 31,
        "b": 5.0,
        "c": True,
        "d": "5",
    }


def test_a_control_character_is_a_located_problem() -> None:
    # libyaml reports it at a byte offset, without a line; a trainer needs line and column.
    message = "the character U+0000 is not allowed in YAML; delete it (an editor may show it as a box, or not at all)"
    assert problem("a: b\nc: \u00e9\x00d\n") == f"f.yaml:2:5: {message}"


def test_a_folder_named_like_a_yaml_file_is_a_located_problem(tmp_path: Path) -> None:
    (tmp_path / "old.yaml").mkdir()
    with pytest.raises(SourceError) as caught:
        read_document(tmp_path / "old.yaml", "quizzes/old.yaml")
    assert str(caught.value.problem) == (
        "quizzes/old.yaml:1:1: this is a folder, not a file; rename it so that its name does not end in .yaml"
    )


@pytest.mark.parametrize(
    ("text", "where_cut"),
    [
        ("prompt: only the #2 supplier\n", [(1, 18)]),
        ("items:\n  - Names matter #1 rule\n", [(2, 18)]),
        ("a:\n  - prompt: only the\n      #2 supplier\n", [(3, 7)]),
        # Comments written as comments: `# ` with a space, a commented-out key, a number's comment.
        ("prompt: only the  # say it kindly\n", []),
        ("a:\n  - text: Hi\n    #feedback: later\n", []),
        ("minutes: 6 #x\n", []),
        ('prompt: "only the #2 supplier"\n', []),
        ("prompt: |\n  only the #2 supplier\n", []),
    ],
)
def test_a_hash_that_cut_a_text_value_is_found(text: str, where_cut: list[tuple[int, int]]) -> None:
    doc = parse_text(text, "f.yaml")
    assert [(p.line, p.column) for p in doc.cut] == where_cut
    assert all("was read as a YAML comment" in p.message for p in doc.cut)


def test_an_empty_key_is_not_taken_for_one_indented_with_a_no_break_space() -> None:
    # Found by test_properties: "" is in every string, so an empty key once failed the check.
    assert parse_text("?", "f.yaml").data == {"": None}
    with pytest.raises(SourceError, match="indented with a no-break space"):
        parse_text("a:\n  b: 1\n  \u00a0c: 2\n", "f.yaml")
