"""`coursegen package scorm12`: the zip's manifest, its files, and where it may be written."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest

from generator.model.load import load_course
from generator.publish.manifest import ADLCP, IMSCP
from generator.publish.scorm12 import PackageError, package_name, package_scorm12
from generator.read.problems import CourseError

REPO = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "quizcourse"
NS = {"cp": IMSCP, "adlcp": ADLCP}
ONE_MB = 1024 * 1024


@pytest.fixture(scope="module")
def fixture_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return package_scorm12(FIXTURE / "mkdocs.yml", tmp_path_factory.mktemp("dist")).path


def manifest_of(path: Path) -> ET.Element:
    with zipfile.ZipFile(path) as archive:
        return ET.fromstring(archive.read("imsmanifest.xml"))


def test_the_zip_is_named_for_the_course_and_its_version(fixture_zip: Path) -> None:
    assert fixture_zip.name == "quizcourse-1.0-scorm12.zip"
    assert package_name("c", "2.0 beta/1") == "c-2.0_beta_1-scorm12.zip"


def test_the_manifest_is_scorm_1_2_with_one_organization_item_and_sco(fixture_zip: Path) -> None:
    with zipfile.ZipFile(fixture_zip) as archive:
        raw = archive.read("imsmanifest.xml")
    assert raw.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(raw)
    assert root.tag == f"{{{IMSCP}}}manifest"
    assert root.findtext("cp:metadata/cp:schema", namespaces=NS) == "ADL SCORM"
    assert root.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"
    organizations = root.find("cp:organizations", NS)
    assert organizations is not None
    (organization,) = organizations.findall("cp:organization", NS)
    assert organizations.get("default") == organization.get("identifier")
    assert organization.findtext("cp:title", namespaces=NS) == "Quiz runtime course"
    (item,) = organization.findall("cp:item", NS)
    assert item.findtext("cp:title", namespaces=NS) == "Quiz runtime course"
    # The final check has no pass mark of its own: the course's, 70.
    assert item.findtext("adlcp:masteryscore", namespaces=NS) == "70"
    (resource,) = root.findall("cp:resources/cp:resource", NS)
    assert item.get("identifierref") == resource.get("identifier")
    assert resource.get("type") == "webcontent"
    assert resource.get(f"{{{ADLCP}}}scormtype") == "sco"
    assert resource.get("href") == "launch.html"


def test_every_file_in_the_zip_is_listed_and_every_listed_file_is_in_the_zip(fixture_zip: Path) -> None:
    listed = [unquote(f.get("href") or "") for f in manifest_of(fixture_zip).iterfind(".//cp:file", NS)]
    with zipfile.ZipFile(fixture_zip) as archive:
        names = archive.namelist()
    assert len(listed) == len(set(listed))
    assert set(listed) == set(names) - {"imsmanifest.xml"}
    assert names[0] == "imsmanifest.xml"
    assert "launch.html" in listed and "index.html" in listed


def test_pages_are_files_and_every_page_reports(fixture_zip: Path) -> None:
    with zipfile.ZipFile(fixture_zip) as archive:
        names = set(archive.namelist())
        home = archive.read("index.html").decode()
        lesson = archive.read("first/opening-calls.html").decode()
    assert "first/opening-calls/index.html" not in names
    assert not any(name.endswith(".map") or name.endswith(".coursegen-output") for name in names)
    assert {"assets/coursegen/report.js", "assets/coursegen/scorm-launch.js"} <= names
    for page in (home, lesson):
        assert 'class="cg-rep"' in page and "assets/coursegen/report.js" in page
    assert 'href="second/closing-calls.html"' in home


def test_the_manifest_and_launch_page_escape_what_the_course_says(tmp_path: Path, course_copy: Path) -> None:
    outline = course_copy / "course" / "course.yaml"
    title = "Ties & <Trust> \"quoted\" 'too'"
    outline.write_text(
        outline.read_text().replace("title: Quiz runtime course", f"title: '{title.replace(chr(39), chr(39) * 2)}'")
    )
    made = package_scorm12(course_copy / "mkdocs.yml", tmp_path / "dist")
    root = manifest_of(made.path)
    assert root.findtext(".//cp:organization/cp:title", namespaces=NS) == title
    with zipfile.ZipFile(made.path) as archive:
        launch = archive.read("launch.html").decode()
    assert "<title>Ties &amp; &lt;Trust&gt; &#34;quoted&#34; &#39;too&#39;</title>" in launch
    assert "<Trust>" not in launch


def test_a_file_coursegen_did_not_write_is_never_replaced(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    dist.mkdir()
    theirs = dist / "quizcourse-1.0-scorm12.zip"
    theirs.write_bytes(b"someone else's file")
    with pytest.raises(PackageError, match="was not written by coursegen"):
        package_scorm12(FIXTURE / "mkdocs.yml", dist)
    assert theirs.read_bytes() == b"someone else's file"
    assert sorted(p.name for p in dist.iterdir()) == [theirs.name]
    # Coursegen's own zip is replaced, through a staging file that does not stay behind.
    theirs.unlink()
    first = package_scorm12(FIXTURE / "mkdocs.yml", dist)
    again = package_scorm12(FIXTURE / "mkdocs.yml", dist)
    # Beside it, its Content-Security-Policy (engines/csp.py), replaced the same way.
    policy = "quizcourse-1.0-scorm12.csp.txt"
    assert first.path == again.path and sorted(p.name for p in dist.iterdir()) == [policy, theirs.name]


def test_a_course_with_problems_writes_nothing(tmp_path: Path, course_copy: Path) -> None:
    outline = course_copy / "course" / "course.yaml"
    outline.write_text(outline.read_text().replace("final_assessment: final-check", "final_assessment: no-such-quiz"))
    with pytest.raises(CourseError):
        package_scorm12(course_copy / "mkdocs.yml", tmp_path / "dist")
    assert not (tmp_path / "dist").exists()


def _package_command(out: Path) -> subprocess.CompletedProcess[str]:
    """`coursegen package scorm12` on the fixture course, as a trainer runs it."""
    return subprocess.run(
        [sys.executable, "-m", "generator", "package", "scorm12", "-f", str(FIXTURE / "mkdocs.yml"), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_command_writes_the_zip_and_says_where(tmp_path: Path) -> None:
    result = _package_command(tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"wrote {tmp_path / 'quizcourse-1.0-scorm12.zip'} (")
    (tmp_path / "quizcourse-1.0-scorm12.zip").write_bytes(b"not ours")
    refused = _package_command(tmp_path)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.strip().endswith(
        "was not written by coursegen, so it is left alone; move it or choose another folder; nothing was written."
    )


def test_the_bundled_course_package_is_at_most_1_mb(tmp_path: Path) -> None:
    made = package_scorm12(REPO / "mkdocs.yml", tmp_path)
    course = load_course(REPO).course
    assert made.path.name == package_name(course.id, course.version)
    assert made.size <= ONE_MB, f"{made.size / 1024:.0f} KB"
    root = manifest_of(made.path)
    final = course.final_assessment
    assert final is not None
    quiz = load_course(REPO).quizzes[final]
    mark = quiz.pass_mark if quiz.pass_mark is not None else course.pass_mark
    assert root.findtext(".//adlcp:masteryscore", namespaces=NS) == str(mark)


@pytest.fixture
def course_copy(tmp_path: Path) -> Path:
    """A writable copy of the fixture course (its theme path points back at the repository's theme/)."""
    target = tmp_path / "a" / "b" / "quizcourse"
    shutil.copytree(FIXTURE, target)
    shutil.copytree(REPO / "theme", tmp_path / "theme")
    return target


@pytest.mark.parametrize("out", ["course", "course/packages", "quizzes"])
def test_a_package_is_never_written_among_the_course_s_own_files(tmp_path: Path, out: str) -> None:
    # MkDocs copies what the docs folder holds into the next site, and so into the next package.
    project = tmp_path / "quizcourse"
    shutil.copytree(FIXTURE, project)
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    result = subprocess.run(
        [sys.executable, "-m", "generator", "package", "scorm12", "-f", str(project / "mkdocs.yml"), "--out", out],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=project,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().endswith("which holds the course's own files; use --out dist; nothing was written.")
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before


def test_a_lessons_picture_is_in_the_package_where_its_page_finds_it(tmp_path: Path, course_copy: Path) -> None:
    (course_copy / "course" / "images").mkdir()
    (course_copy / "course" / "images" / "value ladder.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    lesson = course_copy / "course" / "lessons" / "opening-calls.yaml"
    lesson.write_text(
        lesson.read_text().replace(
            "body: Use the name you know, then ask an open question.",
            'body: "Use the name you know: ![The value ladder](images/value ladder.png)"',
        )
    )
    made = package_scorm12(course_copy / "mkdocs.yml", tmp_path / "dist")
    with zipfile.ZipFile(made.path) as archive:
        names = set(archive.namelist())
        page_name = next(n for n in names if n.endswith("opening-calls/index.html") or n.endswith("opening-calls.html"))
        page = archive.read(page_name).decode()
        manifest = manifest_of(made.path)
    src = page.split('alt="The value ladder"')[0].rsplit('src="', 1)[1].split('"', 1)[0]
    found = unquote(str(Path(page_name).parent / src))
    resolved = Path("/", found).resolve().as_posix().lstrip("/")
    assert resolved == "images/value ladder.png" and resolved in names
    listed = {unquote(f.get("href", "")) for f in manifest.iter(f"{{{IMSCP}}}file")}
    assert resolved in listed
