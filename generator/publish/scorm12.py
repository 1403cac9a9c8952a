"""`coursegen package scorm12`: the course as a SCORM 1.2 package, one zip any LMS takes.

The site is built as `coursegen build` builds it (the plugin, through MkDocs), with three
differences an LMS needs: pages are files (`use_directory_urls: false`: an LMS serves the zip's
files as they are, without index pages for folders), no `site_url` (the LMS's address is not
known, so instant navigation stays off), and the plugin's `scorm12` switch, which makes every page
report to the LMS (pages/reporting.py). Beside it go the launch page and imsmanifest.xml.

The zip is written beside its final name and renamed into place, so a failed package leaves the
previous one as it was; a file at that name that coursegen did not write is never replaced.
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.engines.csp import SitePolicy, plan_policy, policy_file, write_site_policy
from generator.engines.output import MARKER, OutputError
from generator.engines.plain_project import ConfigError, read_site_config, site_language, site_sources
from generator.engines.site_build import build_project
from generator.model.load import load_course
from generator.pages.reporting import final_pass_mark
from generator.pages.site_settings import PLUGIN_NAME
from generator.publish.launch_page import LAUNCH, launch_page
from generator.publish.manifest import MANIFEST, scorm12_manifest

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

# What the zip's comment says: the mark that lets a later package replace this file.
ZIP_COMMENT = b"Written by coursegen package scorm12"


class PackageError(ValueError):
    """A package coursegen refuses to write; the message says why and what to do."""


@dataclass(frozen=True)
class Package:
    path: Path
    files: int
    size: int  # bytes
    policy: SitePolicy  # the Content-Security-Policy its pages work under, written beside it


def package_name(course_id: str, version: str) -> str:
    """dist/'s file name for a course version: <course-id>-<version>-scorm12.zip."""
    return f"{course_id}-{re.sub(r'[^A-Za-z0-9._-]', '_', version)}-scorm12.zip"


def _check_target(target: Path) -> None:
    if target.parent.exists() and not target.parent.is_dir():
        raise PackageError(f"{target.parent} is a file, not a folder; remove it or choose another folder")
    if not target.exists():
        return
    if not target.is_file():
        raise PackageError(f"{target} is not a file; remove it or choose another folder")
    try:
        with zipfile.ZipFile(target) as existing:
            ours = existing.comment == ZIP_COMMENT
    except (zipfile.BadZipFile, OSError):
        ours = False
    if not ours:
        raise PackageError(
            f"{target} was not written by coursegen, so it is left alone; move it or choose another folder"
        )


def _build_for_lms(config_file: Path, site: Path) -> None:
    """Build the course's site into `site` for the package, through the plugin and MkDocs."""

    def for_lms(config: MkDocsConfig) -> None:
        config.site_url = None
        plugin = config.plugins.get(PLUGIN_NAME)
        if plugin is None:
            raise PackageError(
                f"{config_file.name}: the coursegen plugin is not in `plugins`; add it as `coursegen build` needs"
            )
        plugin.config["scorm12"] = True

    build_project(config_file, site, configure=for_lms, use_directory_urls=False, strict=True)


# Material's search ships word splitters and stemmers for every language it knows (the Thai one
# alone is 150 KB zipped), and source maps for its scripts: a package takes only its own
# language's, and no source map (a browser fetches one only for its developer tools).
_LUNR = "assets/javascripts/lunr/"
_SEGMENTERS = {"wordcut.js": "th", "tinyseg.js": "ja"}


def _needed(path: str, language: str) -> bool:
    if path.endswith(".map") or Path(path).name == MARKER:
        return False
    if not path.startswith(_LUNR):
        return True
    name = path.rsplit("/", 1)[-1]
    if name in _SEGMENTERS:
        return _SEGMENTERS[name] == language
    own = re.fullmatch(r"lunr\.([a-z]{2})\.min\.js", name)
    return own is None or own.group(1) == language


def site_files(site: Path, language: str) -> list[str]:
    """The built site's files a package takes, as package paths."""
    paths = (p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    return sorted(path for path in paths if _needed(path, language))


def package_scorm12(config_file: Path, dist: Path) -> Package:
    """Validate the course, build it and write dist/<course-id>-<version>-scorm12.zip.

    Raises CourseError for a course with problems and PackageError for a target it may not
    replace, both before anything is written.
    """
    project = config_file.resolve().parent
    bundle = load_course(project)
    course = bundle.course
    config = read_site_config(config_file)
    language = site_language(config, bundle)
    target = (dist / package_name(course.id, course.version)).resolve()
    # The zip must not land among the course's own files: MkDocs copies what docs_dir holds into
    # the next site, and so into the next package.
    for source in site_sources(project, config)[0]:
        if target.parent.is_relative_to(source.resolve()):
            raise PackageError(
                f"{target.parent} is inside {source}, which holds the course's own files; use --out dist"
            )
    _check_target(target)
    try:
        policy_plan = plan_policy(config_file, policy_file(target))
    except (ConfigError, OutputError) as exc:
        raise PackageError(str(exc)) from None
    with tempfile.TemporaryDirectory(prefix="coursegen-scorm12-") as work:
        site = Path(work) / "site"
        _build_for_lms(config_file, site)
        (site / LAUNCH).write_text(
            launch_page(course_id=course.id, version=course.version, title=course.title, language=language),
            encoding="utf-8",
        )
        files = site_files(site, language.split("-")[0])
        manifest = scorm12_manifest(
            course_id=course.id,
            version=course.version,
            title=course.title,
            launch=LAUNCH,
            files=files,
            mastery_score=final_pass_mark(bundle),
        )
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = target.with_name(f".{target.name}.new-{os.getpid()}")
        try:
            with zipfile.ZipFile(staging, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
                archive.comment = ZIP_COMMENT
                archive.writestr(MANIFEST, manifest)
                for name in files:
                    archive.write(site / name, name)
            os.replace(staging, target)
        except BaseException:
            staging.unlink(missing_ok=True)
            raise
        # The LMS serves the package's files: the policy is for its administrator, beside the zip.
        policy = write_site_policy(policy_plan, site, policy_file(target), files=files)
    return Package(path=target, files=len(files) + 1, size=target.stat().st_size, policy=policy)
