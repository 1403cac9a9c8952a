"""The SCORM package's launch page: the LMS opens it; it holds the session and frames the course.

Its script is the runtime's scorm-launch.js (generator/assets/src/): it finds the LMS's API,
starts the session and shows the course's home page in the frame; opened without an LMS it goes
on to the ordinary site.
"""

from __future__ import annotations

from markupsafe import escape

from generator.pages.urls import ASSETS_DIR

LAUNCH = "launch.html"
HOME = "index.html"


def launch_page(*, course_id: str, version: str, title: str, language: str) -> str:
    """launch.html, every value escaped."""
    return (
        "<!doctype html>\n"
        f'<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        "<style>html,body{margin:0;height:100%;overflow:hidden}"
        "iframe{display:block;border:0;width:100%;height:100%}</style>\n"
        "</head>\n"
        f'<body data-c="{escape(course_id)}" data-v="{escape(version)}">\n'
        f'<iframe title="{escape(title)}" data-src="{HOME}"></iframe>\n'
        f'<script type="module" src="{ASSETS_DIR}/scorm-launch.js"></script>\n'
        "</body>\n</html>\n"
    )
