"""`coursegen paper`: a quiz as a learner meets it, on paper, and a separate key to score answers by.

For trainers who review questions, and for validity panels (validity/README.md): readers answer
from the text alone. The paper holds what the quiz page shows before an answer is checked (title,
intro, scenario, prompt, options) and nothing else: no key, feedback, explanation, objective, move
tag or points. Options are shuffled as the page shuffles them (pinned ones stay, a quiz or question
with `shuffle: false` keeps its order, ordering steps never start in the right order), by a seed,
so that every copy a panel reads is the same.

A role-play branches: the paper prints every step a conversation can reach, numbered from the
start, and the reader answers each as if the conversation had reached it; the key says where each
choice leads, so the scorer follows the reader's own path (author/panel.py).
"""

from __future__ import annotations

import random
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from generator.author.plain_markdown import plain
from generator.model.load import CourseBundle
from generator.model.models import Matching, MultipleChoice, Option, Ordering, Quiz, RolePlay, SingleChoice
from generator.model.roleplay_paths import roleplay_max, scores

# The same paper for every copy of a panel unless a seed is asked for.
DEFAULT_SEED = 1
KEY_FORMAT = "coursegen-paper-key/1"
LETTERS = "abcdefghij"  # a question has at most 10 options (models.py), a step at most 6 choices
WIDTH = 88

Format = Literal["text", "markdown"]

HOW_TO_ANSWER = (
    "Answer every question from its text alone. Write each answer by the question's number: a letter, "
    "several letters, an order of letters, a letter for each item, or for a conversation a letter for each step."
)
ROLEPLAY_HOW = (
    "A conversation with a customer, in steps. It starts at step 1, and the conversation continues depending on "
    "your choice, so not every step below is reached. Answer every step: choose what you would do if the "
    "conversation reached it."
)


@dataclass
class Paper:
    text: str
    key: dict[str, Any]


@dataclass
class _Writer:
    """Paragraphs of a paper in plain text (Markdown cleaned, wrapped, indented) or in Markdown."""

    format: Format
    lines: list[str] = field(default_factory=list)

    def markdown(self, source: str, indent: int = 0) -> None:
        if self.format == "markdown":
            self.block(source.strip())
            return
        for paragraph in plain(source).split("\n\n"):
            self.text(paragraph, indent)

    def text(self, text: str, indent: int = 0) -> None:
        """A paragraph of plain text; each of its lines is wrapped on its own (list items stay one a line)."""
        if self.format == "markdown":
            self.block(text)
            return
        pad = " " * indent
        wrapped = [
            textwrap.fill(line, WIDTH, initial_indent=pad, subsequent_indent=pad, break_on_hyphens=False)
            for line in text.split("\n")
        ]
        self.block("\n".join(wrapped))

    def choices(self, labels: Sequence[str], texts: Sequence[str], indent: int) -> None:
        """Lettered or numbered answers, one a line (a wrapped answer's next lines start under its text)."""
        rows = []
        for label, source in zip(labels, texts, strict=True):
            if self.format == "markdown":
                rows.append(f"- **{label}** {' '.join(source.split())}")
                continue
            head = " " * indent + f"{label} "
            rows.append(
                textwrap.fill(
                    " ".join(plain(source).split()),
                    WIDTH,
                    initial_indent=head,
                    subsequent_indent=" " * len(head),
                    break_on_hyphens=False,
                )
            )
        self.block("\n".join(rows))

    def heading(self, text: str, level: int) -> None:
        if self.format == "markdown":
            self.block(f"{'#' * level} {text}")
        elif level == 1:
            self.block(f"{text}\n{'=' * len(text)}")
        else:
            self.block(text)

    def block(self, text: str) -> None:
        if text:
            self.lines.append(text)

    def done(self) -> str:
        return "\n\n".join(self.lines) + "\n"


