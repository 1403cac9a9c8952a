"""One quiz → one HTML fragment that the browser runtime (assets/quiz.js) grades.

The public structure (questions, native inputs, buttons) is server-rendered so
the page reads and navigates like a form. What the grader needs — right
answers, feedback, explanations, points, the role-play graph and the lesson
links — travels in one blob in `data-key`: JSON compressed with raw DEFLATE,
XOR-ed with a keystream seeded from the quiz id and content hash, then base64.
That keeps the key out of the page source and out of reach of a casual look or
an in-page search; it is not encryption. Compressing comes first because
XOR-ed bytes look random to the server's gzip, and the blob is most of a quiz
page's weight. Browser-graded quizzes are for practice and self-assessment,
not proctoring: anyone who reads the runtime can decode the blob.

Option values are short hashes keyed by the full content digest (which the
page never shows), so they reveal neither correctness nor authored position.

When a learner finishes a quiz the runtime dispatches `coursegen:quiz-complete`
on `document`; the README's "Sending results elsewhere" describes its detail.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import struct
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from itertools import islice
from typing import Any

import pydantic_core

from generator.model.grading import AnyQuestion
from generator.model.models import Matching, MultipleChoice, Option, Ordering, Quiz, RolePlay, SingleChoice
from generator.model.roleplay_paths import roleplay_max
from generator.pages import quiz_contract as contract
from generator.pages.markdown import MarkdownRenderer

_BLOCK = re.compile(r"<(?:p|ul|ol|li|blockquote|pre|h[1-6]|table|hr|div|dl)\b")
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL)


@dataclass(frozen=True)
class QuizContext:
    pass_mark: int  # quiz.pass_mark or the course default, already resolved
    markdown: MarkdownRenderer  # shared instance, honours the course's allow_html
    strings: Mapping[str, str]  # UI strings for the site language (strings.strings_for(...).quiz)
    assets_url: str  # relative URL from this page to the assets dir, ends with "/"
    objective_links: Mapping[str, tuple[str, str]]  # objective id -> (lesson title, relative URL)
    course_id: str
    # quiz_digest(quiz) when the caller has it already: dumping a quiz to hash it
    # is a good part of rendering it, and a course build needs the hash twice.
    digest: str | None = None
    # The level of the question headings: 2 under a quiz page's title, 3 under
    # a lesson quiz's own heading, so that a screen reader's outline stays true.
    heading_level: int = 2
    # On a site that reports to an LRS: what report-xapi.js needs of the quiz (pages/quiz_xapi.py).
    xapi: contract.XapiQuiz | None = None


# ------------------------------------------------------------------ hashing


# Bumped only when what the hash covers changes on purpose: every learner's saved
# answers for every quiz are dropped when it does.
HASH_FORMAT = b"coursegen-quiz-v1\n"
# A `move` tag speaks to lint and the facilitator edition, as `silence` does: tagging answers
# must not drop learners' saved answers either.
_MOVE: dict[str, Any] = {"__all__": {"move": True}}
_NOT_HASHED: dict[str, Any] = {
    "silence": True,
    "questions": {"__all__": {"silence": True, "options": _MOVE, "steps": {"__all__": {"choices": _MOVE}}}},
}


def canonical_quiz(quiz: Quiz) -> bytes:
    """The quiz as the trainer wrote it, in one canonical byte form: what the version hash covers.

    Fields left at their defaults are left out, so that a release adding a field with a
    default (which no existing quiz sets) changes no hash, and writing a default out in
    full changes none either. Left out by value, not by "was it in the YAML"
    (exclude_unset), so that equal quizzes always hash alike, however they were built.
    Keys are sorted and the JSON written by the standard library, so neither the order
    of the models' fields nor the JSON output of a pydantic release matters.
    A `silence` entry is left out too: it speaks to `coursegen lint`, not to learners,
    and silencing a warning must not throw away their saved answers; so is a `move` tag.
    """
    data = quiz.model_dump(mode="json", exclude_defaults=True, exclude=_NOT_HASHED)
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return HASH_FORMAT + text.encode("utf-8")


def quiz_digest(quiz: Quiz) -> str:
    """SHA-256 of canonical_quiz(quiz): keys the option tokens; its first 12 hex are content_hash."""
    return hashlib.sha256(canonical_quiz(quiz)).hexdigest()


def content_hash(quiz: Quiz) -> str:
    """Stable 12-hex hash of the quiz content; part of the saved-progress key."""
    return quiz_digest(quiz)[:12]


def _tokens(digest: str, question_id: str, kind: str, count: int) -> list[str]:
    # Keyed by the full digest, which depends on the whole key: the page shows
    # only its first 12 hex, so the tokens cannot be recomputed from the page.
    # Four hex digits, not eight: a token only has to be distinct within its
    # question (the salt sees to that), and each random digit is a literal that
    # gzip cannot shrink, written three or four times per option (issue 23: the
    # eight-digit tokens cost about 1.4 KB on the final assessment page).
    for salt in range(100):
        tokens = [
            hashlib.sha256(f"{digest}/{question_id}/{kind}/{i}/{salt}".encode()).hexdigest()[:4] for i in range(count)
        ]
        if len(set(tokens)) == count:
            return tokens
    raise AssertionError("unreachable: no distinct tokens")  # pragma: no cover


# ----------------------------------------------------------------- the blob


def _seed_state(seed: str) -> int:
    # FNV-1a over the seed's UTF-8 bytes: the xorshift32 start state, as in quiz.js.
    x = 2166136261
    for byte in seed.encode("utf-8"):
        x = ((x ^ byte) * 16777619) & 0xFFFFFFFF
    return x or 1


def _xorshift_words(x: int) -> Iterator[int]:
    # xorshift32 from state x; each step's state is four key bytes, low byte first.
    while True:
        x ^= (x << 13) & 0xFFFFFFFF
        x ^= x >> 17
        x ^= (x << 5) & 0xFFFFFFFF
        yield x


# The key is the stream's first KEY_BYTES bytes, repeated: the blob is only
# obfuscated (see above), and a short key costs a few dozen Python steps per
# quiz where a key as long as the blob cost most of a large course's build.
# Each xorshift32 step gives four bytes, not one, for the same reason.
KEY_BYTES = 256
_KEY_WORDS = struct.Struct(f"<{KEY_BYTES // 4}I")


def _key(seed: str) -> bytes:
    return _KEY_WORDS.pack(*islice(_xorshift_words(_seed_state(seed)), KEY_BYTES // 4))


def _xor_keystream(data: bytes, seed: str) -> bytes:
    if not data:
        return data
    key = _key(seed) * (len(data) // KEY_BYTES + 1)
    return (int.from_bytes(data, "big") ^ int.from_bytes(key[: len(data)], "big")).to_bytes(len(data), "big")


def _deflate(data: bytes) -> bytes:
    # Raw DEFLATE (no zlib header), which the browser's DecompressionStream("deflate-raw") reads.
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def encode_blob(data: Any, seed: str) -> str:
    # pydantic-core's encoder writes the same compact UTF-8 JSON as json.dumps(...,
    # separators=(",", ":"), ensure_ascii=False), in half the time.
    raw = pydantic_core.to_json(data)
    return base64.b64encode(_xor_keystream(_deflate(raw), seed)).decode("ascii")


def decode_blob(blob: str, seed: str) -> Any:
    """The Python twin of the runtime's decoder (tests, debugging); ValueError if it does not decode."""
    try:
        raw = zlib.decompress(_xor_keystream(base64.b64decode(blob), seed), -15)
    except zlib.error as exc:
        raise ValueError(f"not a quiz blob for seed {seed!r}: {exc}") from exc
    return json.loads(raw.decode("utf-8"))


