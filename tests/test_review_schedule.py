"""The review schedule's rules (assets/src/schedule.js) and the reminders' calendar (assets/src/ics.js).

Both are pure modules: tests/js/schedule_test.mjs checks their rules in Node, in Berlin's timezone
so that the days counted cross a change of the clocks; here a calendar they make is read back by
icalendar, an RFC 5545 parser, as a calendar application would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

import icalendar
import pytest

REPO = Path(__file__).resolve().parent.parent


def node(*args: str) -> subprocess.CompletedProcess[bytes]:
    """Node's output as bytes: text mode would turn the calendar's CRLFs into LFs."""
    binary = shutil.which("node")
    if binary is None:
        pytest.fail("node is missing: the runtime's build (npm) needs it too")
    return subprocess.run(
        [binary, *args], cwd=REPO, env={**os.environ, "TZ": "Europe/Berlin"}, capture_output=True, timeout=60
    )


def test_the_schedule_rules_hold_in_node() -> None:
    result = node("--test", "tests/js/schedule_test.mjs")
    assert result.returncode == 0, (result.stdout[-3000:] + result.stderr[-2000:]).decode()


CALENDAR = """
import { reviewCalendar } from './generator/assets/src/ics.js'
import { dayText } from './generator/assets/src/schedule.js'
const day = Math.round(Date.UTC(2026, 2, 30) / 864e5)
process.stdout.write(reviewCalendar({
  course: 'quizcourse',
  title: 'Révision : Überzeugen ohne Druck, Schritt für Schritt — ein langer Titel für das Falten',
  description: 'Une courte révision est à faire; ouvrez-la ici :',
  url: 'https://intranet.example.com/training/review/',
  reviews: [
    { day, objectives: ['agree-next-step'], boxes: [1] },
    { day: day + 7, objectives: ['open-warmly', 'listen-first'], boxes: [2, 1] },
  ],
  now: Date.UTC(2026, 2, 28, 9, 0),
  date: (d) => dayText(d),
}))
"""


def test_the_calendar_parses_as_rfc_5545() -> None:
    result = node("--input-type=module", "-e", CALENDAR)
    assert result.returncode == 0, result.stderr.decode()
    raw = result.stdout
    assert raw.endswith(b"END:VCALENDAR\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    assert [e.decoded("DTSTART") for e in events] == [date(2026, 3, 30), date(2026, 4, 6)]
    assert [e.decoded("DTEND") for e in events] == [date(2026, 3, 31), date(2026, 4, 7)]
    assert str(events[0]["SUMMARY"]).startswith("Révision : Überzeugen ohne Druck, Schritt")
    assert str(events[0]["DESCRIPTION"]).endswith("; ouvrez-la ici : https://intranet.example.com/training/review/")
    assert len({str(e["UID"]) for e in events}) == 2
    assert all(str(a["ACTION"]) == "DISPLAY" for e in events for a in e.walk("VALARM"))
    assert events[0]["DTSTAMP"].dt.isoformat() == "2026-03-28T09:00:00+00:00"
