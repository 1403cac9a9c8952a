"""The codes of `coursegen lint`'s warnings, and where each may be silenced.

They live here, not beside the rules in author/, because a trainer writes them into
the YAML (`silence: [{code: …, because: …}]`): checking those entries and offering
them to editors is the model's job, and the model imports no later stage.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

# Where a warning's `silence` entry goes: the question, the whole quiz or the lesson it is
# about. "course" warnings are not silenced one by one: CG001 goes away with the stale
# entry it reports, CG401 with a `recurring_names` entry in course.yaml, and CG402 when the
# placeholder is replaced; CG109, with a move that is right somewhere or appears less often.
Scope = Literal["question", "quiz", "lesson", "course"]


class LintCode(NamedTuple):
    scope: Scope
    title: str


LINT_CODES: dict[str, LintCode] = {
    "CG001": LintCode("course", "a silence entry that silences nothing"),
    "CG101": LintCode("question", "the right option is clearly the longest"),
    "CG102": LintCode("quiz", "the right option is the longest in most single-choice questions"),
    "CG103": LintCode("question", "the right options of a select-all question are exactly the longest"),
    "CG104": LintCode("quiz", "every select-all question has the same number of right options"),
    "CG105": LintCode("question", "every option of a select-all question is right"),
    "CG106": LintCode("question", "an 'all of the above' or 'none of the above' option"),
    "CG107": LintCode("question", "a wrong option or weaker choice whose feedback is too short to say why"),
    "CG108": LintCode("question", "only the right option repeats the prompt's key words"),
    "CG109": LintCode("course", "a kind of move that is wrong every time it appears"),
    "CG201": LintCode("question", "a role-play path with a weaker choice still reaches full marks"),
    "CG202": LintCode("question", "a role-play's best-scoring path does not end in success"),
    "CG203": LintCode("question", "picking the longest choice at every step reaches success"),
    "CG204": LintCode("quiz", "role-plays carry too large a share of the quiz's points"),
    "CG205": LintCode("question", "a role-play path with a slip reaches a success ending"),
    "CG301": LintCode("lesson", "an objective assessed only by questions that quote the lesson"),
    "CG302": LintCode("lesson", "the lesson's minutes are far from its reading time"),
    "CG401": LintCode("course", "one name with two different second names across the course"),
    "CG402": LintCode("course", "placeholder text written by coursegen new, not yet replaced"),
    "CG501": LintCode("quiz", "the final assessment's pass mark is below 50"),
}

SILENCEABLE = sorted(code for code, info in LINT_CODES.items() if info.scope != "course")


def codes_for(scope: Scope) -> list[str]:
    return sorted(code for code, info in LINT_CODES.items() if info.scope == scope)
