"""Synthetic courses for the benchmark, in our YAML format and in the other formats it is compared with.

`make_course(n)` builds the data of a course of `n` lessons, each with a reading of five sections and
a quiz of five questions of mixed types (single, multiple, ordering, matching, roleplay), shown on
the lesson's own page (a lesson's `quiz:`); lessons are grouped in modules of ten. A lesson named in
`module_quizzes` has its quiz on a page of its own instead (its module's `quiz:`), so a site can have
a lesson page without a quiz and a quiz page beside the lesson pages with one. `layout="module"`
writes the layout that generators before lesson quizzes read: every lesson a module of one lesson
with its quiz on the module's quiz page (the before/after timings use it). `layout="pages"` groups
lessons in modules of two with one quiz page per module and no lesson quiz.

Every lesson's text differs (names, accounts, figures and numbers are drawn from a seeded generator
and include the lesson number), so no cache anywhere can make repeated text artificially cheap.

The same data is written three ways, each with the same pages in the same navigation:
- `write_ours`: course/, quizzes/ and mkdocs.yml with the coursegen plugin (what a trainer writes);
- `write_reading`: the reading alone as plain Markdown pages, no quizzes (the "no quiz" baseline),
  or with every quiz as plain text where ours shows it;
- `write_peer`: the reading pages with every quiz in mkdocs-quiz's Markdown syntax where ours shows it.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent

_FIRST = [
    "Dana",
    "Amara",
    "Bilal",
    "Chen",
    "Priya",
    "Tomasz",
    "Ingrid",
    "Kofi",
    "Lucia",
    "Mateo",
    "Noor",
    "Oskar",
    "Rhea",
    "Samir",
    "Tala",
    "Ugo",
    "Vera",
    "Wen",
    "Yusuf",
    "Zofia",
    "Aiko",
    "Bruno",
    "Carmen",
    "Dev",
    "Elif",
    "Farid",
    "Greta",
    "Hamid",
    "Iris",
    "Jonas",
    "Keira",
    "Lars",
    "Mina",
    "Nils",
    "Olu",
    "Pia",
    "Quentin",
    "Rosa",
    "Sven",
    "Tess",
]
_LAST = [
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Haddad",
    "Novak",
    "Tanaka",
    "Fischer",
    "Alvarez",
    "Mensah",
    "Kowalski",
    "Brennan",
    "Duarte",
    "Eriksen",
    "Farouk",
    "Grant",
    "Huang",
    "Ibsen",
    "Jovanovic",
    "Kline",
    "Larsen",
    "Murphy",
    "Nakamura",
    "Ortega",
    "Petrov",
    "Quinn",
    "Rossi",
    "Sato",
    "Tiwari",
    "Varga",
    "Walsh",
]
_ACCOUNT_A = [
    "Harbour",
    "Dunmore",
    "Saltmarsh",
    "Northgate",
    "Copperfield",
    "Ashby",
    "Kestrel",
    "Millbrook",
    "Redwater",
    "Stonebridge",
    "Brightwell",
    "Fairhaven",
    "Greystone",
    "Oakridge",
    "Westmere",
    "Blackthorn",
    "Eastlake",
    "Silverline",
    "Thornbury",
    "Windmere",
]
_ACCOUNT_B = [
    "Freight",
    "Foods",
    "Logistics",
    "Pharma",
    "Textiles",
    "Energy",
    "Clinics",
    "Print",
    "Marine",
    "Robotics",
    "Dairy",
    "Glass",
    "Labs",
    "Steel",
]
_PRODUCTS = [
    "packaging-line maintenance",
    "fleet telematics",
    "cold-chain monitoring",
    "payroll software",
    "spare-parts contract",
    "laboratory consumables",
    "cloud backup",
    "forklift leasing",
    "label printers",
    "managed print",
    "safety training",
    "water treatment",
    "warehouse robotics",
    "field service plan",
    "energy audit",
]
_STAGES = ["discovery call", "renewal", "quarterly review", "tender", "onboarding", "escalation", "expansion", "pilot"]
_TOPICS = [
    "trust",
    "follow-up",
    "listening",
    "account planning",
    "handover",
    "pricing talk",
    "early involvement",
    "shared data",
    "promises kept",
    "the next notch",
    "objections",
    "the buying committee",
    "a missed delivery",
    "a new champion",
]
_VERBS = [
    "Explain",
    "Spot",
    "Choose",
    "Describe",
    "Plan",
    "Compare",
    "Recognise",
    "Prepare",
    "Ask about",
    "Recover from",
    "Turn around",
    "Measure",
]

_SENTENCES = (
    "{name} at **{account}** had bought {product} from you for {n} years without a single review meeting.",
    "When the {stage} came round, {name} asked for {n} minutes to talk about {topic}, not about price.",
    "Most sellers would have sent a quote; the better move was to ask what had changed since quarter {q}.",
    "A relationship rarely moves in one jump: it brightens a notch at a time, by small promises kept.",
    "{name} mentioned that {account} expected volumes to grow by {pct}% next year, almost in passing.",
    "Write down what you heard in the customer's own words, then check it back with them within {n} days.",
    "The account looked healthy on paper, {n} orders in a row, but nobody outside purchasing knew your name.",
    "Ask about their goals for the next {n} months before you talk about yours.",
    "A missed call-back or a careless handover can drop the relationship a notch overnight; fix it fast.",
    "At {account}, the plant manager and the buyer saw {topic} very differently, and both were right.",
    "Your forecast said *won*, but the customer had not yet agreed to a {stage} date or a budget of {money}.",
    "Share one piece of data that helps {name}, even when it sells nothing, and see what comes back.",
    "The {n}th time a customer hears the word *partner* in a pitch, it means nothing at all.",
    "{name} from {account} only called when something broke; after {n} weeks of follow-ups that changed.",
    "Keep a small promise in front of the people who matter to {name}, and keep the next one too.",
)

_LIST_ITEMS = (
    "Follow up on something {name} mentioned, without being asked.",
    "Bring {account}'s {product} figures to the {stage}, not your slide deck.",
    "Introduce a colleague who can solve a problem worth {money} a year.",
    "Agree one next step and a date, week {q}{n}.",
    "Ask who else at {account} is affected by {topic}.",
    "Summarise the call in {n} lines and send it the same day.",
    "Check the delivery record for the last {n} orders before you call.",
)


@dataclass
class Synthetic:
    """One synthetic course: the outline and every lesson and quiz, as plain data."""

    size: int
    course: dict[str, Any]
    lessons: list[dict[str, Any]] = field(default_factory=list)
    quizzes: list[dict[str, Any]] = field(default_factory=list)
    final: dict[str, Any] | None = None


class _Text:
    """Varied sentences: names, accounts, products and figures differ per lesson and per call."""

    def __init__(self, lesson: int) -> None:
        self.rng = random.Random(lesson * 7919 + 17)
        self.lesson = lesson

    def slots(self) -> dict[str, str]:
        r = self.rng
        return {
            "name": f"{r.choice(_FIRST)} {r.choice(_LAST)}",
            "account": f"{r.choice(_ACCOUNT_A)} {r.choice(_ACCOUNT_B)}",
            "product": r.choice(_PRODUCTS),
            "stage": r.choice(_STAGES),
            "topic": r.choice(_TOPICS),
            "n": str(r.randint(2, 40) + self.lesson % 7),
            "q": str(r.randint(1, 4)),
            "pct": str(r.randint(3, 60)),
            "money": f"€{r.randint(10, 990) * 100 + self.lesson:,}",
        }

    def sentence(self) -> str:
        return self.rng.choice(_SENTENCES).format(**self.slots())

    def item(self) -> str:
        return self.rng.choice(_LIST_ITEMS).format(**self.slots())

    def paragraph(self, sentences: int = 3) -> str:
        # Wrapped at about 100 columns, as a trainer's editor would.
        words = " ".join(self.sentence() for _ in range(sentences)).split(" ")
        lines, line = [], ""
        for word in words:
            if line and len(line) + len(word) > 96:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        return "\n".join(lines)

    def body(self, section: int) -> str:
        parts = [self.paragraph(3), self.paragraph(2)]
        if section % 3 == 1:
            parts.insert(1, "\n".join(f"- {self.item()}" for _ in range(4)))
        elif section % 3 == 2:
            parts.append("\n".join(f"{k}. {self.item()}" for k in range(1, 5)))
        if section == 4:
            parts.append(f"Read more in [the account playbook](https://example.org/playbook/{self.lesson}).")
        return "\n\n".join(parts) + "\n"

    def short(self) -> str:
        s = self.sentence()
        return s if len(s) <= 200 else s[:197] + "..."


def _lesson(i: int) -> dict[str, Any]:
    t = _Text(i)
    lid = f"lesson-{i:04d}"
    topic = _TOPICS[i % len(_TOPICS)]
    return {
        "id": lid,
        "title": f"Lesson {i}: {topic.capitalize()} with {t.slots()['account']}",
        "summary": t.short(),
        "minutes": 10 + i % 20,
        "objectives": [
            {"id": f"l{i:04d}-{k}", "text": f"{t.rng.choice(_VERBS)} {topic} in a {t.slots()['stage']} ({i}.{k})."}
            for k in ("a", "b", "c")
        ],
        "sections": [
            {
                "heading": f"{i}.{s + 1} {t.rng.choice(_TOPICS).capitalize()} at {t.slots()['account']}",
                "body": t.body(s),
            }
            for s in range(5)
        ],
        "examples": [
            {
                "title": f"The {t.slots()['stage']} with {t.slots()['name']}",
                "account": t.slots()["account"],
                "stage": t.slots()["stage"],
                "body": t.paragraph(3) + "\n",
            }
        ],
        "exercise": {"title": f"This week: {topic}", "body": t.paragraph(2) + "\n"},
        "reflection": f"When did a customer last remember *your* name? ({t.sentence()})",
        "takeaways": [t.short() for _ in range(3)],
        "sources": [
            {
                "author": t.slots()["name"],
                "title": f"Notes on {topic}, volume {i}",
                "url": f"https://example.org/notes/{i}",
                "note": t.short(),
            }
        ],
    }


def _questions(t: _Text, prefix: str, objectives: list[str], count: int) -> list[dict[str, Any]]:
    """`count` questions cycling through the five types; each assesses one of `objectives`."""
    kinds = ("single", "multiple", "ordering", "matching", "roleplay")
    out = []
    for k in range(count):
        kind = kinds[k % 5]
        q: dict[str, Any] = {
            "id": f"{prefix}{k + 1}-{kind}",
            "type": kind,
            "objectives": [objectives[k % len(objectives)]],
        }
        s = t.slots()
        if kind == "single":
            q["scenario"] = t.paragraph(2) + "\n"
            q["prompt"] = f"What do you say to {s['name']} first? ({prefix}{k + 1})"
            q["options"] = [
                {
                    "text": f"Ask what changed at {s['account']} since quarter {s['q']}.",
                    "correct": True,
                    "feedback": t.short(),
                },
                {"text": f"Send the {s['product']} price list for {s['money']}.", "feedback": t.short()},
                {"text": f"Wait {s['n']} days for {s['name'].split()[0]} to call back.", "feedback": t.short()},
                {"text": "None of these", "pin": True, "feedback": t.short()},
            ]
            q["explanation"] = t.paragraph(2) + "\n"
        elif kind == "multiple":
            q["prompt"] = (
                f"Which of these turn the relationship with **{s['account']}** up a notch? Select all that apply."
            )
            q["options"] = [{"text": t.item(), "correct": j < 3, "feedback": t.short()} for j in range(5)]
            # Option texts must differ for a fair page; numbering makes sure they do.
            for j, option in enumerate(q["options"]):
                option["text"] = f"{option['text']} ({j + 1})"
            q["explanation"] = t.paragraph(1) + "\n"
        elif kind == "ordering":
            q["prompt"] = f"Put the steps of the {s['stage']} with {s['name']} in order."
            q["items"] = [{"text": f"Step {j + 1}: {t.item()}", "feedback": t.short()} for j in range(5)]
            q["explanation"] = t.paragraph(1) + "\n"
        elif kind == "matching":
            q["prompt"] = f"Match each signal at {s['account']} with what it tells you."
            q["pairs"] = [
                {
                    "left": f"Signal {j + 1}: {t.short()[:120]}",
                    "right": f"Meaning {j + 1}: {t.short()[:120]}",
                    "feedback": t.short(),
                }
                for j in range(4)
            ]
            q["distractors"] = [f"Meaning 5: {t.short()[:120]}"]
        else:
            q["scenario"] = t.paragraph(2) + "\n"
            q["prompt"] = f"The {s['stage']} with {s['name']} starts badly. How do you open?"
            q["start"] = "open"
            q["steps"] = [
                {
                    "id": "open",
                    "customer": f'"{t.sentence()}"',
                    "choices": [
                        {
                            "text": f"Ask what happened with the last {s['n']} orders.",
                            "points": 2,
                            "feedback": t.short(),
                            "next": "listen",
                        },
                        {"text": "Blame the carrier.", "feedback": t.short(), "next": "lost"},
                    ],
                },
                {
                    "id": "listen",
                    "customer": f'"{t.sentence()}"',
                    "choices": [
                        {
                            "text": "Apologise and propose a fix with a date.",
                            "points": 2,
                            "feedback": t.short(),
                            "next": "won",
                        },
                        {
                            "text": f"Offer a discount of {s['pct']}%.",
                            "points": 1,
                            "feedback": t.short(),
                            "next": "stall",
                        },
                    ],
                },
            ]
            q["endings"] = [
                {"id": "won", "title": "Trust grows", "outcome": "success", "text": t.paragraph(1) + "\n"},
                {"id": "stall", "title": "Polite stall", "outcome": "partial", "text": t.paragraph(1) + "\n"},
                {"id": "lost", "title": "Lost the account", "outcome": "failure", "text": t.paragraph(1) + "\n"},
            ]
        out.append(q)
    return out


def _quiz(i: int, lesson: dict[str, Any]) -> dict[str, Any]:
    t = _Text(100_000 + i)
    return {
        "id": f"quiz-{i:04d}",
        "title": f"Quiz {i}: {lesson['title'].split(': ', 1)[1]}",
        "intro": f"Five questions on lesson {i}. {t.sentence()}\n",
        "questions": _questions(t, "q", [o["id"] for o in lesson["objectives"]], 5),
    }


def make_course(
    size: int,
    *,
    final_questions: int = 0,
    layout: str = "lesson",
    module_size: int = 10,
    module_quizzes: tuple[int, ...] = (),
) -> Synthetic:
    """The data of a course of `size` lessons, each with its 5-question quiz (see the module's doc).

    With `final_questions`, the course also has a final assessment of that many questions (the
    20-question page whose runtime start-up the browser benchmark measures)."""
    lessons = [_lesson(i) for i in range(1, size + 1)]
    quizzes = [_quiz(i, lesson) for i, lesson in enumerate(lessons, start=1)]
    modules: list[dict[str, Any]] = []
    if layout == "module":
        for i, (lesson, quiz) in enumerate(zip(lessons, quizzes, strict=True), start=1):
            modules.append(
                {
                    "id": f"module-{i:04d}",
                    "title": f"Module {i}",
                    "summary": lesson["summary"],
                    "lessons": [lesson["id"]],
                    "quiz": quiz["id"],
                }
            )
    elif layout == "lesson":
        for start in range(0, size, module_size):
            m = start // module_size + 1
            module: dict[str, Any] = {
                "id": f"module-{m:04d}",
                "title": f"Module {m}",
                "summary": lessons[start]["summary"],
                "lessons": [],
            }
            for i in range(start + 1, min(start + module_size, size) + 1):
                lesson, quiz = lessons[i - 1], quizzes[i - 1]
                module["lessons"].append(lesson["id"])
                if i in module_quizzes:
                    if "quiz" in module:
                        raise ValueError(f"module {m} already has a quiz of its own")
                    module["quiz"] = quiz["id"]
                else:
                    lesson["quiz"] = quiz["id"]
            modules.append(module)
    elif layout == "pages":
        # The shape of a course that keeps its quizzes apart from the reading: modules of
        # `module_size` lessons, no lesson quiz, one quiz page per module holding the questions
        # of its lessons' quizzes. No page carries quiz HTML inside the reading, which is what
        # flatters the plugin's ratio in the "lesson" layout.
        merged: list[dict[str, Any]] = []
        for start in range(0, size, module_size):
            m = start // module_size + 1
            members = range(start, min(start + module_size, size))
            quiz = {
                "id": f"module-quiz-{m:04d}",
                "title": f"Module {m} quiz",
                "intro": quizzes[start]["intro"],
                "questions": [{**q, "id": f"l{i + 1}-{q['id']}"} for i in members for q in quizzes[i]["questions"]],
            }
            merged.append(quiz)
            modules.append(
                {
                    "id": f"module-{m:04d}",
                    "title": f"Module {m}",
                    "summary": lessons[start]["summary"],
                    "lessons": [lessons[i]["id"] for i in members],
                    "quiz": quiz["id"],
                }
            )
        quizzes = merged
    else:
        raise ValueError(f"unknown layout {layout!r}")
    course: dict[str, Any] = {
        "id": f"synthetic-{size}",
        "title": f"Synthetic course of {size} lessons",
        "version": "1.0",
        "description": f"A generated course of **{size}** lessons for the benchmark.\n",
        "audience": "Benchmarks",
        "language": "en",
        "modules": modules,
    }
    synthetic = Synthetic(size=size, course=course, lessons=lessons, quizzes=quizzes)
    if final_questions:
        t = _Text(999_999)
        objectives = [lesson["objectives"][0]["id"] for lesson in lessons]
        synthetic.final = {
            "id": "final-assessment",
            "title": "Final assessment",
            "intro": f"{final_questions} questions drawn from the whole course.\n",
            "questions": _questions(t, "f", objectives, final_questions),
        }
        course["final_assessment"] = "final-assessment"
    return synthetic


# ------------------------------------------------------------------- writing


class _Dumper(yaml.SafeDumper):
    """Multi-line text as literal blocks, as a trainer writes it."""


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def _dump(path: Path, data: dict[str, Any], schema: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(f"# yaml-language-server: $schema={schema}\n{text}", encoding="utf-8")


def site_config(
    *,
    plugins: list[Any],
    docs_dir: str,
    custom_dir: str | None,
    extra_features: tuple[str, ...] = (),
    nav: list[Any] | None = None,
) -> dict[str, Any]:
    """The repository's mkdocs.yml settings, with the given plugins and docs folder.

    Every variant of the benchmark uses the same theme, features and Markdown extensions."""
    from generator.engines.plain_project import read_site_config

    config = read_site_config(REPO / "mkdocs.yml")
    config = {k: v for k, v in config.items() if k not in ("plugins", "nav", "exclude_docs", "docs_dir")}
    config["site_url"] = "http://127.0.0.1:8000/"
    theme = dict(config.get("theme") or {"name": "material"})
    if custom_dir:
        theme["custom_dir"] = custom_dir
    else:
        theme.pop("custom_dir", None)
    # "-name" in extra_features turns a feature of the repository's mkdocs.yml off.
    off = {f[1:] for f in extra_features if f.startswith("-")}
    on = [f for f in extra_features if not f.startswith("-")]
    theme["features"] = [f for f in theme.get("features", []) if f not in off] + on
    config["theme"] = theme
    config["docs_dir"] = docs_dir
    if docs_dir == "course":
        config["exclude_docs"] = "*.yaml\n*.yml\n"
    if nav is not None:
        config["nav"] = nav
    config["plugins"] = plugins
    return config


def write_config(path: Path, config: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")


def write_ours(syn: Synthetic, root: Path, *, extra_features: tuple[str, ...] = ()) -> Path:
    """Our format: course/course.yaml, course/lessons/*.yaml, quizzes/*.yaml, theme/ and mkdocs.yml."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    _dump(root / "course" / "course.yaml", syn.course, "../schema/course.schema.json")
    for lesson in syn.lessons:
        _dump(root / "course" / "lessons" / f"{lesson['id']}.yaml", lesson, "../../schema/lesson.schema.json")
    for quiz in [*syn.quizzes, *([syn.final] if syn.final else [])]:
        _dump(root / "quizzes" / f"{quiz['id']}.yaml", quiz, "../schema/quiz.schema.json")
    shutil.copytree(REPO / "theme", root / "theme")
    config = site_config(
        plugins=["search", "coursegen"], docs_dir="course", custom_dir="theme", extra_features=extra_features
    )
    write_config(root / "mkdocs.yml", config)
    return root


# ------------------------------------------------------ plain Markdown reading


def reading_markdown(lesson: dict[str, Any], module_title: str) -> str:
    """A lesson as a trainer would write it by hand in plain Markdown: the same text, no quiz."""
    out = [f"# {lesson['title']}", "", f"{lesson['minutes']} min · {module_title}", "", "**Objectives**", ""]
    out += [f"- {o['text']}" for o in lesson["objectives"]]
    for section in lesson["sections"]:
        out += ["", f"## {section['heading']}", "", section["body"].rstrip()]
    out += ["", "## Example", ""]
    for example in lesson["examples"]:
        out += [f"**{example['title']}**", "", f"*Account:* {example['account']} · *Stage:* {example['stage']}", ""]
        out += [example["body"].rstrip()]
    out += ["", "## Exercise", "", f"**{lesson['exercise']['title']}**", "", lesson["exercise"]["body"].rstrip()]
    out += ["", "## Reflection", "", lesson["reflection"]]
    out += ["", "## Takeaways", ""] + [f"- {t}" for t in lesson["takeaways"]]
    out += ["", "## Sources", ""]
    out += [f"- {s['author']}, [*{s['title']}*]({s['url']}): {s['note']}" for s in lesson["sources"]]
    return "\n".join(out) + "\n"


def _home(syn: Synthetic, links: list[tuple[str, str]]) -> str:
    lines = [f"# {syn.course['title']}", "", syn.course["description"].strip(), ""]
    lines += [f"- [{title}]({url})" for title, url in links]
    return "\n".join(lines) + "\n"


def write_reading(syn: Synthetic, root: Path, *, extra_features: tuple[str, ...] = (), quiz_text: bool = False) -> Path:
    """The reading alone, as plain Markdown in a plain Material site: no quiz pages, no plugin.

    With `quiz_text`, every quiz is there too, where ours shows it, but as plain text (its
    questions, options and feedback as headings, paragraphs and lists): the same pages and
    text with no quiz at all."""
    return _write_markdown_site(syn, root, quizzes="text" if quiz_text else None, extra_features=extra_features)


def write_peer(syn: Synthetic, root: Path, *, extra_features: tuple[str, ...] = ()) -> Path:
    """The same reading pages with every quiz in mkdocs-quiz's syntax, where ours shows it."""
    return _write_markdown_site(syn, root, quizzes="peer", extra_features=extra_features)


def _write_markdown_site(syn: Synthetic, root: Path, *, quizzes: str | None, extra_features: tuple[str, ...]) -> Path:
    if root.exists():
        shutil.rmtree(root)
    docs = root / "docs"
    docs.mkdir(parents=True)
    nav: list[Any] = [{syn.course["title"]: "index.md"}]
    links = []
    by_id = {quiz["id"]: quiz for quiz in syn.quizzes}
    lessons = {lesson["id"]: lesson for lesson in syn.lessons}

    def quiz_markdown(quiz: dict[str, Any], level: int) -> str:
        return peer_quiz_markdown(quiz, level) if quizzes == "peer" else quiz_text_markdown(quiz, level)

    for module in syn.course["modules"]:
        (docs / module["id"]).mkdir()
        children = []
        for lesson_id in module["lessons"]:
            lesson = lessons[lesson_id]
            src = f"{module['id']}/{lesson_id}.md"
            page = reading_markdown(lesson, module["title"])
            if quizzes and lesson.get("quiz"):
                page += "\n" + quiz_markdown(by_id[lesson["quiz"]], 2)
            (docs / src).write_text(page, encoding="utf-8")
            children.append({lesson["title"]: src})
            links.append((lesson["title"], src))
        if quizzes and module.get("quiz"):
            quiz = by_id[module["quiz"]]
            qsrc = f"{module['id']}/{quiz['id']}.md"
            (docs / qsrc).write_text(quiz_markdown(quiz, 1), encoding="utf-8")
            children.append({quiz["title"]: qsrc})
            links.append((quiz["title"], qsrc))
        nav.append({module["title"]: children})
    if quizzes and syn.final:
        (docs / "final-assessment.md").write_text(quiz_markdown(syn.final, 1), encoding="utf-8")
        nav.append({syn.final["title"]: "final-assessment.md"})
    (docs / "index.md").write_text(_home(syn, links), encoding="utf-8")
    plugins: list[Any] = ["search"]
    if quizzes == "peer":
        plugins.append("mkdocs_quiz")
    config = site_config(plugins=plugins, docs_dir="docs", custom_dir=None, extra_features=extra_features, nav=nav)
    write_config(root / "mkdocs.yml", config)
    return root


# ---------------------------------------------------------------- mkdocs-quiz

# mkdocs-quiz has single choice (one `- [x]`), multiple choice (several) and fill-in-the-blank.
# Ordering, matching and role-play have no equivalent, so each becomes the nearest choice
# question with the same text: ordering → "which order is right" (single); matching → "which
# pairs are right" (multiple); role-play → its first step as a single choice. Per-answer
# feedback is a `> ` line under the answer; the explanation is the content after the answers.


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _peer_question(q: dict[str, Any]) -> str:
    head = []
    if q.get("scenario"):
        head += [q["scenario"].strip(), ""]
    head.append(q["prompt"].strip())
    answers: list[tuple[bool, str, str | None]] = []
    kind = q["type"]
    if kind in ("single", "multiple"):
        answers = [(bool(o.get("correct")), o["text"], o["feedback"]) for o in q["options"]]
    elif kind == "ordering":
        steps = [item["text"] for item in q["items"]]
        orders = [steps, steps[1:] + steps[:1], list(reversed(steps))]
        answers = [(j == 0, " → ".join(s.split(":")[0] for s in order), None) for j, order in enumerate(orders)]
        head += ["", *[f"{k + 1}. {s}" for k, s in enumerate(steps)]]
    elif kind == "matching":
        pairs = q["pairs"]
        answers = [(True, f"{p['left']} ↔ {p['right']}", p.get("feedback")) for p in pairs]
        answers += [(False, f"{pairs[0]['left']} ↔ {d}", None) for d in q["distractors"]]
    else:
        step = q["steps"][0]
        head += ["", step["customer"].strip()]
        best = max(c.get("points", 0) for c in step["choices"])
        answers = [(c.get("points", 0) == best, c["text"], c["feedback"]) for c in step["choices"]]
    lines = ["<quiz>", *head, ""]
    for correct, text, feedback in answers:
        lines.append(f"- [{'x' if correct else ' '}] {_one_line(text)}")
        if feedback:
            lines.append(f"  > {_one_line(feedback)}")
    if q.get("explanation"):
        lines += ["", q["explanation"].strip()]
    lines.append("</quiz>")
    return "\n".join(lines)


def peer_quiz_markdown(quiz: dict[str, Any], level: int = 1) -> str:
    """A quiz in mkdocs-quiz's syntax, under a heading of `level` (1: a page of its own)."""
    parts = [f"{'#' * level} {quiz['title']}", "", quiz["intro"].strip(), "", "<!-- mkdocs-quiz intro -->", ""]
    parts += [_peer_question(q) + "\n" for q in quiz["questions"]]
    parts += ["<!-- mkdocs-quiz results -->", ""]
    return "\n".join(parts)


def quiz_text_markdown(quiz: dict[str, Any], level: int = 1) -> str:
    """A quiz as plain text (what a course without any quiz tool would publish instead), under a
    heading of `level` (1: a page of its own)."""
    out = [f"{'#' * level} {quiz['title']}", "", quiz["intro"].strip()]
    for k, q in enumerate(quiz["questions"], start=1):
        out += ["", f"{'#' * (level + 1)} Question {k}", ""]
        if q.get("scenario"):
            out += [q["scenario"].strip(), ""]
        out.append(q["prompt"].strip())
        out.append("")
        if q["type"] in ("single", "multiple"):
            for o in q["options"]:
                out += [
                    f"- {_one_line(o['text'])}{' (right)' if o.get('correct') else ''}",
                    f"    - {_one_line(o['feedback'])}",
                ]
        elif q["type"] == "ordering":
            for j, item in enumerate(q["items"], start=1):
                out.append(f"{j}. {_one_line(item['text'])}")
        elif q["type"] == "matching":
            out += [f"- {p['left']}: {p['right']}" for p in q["pairs"]]
            out += [f"- (no match): {d}" for d in q["distractors"]]
        else:
            for step in q["steps"]:
                out += [f"> {_one_line(step['customer'])}", ""]
                out += [
                    f"- {_one_line(c['text'])} ({c.get('points', 0)} points): {_one_line(c['feedback'])}"
                    for c in step["choices"]
                ]
                out.append("")
            out += [f"- **{e['title']}**: {_one_line(e['text'])}" for e in q["endings"]]
        if q.get("explanation"):
            out += ["", q["explanation"].strip()]
    return "\n".join(out) + "\n"