def blob_seed(quiz: Quiz, hash12: str | None = None) -> str:
    """The keystream seed: quiz id and content hash, both on the page (quiz.js reads them there)."""
    return f"{quiz.id}:{hash12 or content_hash(quiz)}"


# ------------------------------------------------------------------ scoring


# ------------------------------------------------------------------ helpers


def _a(value: object) -> str:
    return escape(str(value), quote=True)


@lru_cache(maxsize=16)
def _strings_attr(strings: tuple[tuple[str, str], ...]) -> str:
    # Every quiz of a course carries the same strings: encode them once.
    return _a(json.dumps(dict(strings), ensure_ascii=False, separators=(",", ":")))


def _phrasing(md: MarkdownRenderer, text: str) -> str:
    """Inline HTML for a legend or label, whose content must be phrasing content."""
    html = md.inline(text)
    if _BLOCK.search(html):
        # Rare multi-paragraph text: paragraphs become block-styled spans so the
        # legend or label stays valid; lists are left to the browser.
        html = re.sub(r"<p>", '<span class="cg-pp">', html).replace("</p>", "</span>")
    return html


def _flatten(fragment: str) -> str:
    """Keep the fragment one raw-HTML block for Python-Markdown: no blank lines, no indentation."""
    parts = _PRE.split(fragment)
    out = []
    for i, part in enumerate(parts):
        if i % 2:  # inside <pre>, newlines matter: keep them as character references
            out.append(part.replace("\n", "&#10;"))
        else:
            # Same as re.sub(r"[ \t]*\n\s*", "\n", part), without the regex's backtracking cost.
            lines = part.split("\n")
            if len(lines) > 1:
                middle = [line.lstrip().rstrip(" \t") for line in lines[1:-1] if not line.isspace() and line]
                lines = [lines[0].rstrip(" \t"), *middle, lines[-1].lstrip()]
            out.append("\n".join(lines))
    return "".join(out).strip()


