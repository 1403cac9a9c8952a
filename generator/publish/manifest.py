"""imsmanifest.xml for a SCORM 1.2 package: IMS Content Packaging 1.1.2 with ADL's SCORM 1.2 extensions.

One organization with one item, whose one resource is the package's single SCO (the launch page)
and lists every file of the package. Every value is escaped by ElementTree: a course title or id
holding `<`, `&` or quotes stays text.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from urllib.parse import quote

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (
    f"{IMSCP} imscp_rootv1p1p2.xsd "
    "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
    f"{ADLCP} adlcp_rootv1p2.xsd"
)
MANIFEST = "imsmanifest.xml"

ET.register_namespace("", IMSCP)
ET.register_namespace("adlcp", ADLCP)
ET.register_namespace("xsi", XSI)


def xml_id(text: str) -> str:
    """`text` as an XML ID (an NCName): letters, digits, '-', '_' and '.', starting with a letter."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]", "_", text)
    return cleaned if cleaned[:1].isalpha() else f"c_{cleaned}"


def file_href(path: str) -> str:
    """A package path as a manifest href: a relative URI, so a space or '#' is percent-encoded."""
    return quote(path, safe="/-._~")


def scorm12_manifest(
    *, course_id: str, version: str, title: str, launch: str, files: Iterable[str], mastery_score: int | None
) -> bytes:
    """The manifest's bytes (UTF-8, with the XML declaration)."""
    manifest = ET.Element(
        f"{{{IMSCP}}}manifest",
        {
            "identifier": xml_id(f"coursegen-{course_id}-{version}"),
            "version": version,
            f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION,
        },
    )
    metadata = ET.SubElement(manifest, f"{{{IMSCP}}}metadata")
    ET.SubElement(metadata, f"{{{IMSCP}}}schema").text = "ADL SCORM"
    ET.SubElement(metadata, f"{{{IMSCP}}}schemaversion").text = "1.2"
    organizations = ET.SubElement(manifest, f"{{{IMSCP}}}organizations", {"default": "ORG-1"})
    organization = ET.SubElement(organizations, f"{{{IMSCP}}}organization", {"identifier": "ORG-1"})
    ET.SubElement(organization, f"{{{IMSCP}}}title").text = title
    item = ET.SubElement(
        organization, f"{{{IMSCP}}}item", {"identifier": "ITEM-1", "identifierref": "SCO-1", "isvisible": "true"}
    )
    ET.SubElement(item, f"{{{IMSCP}}}title").text = title
    if mastery_score is not None:
        ET.SubElement(item, f"{{{ADLCP}}}masteryscore").text = str(mastery_score)
    resources = ET.SubElement(manifest, f"{{{IMSCP}}}resources")
    resource = ET.SubElement(
        resources,
        f"{{{IMSCP}}}resource",
        {"identifier": "SCO-1", "type": "webcontent", f"{{{ADLCP}}}scormtype": "sco", "href": file_href(launch)},
    )
    for path in sorted(files):
        ET.SubElement(resource, f"{{{IMSCP}}}file", {"href": file_href(path)})
    ET.indent(manifest)
    text = ET.tostring(manifest, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")