def quiz_order(bundle: CourseBundle) -> list[str]:
    """Every quiz, as learners meet them: per module its lessons' checks, then its quiz; then the final
    assessment; then any other quiz, by id."""
    found: list[str] = []
    course = bundle.course
    for module in [*course.modules, *([course.capstone] if course.capstone else [])]:
        found += [bundle.lessons[lesson].quiz or "" for lesson in module.lessons if lesson in bundle.lessons]
        found.append(module.quiz or "")
    found.append(course.final_assessment or "")
    found = [quiz for quiz in dict.fromkeys(found) if quiz in bundle.quizzes]
    return found + sorted(set(bundle.quizzes) - set(found))


def paper(bundle: CourseBundle, quiz_ids: Sequence[str], *, seed: int = DEFAULT_SEED, format: Format = "text") -> Paper:
    """The papers of these quizzes, one after the other, and their key (JSON-ready)."""
    out = _Writer(format)
    quizzes: dict[str, Any] = {}
    for quiz_id in quiz_ids:
        quiz = bundle.quizzes[quiz_id]
        quizzes[quiz.id] = _quiz(out, quiz, seed, bundle.course.pass_mark)
    key = {
        "format": KEY_FORMAT,
        "course": bundle.course.id,
        "version": bundle.course.version,
        "seed": seed,
        "quizzes": quizzes,
    }
    return Paper(out.done(), key)


def _quiz(out: _Writer, quiz: Quiz, seed: int, course_pass_mark: int) -> dict[str, Any]:
    out.heading(quiz.title, 1)
    if quiz.intro:
        out.markdown(quiz.intro)
    if quiz.draw is not None and quiz.draw < len(quiz.questions):
        out.text(f"In the course, each attempt asks {quiz.draw} of these {len(quiz.questions)} questions.")
    out.text(HOW_TO_ANSWER)
    questions: dict[str, Any] = {}
    for number, question in enumerate(quiz.questions, 1):
        # Seeded per question, so that adding a question to a quiz leaves the others' order alone.
        rng = random.Random(f"{seed}/{quiz.id}/{question.id}")
        indent = len(f"{number}. ")
        if format_is_markdown(out):
            out.heading(f"{number}.", 2)
        first = question.scenario or question.prompt
        if not format_is_markdown(out):
            _numbered(out, number, first)
        else:
            out.markdown(first)
        if question.scenario:
            out.markdown(question.prompt, indent)
        entry: dict[str, Any] = {"number": number, "type": question.type}
        if isinstance(question, (SingleChoice, MultipleChoice)):
            entry.update(_choice(out, quiz, question, rng, indent))
        elif isinstance(question, Ordering):
            entry.update(_ordering(out, question, rng, indent))
        elif isinstance(question, Matching):
            entry.update(_matching(out, question, rng, indent))
        else:
            entry.update(_roleplay(out, quiz, question, rng, indent))
        questions[question.id] = entry
    return {
        "title": quiz.title,
        "pass_mark": course_pass_mark if quiz.pass_mark is None else quiz.pass_mark,
        "draw": quiz.draw,
        "questions": questions,
    }


def format_is_markdown(out: _Writer) -> bool:
    return out.format == "markdown"


def _numbered(out: _Writer, number: int, source: str) -> None:
    """The question's first paragraph after its number; the rest of that text indented under it."""
    head = f"{number}. "
    paragraphs = plain(source).split("\n\n")
    first = textwrap.fill(
        paragraphs[0].replace("\n", " "),
        WIDTH,
        initial_indent=head,
        subsequent_indent=" " * len(head),
        break_on_hyphens=False,
    )
    out.block(first)
    for paragraph in paragraphs[1:]:
        out.text(paragraph, len(head))


def _shuffled(options: Sequence[Option], shuffle: bool, rng: random.Random) -> list[int]:
    """Display order as the page makes it: pinned options keep their place, the others take the free places."""
    free = [i for i, option in enumerate(options) if not option.pin]
    if shuffle:
        rng.shuffle(free)
    taken = iter(free)
    return [i if option.pin or not shuffle else next(taken) for i, option in enumerate(options)]


