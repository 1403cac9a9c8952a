"""engines/csp.py: the Content-Security-Policy computed from a built site's HTML, and where the
build writes it (the browser test that serves sites under it is tests/browser/test_csp.py)."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest
from test_build import snapshot
from test_output_safety import invoke

from generator.engines.csp import policy_file, read_policy, site_policy
from generator.pages.site_settings import CspSettings, csp_settings


def sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def page(site: Path, path: str, html: str) -> None:
    (site / path).parent.mkdir(parents=True, exist_ok=True)
    (site / path).write_text(html, encoding="utf-8")


def directives(policy: str) -> dict[str, str]:
    return dict(d.split(" ", 1) for d in policy.split("; "))


def test_every_inline_script_and_style_is_hashed_and_data_scripts_are_not(tmp_path: Path) -> None:
    page(tmp_path, "index.html", '<script>var a=1</script><script type="module">b()</script><style>p{}</style>')
    page(tmp_path, "a/index.html", '<script id="__config" type="application/json">{"base": ".."}</script>')
    page(tmp_path, "b.html", '<script src="x.js"></script><script>\nvar a=1</script>')
    result = site_policy(tmp_path, CspSettings())
    found = directives(result.policy)
    assert found["script-src"] == " ".join(["'self'", *sorted([sha("var a=1"), sha("b()"), sha("\nvar a=1")])])
    assert found["style-src"] == f"'self' {sha('p{}')}"
    assert found["default-src"] == "'self'" and found["img-src"] == "'self' data:"
    assert found["connect-src"] == "'self'" and found["frame-ancestors"] == "'self'"
    assert result.problems == [] and result.why_unsafe_inline is None


def test_inline_handlers_and_javascript_urls_are_reported_and_style_attributes_need_unsafe_inline(
    tmp_path: Path,
) -> None:
    page(tmp_path, "index.html", '<button onclick="go()">Go</button><a href="javascript:go()">x</a>')
    page(tmp_path, "s.html", '<p style="color:red">x</p><style>p{}</style><script>if (a<b) x.onclick = 1</script>')
    result = site_policy(tmp_path, CspSettings())
    assert result.problems == [
        "index.html: an inline event handler (onclick) that no policy hash allows",
        "index.html: a javascript: URL that no policy hash allows",
    ]
    assert directives(result.policy)["style-src"] == "'self' 'unsafe-inline'"  # hashes would switch it off
    assert result.why_unsafe_inline and "s.html" in result.why_unsafe_inline


def test_zensical_s_theme_needs_unsafe_inline_styles(tmp_path: Path) -> None:
    page(tmp_path, "index.html", '<meta name="generator" content="zensical-0.1.2"><style>p{}</style>')
    result = site_policy(tmp_path, CspSettings())
    assert directives(result.policy)["style-src"] == "'self' 'unsafe-inline'"
    assert result.why_unsafe_inline and "Zensical" in result.why_unsafe_inline


def test_the_lrs_and_the_lms_come_from_the_settings(tmp_path: Path) -> None:
    page(tmp_path, "index.html", "<p>x</p>")
    settings = csp_settings(
        {"csp": {"frame_ancestors": ["'self'", "https://lms.example.com"], "connect_src": ["https://lrs2.example.org"]}}
    )
    found = directives(site_policy(tmp_path, settings, lrs="https://lrs.example.org:8443/xapi/").policy)
    assert found["connect-src"] == "'self' https://lrs.example.org:8443 https://lrs2.example.org"
    assert found["frame-ancestors"] == "'self' https://lms.example.com"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ({"frame_ancestor": ["https://a.example"]}, "frame_ancestor: Extra inputs are not permitted"),
        ({"frame_ancestors": "https://a.example"}, "frame_ancestors: Input should be a valid list"),
        ({"frame_ancestors": ["https://a.example/path"]}, "'https://a.example/path' is not an origin"),
        ({"connect_src": ["self"]}, "'self' is not an origin"),
    ],
)
def test_wrong_settings_are_one_plain_line(value: object, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        csp_settings({"csp": value})
    text = str(caught.value)
    assert "\n" not in text and message in text, text


def test_build_writes_the_policy_beside_the_site_and_says_where(mini: Path) -> None:
    code, lines = invoke(mini, "build", "--engine", "mkdocs")
    assert code == 0, lines
    written = policy_file(mini / "site")
    assert written == mini / "site.csp.txt"
    assert f"wrote its Content-Security-Policy to {written} (send it as an HTTP header: README)" in lines
    assert directives(read_policy(written))["script-src"].startswith("'self' 'sha256-")
    assert not list((mini / "site").rglob("*.csp.txt"))


def test_a_policy_file_coursegen_did_not_write_is_left_alone_before_anything_is_built(mini: Path) -> None:
    (mini / "site.csp.txt").write_text("my notes")
    before = snapshot(mini)
    code, lines = invoke(mini, "build", "--engine", "mkdocs")
    assert code == 1
    assert lines == [
        f"error: {mini / 'site.csp.txt'} was not written by coursegen, so it is left alone; move it away; "
        "nothing was written."
    ]
    assert snapshot(mini) == before


def test_wrong_csp_settings_stop_the_build_before_anything_is_written(mini: Path) -> None:
    config = mini / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - coursegen", "  - coursegen:\n      csp: {frame_ancestors: [lms]}")
    )
    code, lines = invoke(mini, "build", "--engine", "mkdocs")
    assert code == 1 and not (mini / "site").exists()
    assert lines == [
        "error: mkdocs.yml: plugins.coursegen.csp: 'lms' is not an origin; write it as https://lms.example.com "
        "(or 'self'); nothing was written."
    ]