def _display_order(options: Sequence[Option], tokens: list[str], shuffle: bool) -> list[int]:
    # Before the runtime shuffles, the server order must not be the authored
    # one either; pinned options keep their authored slot.
    if not shuffle:
        return list(range(len(options)))
    free = sorted((i for i, o in enumerate(options) if not o.pin), key=lambda i: tokens[i])
    it = iter(free)
    return [i if options[i].pin else next(it) for i in range(len(options))]


# ---------------------------------------------------------------- questions


class _Renderer:
    def __init__(self, quiz: Quiz, ctx: QuizContext) -> None:
        self.quiz, self.ctx, self.md = quiz, ctx, ctx.markdown
        self.digest = ctx.digest or quiz_digest(quiz)
        self.s = ctx.strings

    def block(self, text: str | None) -> str | None:
        return self.md.block(text) if text else None

    def reviews(self, objectives: list[str]) -> list[contract.Review]:
        seen: dict[str, str] = {}
        for objective in objectives:
            if objective in self.ctx.objective_links:
                title, url = self.ctx.objective_links[objective]
                seen.setdefault(url, title)
        return [[title, url] for url, title in seen.items()]

    def question(self, index: int, q: AnyQuestion, total: int) -> tuple[str, contract.Question]:
        dom = _a(f"cg-{self.quiz.id}-{q.id}")  # escaped once, used in many attributes
        number = self.s["question"].format(n=index + 1, total=total)
        head = [
            f'<div class="cg-q" id="{dom}" data-i="{index}">',
            f'<p class="cg-n" role="heading" aria-level="{self.ctx.heading_level}" tabindex="-1">{_a(number)}</p>',
        ]
        if q.scenario:
            head.append(f'<div class="cg-sc">{self.md.block(q.scenario)}</div>')
        common: contract.Common = {
            "id": q.id,
            "explanation": self.block(q.explanation),
            "reviews": self.reviews(q.objectives),
            "points": roleplay_max(q) if isinstance(q, RolePlay) else q.points,
        }
        data: contract.Question
        if isinstance(q, RolePlay):
            body, data = self.roleplay(q, common)
            head.append(f'<div class="cg-p">{self.md.block(q.prompt)}</div>')
        else:
            if isinstance(q, (SingleChoice, MultipleChoice)):
                body, data = self.choice(q, dom, common)
            elif isinstance(q, Ordering):
                body, data = self.ordering(q, dom, common)
            else:
                body, data = self.matching(q, dom, common)
            legend = _phrasing(self.md, q.prompt)
            if isinstance(q, MultipleChoice):
                legend += f' <span class="cg-hint">{_a(self.s["multi_hint"])}</span>'
            body = f'<fieldset class="cg-f">\n<legend class="cg-p">{legend}</legend>\n{body}\n</fieldset>\n'
            body += f'<button type="button" class="cg-b" data-act="check">{_a(self.s["check"])}</button>'
        tail = '<div class="cg-r" tabindex="-1"></div>\n</div>'
        return "\n".join([*head, body, tail]), data

    def choice(
        self, q: SingleChoice | MultipleChoice, dom: str, common: contract.Common
    ) -> tuple[str, contract.SingleChoiceQuestion | contract.MultipleChoiceQuestion]:
        tokens = _tokens(self.digest, q.id, "o", len(q.options))
        shuffle = self.quiz.shuffle if q.shuffle is None else q.shuffle
        kind = "radio" if isinstance(q, SingleChoice) else "checkbox"
        rows = []
        for i in _display_order(q.options, tokens, shuffle):
            option, token = q.options[i], tokens[i]
            rows.append(
                f'<div class="cg-o"><input type="{kind}" id="{dom}-{token}" name="{dom}" value="{token}">'
                f'<label for="{dom}-{token}">{_phrasing(self.md, option.text)}</label></div>'
            )
        options: list[contract.ChoiceOption] = [
            {
                "token": token,
                "correct": 1 if option.correct else 0,
                "feedback": self.md.block(option.feedback),
                "pinned": 1 if option.pin else 0,
            }
            for option, token in zip(q.options, tokens, strict=True)
        ]
        data: contract.SingleChoiceQuestion | contract.MultipleChoiceQuestion
        if isinstance(q, MultipleChoice):
            data = {
                **common,
                "type": "multiple",
                "shuffle": shuffle,
                "partialCredit": q.partial_credit,
                "options": options,
            }
        else:
            data = {**common, "type": "single", "shuffle": shuffle, "options": options}
        return "\n".join(rows), data

    def ordering(self, q: Ordering, dom: str, common: contract.Common) -> tuple[str, contract.OrderingQuestion]:
        tokens = _tokens(self.digest, q.id, "i", len(q.items))
        order = sorted(range(len(q.items)), key=lambda i: tokens[i])
        if order == sorted(order):  # never show the answer as the starting order
            order = order[1:] + order[:1]
        rows = []
        for i in order:
            token = tokens[i]
            rows.append(
                f'<li class="cg-oi" data-v="{token}"><span class="cg-it" id="{dom}-{token}">'
                f"{_phrasing(self.md, q.items[i].text)}</span>"
                f'<span class="cg-mv"><button type="button" class="cg-b2" data-mv="-1" '
                f'aria-describedby="{dom}-{token}">{_a(self.s["move_up"])}</button>'
                f'<button type="button" class="cg-b2" data-mv="1" aria-describedby="{dom}-{token}">'
                f"{_a(self.s['move_down'])}</button></span></li>"
            )
        steps: list[contract.OrderingStep] = [
            {"token": token, "feedback": self.block(item.feedback)} for item, token in zip(q.items, tokens, strict=True)
        ]
        data: contract.OrderingQuestion = {
            **common,
            "type": "ordering",
            "partialCredit": q.partial_credit,
            "steps": steps,
        }
        return '<ol class="cg-ol">\n' + "\n".join(rows) + "\n</ol>", data

    def matching(self, q: Matching, dom: str, common: contract.Common) -> tuple[str, contract.MatchingQuestion]:
        lefts = _tokens(self.digest, q.id, "l", len(q.pairs))
        rights_text = [pair.right for pair in q.pairs] + list(q.distractors)
        rights = _tokens(self.digest, q.id, "r", len(rights_text))
        choices = "".join(
            f'<option value="{rights[i]}">{_a(rights_text[i])}</option>'
            for i in sorted(range(len(rights_text)), key=lambda i: rights[i])
        )
        rows = []
        for pair, token in zip(q.pairs, lefts, strict=True):
            rows.append(
                f'<div class="cg-mr"><label for="{dom}-{token}">{_a(pair.left)}</label>'
                f'<select id="{dom}-{token}" data-v="{token}"><option value="">{_a(self.s["select"])}</option>'
                f"{choices}</select></div>"
            )
        pairs: list[contract.MatchingPair] = [
            {"token": left, "match": rights[k], "feedback": self.block(pair.feedback)}
            for k, (pair, left) in enumerate(zip(q.pairs, lefts, strict=True))
        ]
        data: contract.MatchingQuestion = {
            **common,
            "type": "matching",
            "partialCredit": q.partial_credit,
            "pairs": pairs,
            "choices": rights,
        }
        return "\n".join(rows), data

    def roleplay(self, q: RolePlay, common: contract.Common) -> tuple[str, contract.RolePlayQuestion]:
        steps: dict[str, contract.RolePlayStep] = {
            step.id: {
                "customer": self.md.block(step.customer),
                "choices": [
                    {
                        "text": _phrasing(self.md, c.text),
                        "points": c.points,
                        "feedback": self.md.block(c.feedback),
                        "next": c.next,
                    }
                    for c in step.choices
                ],
            }
            for step in q.steps
        }
        endings: dict[str, contract.RolePlayEnding] = {
            ending.id: {
                "title": ending.title,
                "outcome": ending.outcome,
                "text": self.md.block(ending.text),
                "score": ending.score,
            }
            for ending in q.endings
        }
        data: contract.RolePlayQuestion = {
            **common,
            "type": "roleplay",
            "scoring": q.scoring,
            "shuffle": self.quiz.shuffle,
            "start": q.start,
            "steps": steps,
            "endings": endings,
        }
        return '<div class="cg-rp"></div>', data


