from __future__ import annotations

import pytest

from generator.read.problems import SourceError
from generator.read.yaml_source import Mark, parse_text


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