def _choice(
    out: _Writer, quiz: Quiz, question: SingleChoice | MultipleChoice, rng: random.Random, indent: int
) -> dict[str, Any]:
    shuffle = quiz.shuffle if question.shuffle is None else question.shuffle
    order = _shuffled(question.options, shuffle, rng)
    single = isinstance(question, SingleChoice)
    out.text("Choose one." if single else "Choose every answer that applies.", indent)
    out.choices([f"{LETTERS[k]})" for k in range(len(order))], [question.options[i].text for i in order], indent)
    right = [LETTERS[k] for k, i in enumerate(order) if question.options[i].correct]
    entry: dict[str, Any] = {
        "points": question.points,
        "letters": LETTERS[: len(order)],
        "answer": right[0] if single else right,
    }
    if isinstance(question, MultipleChoice):
        entry["partial_credit"] = question.partial_credit
    return entry


def _ordering(out: _Writer, question: Ordering, rng: random.Random, indent: int) -> dict[str, Any]:
    order = list(range(len(question.items)))
    # As on the page: never start from the right order, which would give the answer away.
    while order == sorted(order):
        rng.shuffle(order)
    out.text("Write the letters in the right order.", indent)
    out.choices([f"{LETTERS[k]})" for k in range(len(order))], [question.items[i].text for i in order], indent)
    answer = [LETTERS[order.index(i)] for i in range(len(order))]
    return {
        "points": question.points,
        "letters": LETTERS[: len(order)],
        "answer": answer,
        "partial_credit": question.partial_credit,
    }


def _matching(out: _Writer, question: Matching, rng: random.Random, indent: int) -> dict[str, Any]:
    rights = [pair.right for pair in question.pairs] + list(question.distractors)
    order = list(range(len(rights)))
    rng.shuffle(order)
    out.text("Write the letter of its match beside each item's number.", indent)
    out.choices([f"({k})" for k in range(1, len(question.pairs) + 1)], [pair.left for pair in question.pairs], indent)
    out.choices([f"{LETTERS[k]})" for k in range(len(order))], [rights[i] for i in order], indent)
    answer = {str(k + 1): LETTERS[order.index(k)] for k in range(len(question.pairs))}
    return {
        "points": question.points,
        "letters": LETTERS[: len(order)],
        "answer": answer,
        "partial_credit": question.partial_credit,
    }


def _step_order(question: RolePlay) -> list[str]:
    """Every step, breadth first from the start: a reader meets the start first and need not see the graph."""
    steps = {step.id: step for step in question.steps}
    order = [question.start]
    for node in order:
        for choice in steps[node].choices:
            if choice.next in steps and choice.next not in order:
                order.append(choice.next)
    return order


def _roleplay(out: _Writer, quiz: Quiz, question: RolePlay, rng: random.Random, indent: int) -> dict[str, Any]:
    steps = {step.id: step for step in question.steps}
    order = _step_order(question)
    numbers = {step_id: str(n) for n, step_id in enumerate(order, 1)}
    best_ahead = scores(question)
    out.text(ROLEPLAY_HOW, indent)
    keyed: dict[str, Any] = {}
    for step_id in order:
        step = steps[step_id]
        shown = list(range(len(step.choices)))
        if quiz.shuffle:  # the page shuffles a role-play's choices with the quiz's setting
            rng.shuffle(shown)
        out.text(f"Step {numbers[step_id]}. The customer:", indent)
        out.markdown(step.customer, indent + 3)
        out.choices([f"{LETTERS[k]})" for k in range(len(shown))], [step.choices[i].text for i in shown], indent)
        best = max(choice.points for choice in step.choices)
        keyed[numbers[step_id]] = {
            "id": step_id,
            "best": [LETTERS[k] for k, i in enumerate(shown) if step.choices[i].points == best],
            "best_path": LETTERS[shown.index(best_ahead.best_choice[step_id])],
            "choices": {
                LETTERS[k]: {
                    "points": step.choices[i].points,
                    "next": {"step": numbers[step.choices[i].next]}
                    if step.choices[i].next in steps
                    else {"ending": step.choices[i].next},
                }
                for k, i in enumerate(shown)
            },
        }
    return {
        "points": roleplay_max(question),
        "scoring": question.scoring,
        "start": "1",
        "steps": keyed,
        "endings": {ending.id: {"outcome": ending.outcome, "score": ending.score} for ending in question.endings},
    }