def quiz_data(quiz: Quiz, ctx: QuizContext) -> contract.QuizData:
    """What the blob holds (before encoding), for tests and for `render_quiz`."""
    return _render(quiz, ctx)[1]


def _render(quiz: Quiz, ctx: QuizContext) -> tuple[str, contract.QuizData, str]:
    r = _Renderer(quiz, ctx)
    total = len(quiz.questions)
    parts: list[str] = []
    data: list[contract.Question] = []
    for i, q in enumerate(quiz.questions):
        html, item = r.question(i, q, total)
        parts.append(html)
        data.append(item)
    quiz_data: contract.QuizData = {"questions": data}
    if ctx.xapi is not None:
        quiz_data["xapi"] = ctx.xapi
    return "\n".join(parts), quiz_data, r.digest


def render_quiz(quiz: Quiz, ctx: QuizContext) -> str:
    """The quiz as one raw-HTML block to paste into the quiz page's Markdown."""
    body, data, full_digest = _render(quiz, ctx)
    digest = full_digest[:12]  # content_hash(quiz), without dumping the quiz again
    strings = _strings_attr(tuple(ctx.strings.items()))
    level = f'data-hl="{int(ctx.heading_level)}" ' if ctx.heading_level != 2 else ""
    root = (
        # data-search-exclude: Material's search leaves the questions out, so that
        # searching finds lessons (and a quiz by its heading), not answer options.
        # A <section>, because Material's search ends an exclusion at the first
        # closing tag of the same name, and the quiz holds many <div>s.
        f'<section class="cg-quiz" id="cg-{_a(quiz.id)}" data-search-exclude data-quiz="{_a(quiz.id)}" '
        f'data-course="{_a(ctx.course_id)}" '
        f'data-hash="{digest}" data-pass="{int(ctx.pass_mark)}" data-draw="{quiz.draw or ""}" '
        f"{level}"
        f'data-strings="{strings}" data-key="{encode_blob(data, blob_seed(quiz, digest))}">'
    )
    fragment = "\n".join(
        [
            root,
            f'<link rel="stylesheet" href="{_a(ctx.assets_url)}quiz.css">',
            body,
            '<div class="cg-sum" tabindex="-1" hidden></div>',
            '<div class="cg-live cg-vh" role="status"></div>',
            f'<script type="module" src="{_a(ctx.assets_url)}quiz.js"></script>',
            "</section>",
        ]
    )
    return _flatten(fragment) + "\n"
