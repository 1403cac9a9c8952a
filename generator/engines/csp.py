"""The Content-Security-Policy a built site works under, computed from its HTML after the build.

Intranet portals and LMSs serve content under a strict policy. Every script and stylesheet the
site loads is its own file ('self'); what the theme writes inline into the pages (Material's and
Zensical's few lines that read the saved palette and the page's scope) is allowed by its sha256,
taken from the built HTML, so no engine or theme version can slip in an inline script the policy
has not seen. Inline event handlers and `javascript:` URLs cannot be allowed by a hash at all
(only by 'unsafe-hashes' or 'unsafe-inline'): a site holding one is reported, not waved through.

The policy goes into a file *beside* the site folder (`site.csp.txt` for `site/`, and
`<package>.csp.txt` beside a SCORM zip), never inside it: the folder is what gets copied to the web
server, and a file there would be served to anyone who asks for it; the policy is configuration
for the server, which the README shows for nginx, Apache and IIS.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from generator.engines.output import OutputError
from generator.engines.plain_project import ConfigError, plugin_options, read_site_config
from generator.pages.site_settings import CspSettings, SettingError

HEADER = "# Content-Security-Policy written by coursegen"
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_STYLE = re.compile(r"<style\b[^>]*>(.*?)</style\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?>", re.DOTALL)
_HANDLER = re.compile(r"""\s(on[a-z]+)\s*=""", re.IGNORECASE)
_JS_URL = re.compile(r"""\s(?:href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)
_STYLE_ATTRIBUTE = re.compile(r"""\sstyle\s*=""", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
# Script types a browser runs (anything else, such as the theme's application/json config, is data).
_RUN = {"", "module", "text/javascript", "application/javascript"}
_ZENSICAL = re.compile(r'<meta name="generator" content="zensical', re.IGNORECASE)
# Zensical's theme (zensical-ui 0.0.42, with Zensical 0.1.2) opens its search dialog in a shadow
# root and puts a <style> element there from its script: the text is not in any page, so no hash
# computed from the built HTML can allow it, and the search box would be unstyled without it.
ZENSICAL_STYLES = "Zensical's search dialog adds a <style> element from its script (zensical-ui)"


@dataclass(frozen=True)
class SitePolicy:
    policy: str  # the header's value, one line
    problems: list[str]  # what no hash can allow: inline event handlers, javascript: URLs
    why_unsafe_inline: str | None  # why style-src needs 'unsafe-inline', when it does


def _digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def site_policy(
    site: Path, settings: CspSettings, *, lrs: str | None = None, files: Iterable[str] | None = None
) -> SitePolicy:
    """The policy for the built `site` (its HTML files, or `files` of it), with `lrs` (the xAPI
    endpoint, if any) allowed to be sent to."""
    scripts: set[str] = set()
    styles: set[str] = set()
    attributes: list[str] = []
    problems: list[str] = []
    zensical = False
    pages = sorted(site.rglob("*.html")) if files is None else [site / f for f in files if f.endswith(".html")]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        where = page.relative_to(site).as_posix()
        zensical = zensical or bool(_ZENSICAL.search(html))
        for match in _SCRIPT.finditer(html):
            attrs, body = match.groups()
            kind = _TYPE.search(attrs)
            if "src=" not in attrs.lower() and (kind.group(1).lower() if kind else "") in _RUN:
                scripts.add(_digest(body))
        styles.update(_digest(body) for body in _STYLE.findall(html))
        for tag in _TAG.finditer(_SCRIPT.sub("", html)):
            text = tag.group(0)
            handler = _HANDLER.search(text)
            if handler:
                problems.append(f"{where}: an inline event handler ({handler.group(1)}) that no policy hash allows")
            if _JS_URL.search(text):
                problems.append(f"{where}: a javascript: URL that no policy hash allows")
            if _STYLE_ATTRIBUTE.search(text) and not attributes:
                attributes.append(where)
    why = None
    if zensical:
        why = ZENSICAL_STYLES
        style_src = "'self' 'unsafe-inline'"
    elif attributes:
        # A style="" attribute can only be allowed by 'unsafe-inline' in every browser ('unsafe-hashes'
        # is not in all of them); with 'unsafe-inline' present, hashes would switch it off again.
        why = f"{attributes[0]} (and maybe others) has style attributes, which only 'unsafe-inline' allows"
        style_src = "'self' 'unsafe-inline'"
    else:
        style_src = " ".join(["'self'", *sorted(styles)])
    connect = ["'self'"]
    if lrs:
        parts = urlsplit(lrs)
        connect.append(f"{parts.scheme}://{parts.netloc}")
    connect += [o for o in settings.connect_src if o not in connect]
    directives = [
        "default-src 'self'",
        "script-src " + " ".join(["'self'", *sorted(scripts)]),
        f"style-src {style_src}",
        "img-src 'self' data:",
        "connect-src " + " ".join(connect),
        "frame-ancestors " + " ".join(settings.frame_ancestors),
        "base-uri 'self'",
        "form-action 'self'",
    ]
    return SitePolicy("; ".join(directives), problems, why)


def policy_file(site_or_package: Path) -> Path:
    """Where the policy of a site folder or package goes: beside it, not inside it (module docstring)."""
    return site_or_package.with_name(site_or_package.name.removesuffix(".zip") + ".csp.txt")


class PolicyFileError(OutputError):
    """The policy's file exists and coursegen did not write it; the message says what to do."""


def check_policy_file(path: Path) -> None:
    """PolicyFileError unless `path` is free or a policy coursegen wrote (checked before a build)."""
    if path.is_dir() or (path.exists() and not path.read_text(encoding="utf-8", errors="replace").startswith(HEADER)):
        raise PolicyFileError(f"{path} was not written by coursegen, so it is left alone; move it away")


@dataclass(frozen=True)
class PolicyPlan:
    """What a build needs to write its site's policy: checked before the build, used after it."""

    settings: CspSettings
    lrs: str | None  # the xAPI endpoint, if the site sends to a fixed LRS


def plan_policy(config_file: Path, path: Path) -> PolicyPlan:
    """The project's csp settings and the policy file's place, checked: ConfigError or PolicyFileError."""
    try:
        options = plugin_options(read_site_config(config_file))
    except SettingError as exc:
        raise ConfigError(str(exc)) from None
    check_policy_file(path)
    endpoint = options.reporting.xapi_endpoint if options.reporting else None
    return PolicyPlan(options.csp, endpoint)


def write_site_policy(plan: PolicyPlan, site: Path, path: Path, *, files: Iterable[str] | None = None) -> SitePolicy:
    """Compute the policy of the built `site` and write it to `path`."""
    policy = site_policy(site, plan.settings, lrs=plan.lrs, files=files)
    write_policy(path, policy, what=path.name.removesuffix(".csp.txt"))
    return policy


def write_policy(path: Path, policy: SitePolicy, *, what: str) -> None:
    """Write `policy` to `path` (a file coursegen wrote before, or a new one), whole or not at all."""
    check_policy_file(path)
    lines = [f"{HEADER} for {what}.", "# Send the last line as the HTTP header; README: Content-Security-Policy."]
    if policy.why_unsafe_inline:
        lines.append(f"# style-src has 'unsafe-inline': {policy.why_unsafe_inline}.")
    lines += [f"# not allowed by it: {problem}" for problem in policy.problems]
    staging = path.with_name(f".{path.name}.new-{os.getpid()}")
    staging.write_text("\n".join([*lines, policy.policy]) + "\n", encoding="utf-8")
    os.replace(staging, path)


def read_policy(path: Path) -> str:
    """The header's value from a policy file write_policy wrote."""
    return path.read_text(encoding="utf-8").splitlines()[-1]
