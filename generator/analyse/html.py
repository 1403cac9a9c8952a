"""The report as static HTML: an overview and one page per quiz version, readable offline.

Every plot is an inline SVG with a title and description, with its figures in a table beside it;
no script, no font or style from elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping

from jinja2 import DictLoader, Environment, select_autoescape

from generator.analyse.figures import LearnerRow, QuizFigure
from generator.analyse.flags import Flag, flag_text
from generator.analyse.plots import bars

CSS = """body{font-family:system-ui,sans-serif;max-width:72rem;margin:0 auto;padding:1rem;color:#1b1b1b;background:#fff}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}
caption{text-align:left;font-weight:600;padding:.25rem 0}.thin{color:#595959;font-style:italic}
.pair{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}.pair svg{max-width:100%;height:auto}
a{color:#1a237e}code{font-size:.9em}"""

BASE = """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ heading }} · {{ s.title }}</title><link rel="stylesheet" href="report.css"></head>
<body><header><p><a href="index.html">{{ s.overview }}</a></p></header><main>{% block main %}{% endblock %}</main></body></html>"""

MACROS = """{% macro est(e, percent=false) -%}
{%- if e.value is none -%}–{%- else -%}
<span{% if not e.enough %} class="thin"{% endif %}>{{ fmt(e.value, percent) }}{% if not e.enough %}*{% endif %}</span>
{%- endif -%}{%- endmacro %}
{% macro interval(e, percent=false) -%}
{%- if e.low is none -%}–{%- else -%}{{ fmt(e.low, percent) }} – {{ fmt(e.high, percent) }}{%- endif -%}
{%- endmacro %}"""

INDEX = """{% extends "base" %}{% import "macros" as m %}{% block main %}
<h1>{{ s.title }}: {{ course }}</h1>
<p>{{ rule }} {{ ignored }}</p><p class="thin">{{ s.greyed }}</p>
<table><caption>{{ s.overview }}</caption>
<thead><tr><th scope="col">{{ s.quiz }}</th><th scope="col">{{ s.version }}</th><th scope="col">{{ s.hash }}</th>
<th scope="col">{{ s.attempts }}</th><th scope="col">{{ s.learners }}</th><th scope="col">{{ s.reliability }}</th>
<th scope="col">{{ s.interval }}</th><th scope="col">{{ s.flags }}</th></tr></thead><tbody>
{% for q, page, count in quizzes %}<tr><th scope="row"><a href="{{ page }}">{{ q.title }}</a></th><td>{{ q.version }}</td>
<td><code>{{ q.quiz_hash }}</code> ({{ s.current if q.current else s.older }})</td><td>{{ q.attempts }}</td>
<td>{{ q.learners }}</td><td>{{ m.est(q.reliability) }}</td><td>{{ m.interval(q.reliability) }}</td><td>{{ count }}</td></tr>
{% endfor %}</tbody></table>
{% if learners %}<table><caption>{{ s.names }}</caption><thead><tr><th scope="col">{{ s.name }}</th>
<th scope="col">{{ s.quiz }}</th><th scope="col">{{ s.version }}</th><th scope="col">{{ s.attempts }}</th>
<th scope="col">{{ s.first_score }}</th></tr></thead><tbody>
{% for l in learners %}<tr><th scope="row">{{ l.name }}</th><td>{{ l.quiz }}</td><td>{{ l.version }}</td>
<td>{{ l.attempts }}</td><td>{{ fmt(l.first_score, true) if l.first_score is not none else "–" }}</td></tr>{% endfor %}
</tbody></table>{% endif %}
{% endblock %}"""

QUIZ = """{% extends "base" %}{% import "macros" as m %}{% block main %}
<h1>{{ q.title }}</h1>
<p>{{ s.version }} {{ q.version }} · {{ s.hash }} <code>{{ q.quiz_hash }}</code> ({{ s.current if q.current else s.older }})
· {{ s.attempts }}: {{ q.attempts }} · {{ s.learners }}: {{ q.learners }} · {{ rule }}</p>
<p>{{ s.reliability }}: {{ m.est(q.reliability) }} ({{ s.interval }} {{ m.interval(q.reliability) }})</p>
<p class="thin">{{ s.greyed }}</p>
<h2>{{ s.flags }}</h2>
{% if flags %}<ul>{% for f in flags %}<li>{% if f[0] %}<code>{{ f[0] }}</code>: {% endif %}{{ f[1] }}</li>{% endfor %}</ul>
{% else %}<p>{{ s.no_flags }}</p>{% endif %}
<h2>{{ s.difficulty }}</h2>
<div class="pair">{{ difficulty_svg|safe }}
<table><caption>{{ s.difficulty }}</caption><thead><tr><th scope="col">{{ s.question }}</th><th scope="col">{{ s.n }}</th>
<th scope="col">{{ s.difficulty }}</th><th scope="col">{{ s.interval }}</th><th scope="col">{{ s.median_time }}</th></tr></thead><tbody>
{% for x in q.questions %}<tr><th scope="row">{{ x.id }}</th><td>{{ x.n }}</td><td>{{ m.est(x.difficulty, true) }}</td>
<td>{{ m.interval(x.difficulty, true) }}</td><td>{{ "%.0f"|format(x.median_seconds) if x.median_seconds is not none else "–" }}</td></tr>{% endfor %}
</tbody></table></div>
<h2>{{ s.point_biserial }}</h2>
<div class="pair">{{ discrimination_svg|safe }}
<table><caption>{{ s.point_biserial }}</caption><thead><tr><th scope="col">{{ s.question }}</th><th scope="col">{{ s.n }}</th>
<th scope="col">r</th><th scope="col">{{ s.interval }}</th><th scope="col">{{ s.upper_lower }}</th><th scope="col">{{ s.interval }}</th></tr></thead><tbody>
{% for x in q.questions %}<tr><th scope="row">{{ x.id }}</th><td>{{ x.n }}</td><td>{{ m.est(x.point_biserial) }}</td>
<td>{{ m.interval(x.point_biserial) }}</td><td>{{ m.est(x.upper_lower) }}</td><td>{{ m.interval(x.upper_lower) }}</td></tr>{% endfor %}
</tbody></table></div>
{% for x in q.questions %}
<section aria-labelledby="q-{{ loop.index }}"><h2 id="q-{{ loop.index }}">{{ s.question }} {{ x.id }}</h2>
<p>{{ x.prompt }}{% if x.place %} — <code>{{ x.place }}</code>{% endif %}</p>
{% if x.options %}<table><caption>{{ s.options }}: {{ x.id }}</caption><thead><tr><th scope="col">{{ s.option }}</th>
<th scope="col">{{ s.chosen }}</th><th scope="col">{{ s.share }}</th><th scope="col">{{ s.upper }} ({{ x.upper_n }})</th>
<th scope="col">{{ s.lower }} ({{ x.lower_n }})</th><th scope="col">{{ s.move }}</th></tr></thead><tbody>
{% for o in x.options %}<tr><th scope="row">{{ loop.index }}. {{ o.text }}{% if o.correct %} ({{ s.right }}){% endif %}</th>
<td>{{ o.chosen }}</td><td>{{ fmt(o.share, true) if o.share is not none else "–" }}</td><td>{{ o.upper }}</td>
<td>{{ o.lower }}</td><td>{{ o.move or "" }}</td></tr>{% endfor %}</tbody></table>{% endif %}
{% if x.endings %}<table><caption>{{ s.endings }}: {{ x.id }}</caption><thead><tr><th scope="col">{{ s.ending }}</th>
<th scope="col">{{ s.reached }}</th><th scope="col">{{ s.share }}</th></tr></thead><tbody>
{% for e in x.endings %}<tr><th scope="row">{{ e.title }} ({{ e.outcome }})</th><td>{{ e.reached }}</td>
<td>{{ fmt(e.share, true) if e.share is not none else "–" }}</td></tr>{% endfor %}</tbody></table>
<table><caption>{{ s.steps }}: {{ x.id }}</caption><thead><tr><th scope="col">{{ s.step }}</th><th scope="col">{{ s.option }}</th>
<th scope="col">{{ s.chosen }}</th><th scope="col">{{ s.share }}</th></tr></thead><tbody>
{% for step, choices in x.steps.items() %}{% for o in choices %}<tr><th scope="row">{{ step }}</th>
<td>{{ o.id }}. {{ o.text }}</td><td>{{ o.chosen }}</td><td>{{ fmt(o.share, true) if o.share is not none else "–" }}</td></tr>
{% endfor %}{% endfor %}</tbody></table>{% endif %}
{% if x.pre_post %}<table><caption>{{ s.pre_post }} ({{ s[x.pre_post.kind] }}): {{ x.id }}</caption><thead><tr>
<th scope="col">{{ s.before }}</th><th scope="col">{{ s.after }}</th><th scope="col">{{ s.gain }}</th></tr></thead><tbody><tr>
<td>{{ m.est(x.pre_post.before, true) }} (n={{ x.pre_post.before.n }})</td><td>{{ m.est(x.pre_post.after, true) }} (n={{ x.pre_post.after.n }})</td>
<td>{{ fmt(x.pre_post.gain, true) if x.pre_post.gain is not none else "–" }}</td></tr></tbody></table>{% endif %}
</section>{% endfor %}
{% if q.moves %}<h2>{{ s.moves }}</h2><table><caption>{{ s.moves }}</caption><thead><tr><th scope="col">{{ s.move }}</th>
<th scope="col">{{ s.chosen }}</th><th scope="col">{{ s.n }}</th><th scope="col">{{ s.share }}</th></tr></thead><tbody>
{% for mv in q.moves %}<tr><th scope="row">{{ mv.move }}</th><td>{{ mv.chosen }}</td><td>{{ mv.offered }}</td>
<td>{{ fmt(mv.share, true) if mv.share is not none else "–" }}</td></tr>{% endfor %}</tbody></table>{% endif %}
{% endblock %}"""


def _fmt(value: float, percent: bool = False) -> str:
    return f"{value * 100:.0f} %" if percent else f"{value:.2f}"


def page_name(quiz: QuizFigure) -> str:
    return f"{quiz.quiz}-{quiz.version}-{quiz.quiz_hash}.html"


def report_files(
    *,
    course_title: str,
    language: str,
    strings: Mapping[str, str],
    quizzes: list[tuple[QuizFigure, list[Flag]]],
    rule: str,
    ignored: str,
    learners: list[LearnerRow],
) -> dict[str, str]:
    """Every file of the report by its name."""
    env = Environment(
        loader=DictLoader({"base": BASE, "macros": MACROS, "index": INDEX, "quiz": QUIZ}),
        autoescape=select_autoescape(default=True, default_for_string=True),
    )
    env.globals.update(fmt=_fmt, s=strings, lang=language, rule=rule)
    files = {"report.css": CSS + "\n"}
    files["index.html"] = env.get_template("index").render(
        heading=strings["overview"],
        course=course_title,
        ignored=ignored,
        quizzes=[(q, page_name(q), len(flags)) for q, flags in quizzes],
        learners=learners,
    )
    for number, (quiz, flags) in enumerate(quizzes):
        labels = [q.id for q in quiz.questions]
        ident = f"p{number}"
        files[page_name(quiz)] = env.get_template("quiz").render(
            heading=quiz.title,
            q=quiz,
            flags=[(str(f.place) if f.place else "", flag_text(f, strings)) for f in flags],
            difficulty_svg=bars(
                labels,
                [q.difficulty for q in quiz.questions],
                title=strings["plot_difficulty"],
                description=strings["plot_difficulty_desc"],
                ident=ident + "d",
                low=0,
                line=None,
            ),
            discrimination_svg=bars(
                labels,
                [q.point_biserial for q in quiz.questions],
                title=strings["plot_discrimination"],
                description=strings["plot_discrimination_desc"],
                ident=ident + "r",
                low=-1,
                line=0.2,
            ),
        )
    return files
