"""Where Chromium put elements when it printed a page to PDF: page number and height on the page.

Chromium writes a PDF named destination for every element that a link in the document points
to (`<a href="#id">`), at the top of that element's box on the page it landed on. A test that
adds hidden links to the elements it cares about (display: none changes no layout) reads their
places from the PDF's /Dests dictionary: Chromium's own pagination, not a model of it.
Only what Chromium writes is read: uncompressed objects, a /Dests dictionary, the /Pages tree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)\s*endobj", re.S)
_ROOT_PAGES = re.compile(rb"/Type\s*/Catalog\b.*?/Pages\s+(\d+) 0 R", re.S)
_KIDS = re.compile(rb"/Kids\s*\[([^\]]*)\]")
_DESTS = re.compile(rb"/Dests\s+(\d+) 0 R")
_DEST = re.compile(rb"/([^\s/\[]+)\s*\[\s*(\d+) 0 R\s*/XYZ\s+([-\d.]+)\s+([-\d.]+)")
_MEDIA_BOX = re.compile(rb"/MediaBox\s*\[\s*[-\d.]+\s+[-\d.]+\s+([-\d.]+)\s+([-\d.]+)\s*\]")


@dataclass(frozen=True)
class Place:
    page: int  # from 1
    top: float  # points from the top of the page to the element's top


def _unname(raw: bytes) -> str:
    # A PDF name writes unusual bytes as #xx.
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw).decode("utf-8")


def _leaves(objects: dict[int, bytes], node: int) -> list[int]:
    """The page objects under a node of the page tree, in order (long documents nest /Pages)."""
    kids = _KIDS.search(objects[node])
    if kids is None or re.search(rb"/Type\s*/Page\b(?!s)", objects[node]):
        return [node]
    return [leaf for kid in re.findall(rb"(\d+) 0 R", kids.group(1)) for leaf in _leaves(objects, int(kid))]


def places(pdf: bytes) -> dict[str, Place]:
    """Every named destination of a Chromium PDF, by element id."""
    objects = {int(number): body for number, body in _OBJECT.findall(pdf)}
    root = _ROOT_PAGES.search(pdf)
    assert root, "the PDF has no page tree"
    pages = _leaves(objects, int(root.group(1)))
    dests_ref = _DESTS.search(pdf)
    if not dests_ref:
        return {}
    found: dict[str, Place] = {}
    for name, page_obj, _, y in _DEST.findall(objects[int(dests_ref.group(1))]):
        box = _MEDIA_BOX.search(objects[int(page_obj)])
        assert box, f"page object {page_obj!r} has no MediaBox"
        found[_unname(name)] = Place(pages.index(int(page_obj)) + 1, round(float(box.group(2)) - float(y), 2))
    return found
