"""Typed models of the three kinds of YAML file a trainer writes.

The field descriptions are not decoration: they become the hover text that a
trainer's editor shows from the published JSON Schema, so they are written for
trainers, not for programmers.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from generator.model.lint_codes import SILENCEABLE, Scope, codes_for

Slug = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9-]*$",
        max_length=80,
        description="A short name made of lowercase letters, digits and hyphens, unique in the course.",
    ),
]
Markdown = Annotated[str, Field(min_length=1, description="Text in Markdown.")]
Line = Annotated[str, Field(min_length=1, max_length=300, description="One line of plain text.")]
Percent = Annotated[int, Field(ge=0, le=100, description="A percentage from 0 to 100.")]

# The kind of move an answer represents. Optional: a course that tags no answers loses nothing,
# but `coursegen lint` can only find the kinds of move that are always wrong where they are tagged.
_MOVE_HELP = (
    "The kind of move this answer represents, e.g. discount or escalate: one of the ids listed under "
    "'moves' in course/course.yaml. Learners never see it; `coursegen lint` warns when a kind of move is "
    "wrong every time it appears, since a learner can then rule it out without knowing the course."
)


class Strict(BaseModel):
    # strict: a trainer's "yes" must not quietly become True, nor "5" become 5;
    # forbid: a misspelt key must be reported, not ignored.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# The code is checked against the known codes by checks.py, which can say "did you
# mean"; this enum in the schema only lets an editor offer them as the trainer types.
_SILENCE_CODES: list[JsonValue] = [*SILENCEABLE]


class Silence(Strict):
    code: str = Field(
        min_length=1,
        json_schema_extra={"enum": _SILENCE_CODES},
        description="The code of the `coursegen lint` warning to silence, as it prints it, e.g. CG101.",
    )
    because: Annotated[str, Field(min_length=1, max_length=300, pattern=r"\S")] = Field(
        description="Why the warning does not apply here, in one line: the next person to edit this reads it.",
    )


def _silence_help(scope: Scope) -> str:
    return (
        f"`coursegen lint` warnings about this {scope} ({', '.join(codes_for(scope))}) that do not apply here, "
        "each with its code and why (code: ..., because: ...). A silenced warning is counted in lint's summary, "
        "not printed."
    )


# --------------------------------------------------------------------- lessons


class Objective(Strict):
    id: Slug = Field(description="Name that quiz questions use to say they assess this objective.")
    text: Line = Field(description="What the learner can do after the lesson, starting with a verb.")


class Section(Strict):
    heading: Line = Field(description="Heading of this part of the reading.")
    body: Markdown = Field(description="The reading itself, in Markdown. Keep paragraphs short.")


class Example(Strict):
    title: Line = Field(description="A short title for the example.")
    account: Line | None = Field(default=None, description="The customer account, e.g. 'Harbour Freight Co.'.")
    stage: Line | None = Field(default=None, description="The deal stage, e.g. 'renewal' or 'discovery call'.")
    body: Markdown = Field(description="What happened and what was said, in Markdown.")


class Exercise(Strict):
    title: Line = Field(description="A short title for the exercise.")
    body: Markdown = Field(description="What the learner does on the job this week, in Markdown.")
    checklist: list[Line] = Field(
        default_factory=list,
        description="What a manager can watch for when the learner does the exercise with a customer, "
        "one observable behaviour a line.",
    )


class Source(Strict):
    author: Line = Field(description="Who wrote it.")
    title: Line = Field(description="Title of the article or book.")
    url: Annotated[str, Field(pattern=r"^https?://\S+$")] | None = Field(
        default=None, description="Link to the source, if it has one (http or https)."
    )
    note: Line | None = Field(default=None, description="What the lesson takes from this source.")


class Lesson(Strict):
    id: Slug = Field(description="The lesson's name; the course outline lists lessons by it.")
    title: Line = Field(description="The lesson's title, shown as the page heading and in the navigation.")
    summary: Line | None = Field(default=None, description="One sentence shown on the course home.")
    minutes: int = Field(ge=1, le=240, description="Estimated time to complete the lesson, in minutes.")
    objectives: list[Objective] = Field(
        min_length=1,
        max_length=8,
        description="What the learner will be able to do; each must be assessed by a quiz question.",
    )
    sections: list[Section] = Field(min_length=1, description="The reading, in short sections.")
    examples: list[Example] = Field(default_factory=list, description="Realistic sales examples.")
    exercise: Exercise | None = Field(default=None, description="Something to do on the job this week.")
    reflection: Markdown | None = Field(default=None, description="A question for the learner to think about.")
    takeaways: list[Line] = Field(default_factory=list, description="The key points to remember.")
    sources: list[Source] = Field(default_factory=list, description="Where the ideas come from.")
    quiz: Slug | None = Field(
        default=None,
        description="Id of a short quiz shown on this lesson's page, after the takeaways: a check of this lesson alone.",
    )
    silence: list[Silence] = Field(default_factory=list, description=_silence_help("lesson"))


# ------------------------------------------------------------------- questions


class QuestionBase(Strict):
    id: Slug = Field(description="The question's name, unique within its quiz.")
    objectives: list[Slug] = Field(
        default_factory=list, description="Ids of the lesson objectives this question assesses."
    )
    scenario: Markdown | None = Field(
        default=None, description="The situation: who, what deal, what was said. Markdown."
    )
    prompt: Markdown = Field(description="The question the learner answers. Markdown.")
    explanation: Markdown | None = Field(
        default=None, description="Shown after the learner checks an answer: why the right answer is right."
    )
    silence: list[Silence] = Field(default_factory=list, description=_silence_help("question"))


class GradedQuestion(QuestionBase):
    # A role-play's points come from the choices on the learner's path, so only
    # the other types carry a fixed number.
    points: int = Field(default=1, ge=1, le=100, description="Points for a fully correct answer.")


class Option(Strict):
    text: Markdown = Field(description="The answer as the learner sees it. Markdown.")
    correct: bool = Field(default=False, description="true for a right answer.")
    feedback: Markdown = Field(description="Why this answer is right or wrong, shown after checking.")
    pin: bool = Field(default=False, description="true keeps this option in place when options are shuffled.")
    move: Slug | None = Field(default=None, description=_MOVE_HELP)


class SingleChoice(GradedQuestion):
    type: Literal["single"] = Field(description="One right answer, chosen with radio buttons.")
    options: list[Option] = Field(min_length=2, max_length=10, description="The answers to choose from.")
    shuffle: bool | None = Field(default=None, description="Shuffle the options; defaults to the quiz's setting.")


class MultipleChoice(GradedQuestion):
    type: Literal["multiple"] = Field(description="Select all that apply, with checkboxes.")
    options: list[Option] = Field(min_length=2, max_length=10, description="The answers to choose from.")
    shuffle: bool | None = Field(default=None, description="Shuffle the options; defaults to the quiz's setting.")
    partial_credit: bool = Field(
        default=True,
        description="true gives a share of the points for each right choice, less each wrong one; false gives all or nothing.",
    )


class OrderItem(Strict):
    text: Markdown = Field(description="One step. List the steps in the right order; the learner sees them shuffled.")
    feedback: Markdown | None = Field(default=None, description="Why this step belongs where it does.")


class Ordering(GradedQuestion):
    type: Literal["ordering"] = Field(description="Put the steps in the right order.")
    items: list[OrderItem] = Field(min_length=2, max_length=10, description="The steps, in the right order.")
    partial_credit: bool = Field(default=True, description="true gives a share of the points for each step in place.")


class Pair(Strict):
    left: Line = Field(description="The item the learner matches, e.g. an attitude.")
    right: Line = Field(description="What it matches, e.g. the behaviour that shows it.")
    feedback: Markdown | None = Field(default=None, description="Why these two belong together.")


class Matching(GradedQuestion):
    type: Literal["matching"] = Field(description="Pair each item with its match, using drop-down lists.")
    pairs: list[Pair] = Field(min_length=2, max_length=10, description="The right pairs.")
    distractors: list[Line] = Field(default_factory=list, description="Extra choices on the right that match nothing.")
    partial_credit: bool = Field(default=True, description="true gives a share of the points for each right pair.")


class Choice(Strict):
    text: Markdown = Field(description="What the learner says or does.")
    points: int = Field(default=0, ge=0, le=100, description="Points this choice earns.")
    feedback: Markdown = Field(description="Why this choice helps or hurts, shown in the debrief.")
    next: Slug = Field(description="The id of the next step or of an ending.")
    move: Slug | None = Field(default=None, description=_MOVE_HELP)


class Step(Strict):
    id: Slug = Field(description="The step's name, used by choices' 'next'.")
    customer: Markdown = Field(description="What the customer says or does at this point.")
    choices: list[Choice] = Field(min_length=1, max_length=6, description="What the learner can do next.")


class Ending(Strict):
    id: Slug = Field(description="The ending's name, used by choices' 'next'.")
    title: Line = Field(description="The ending's title, e.g. 'Trust grows'.")
    outcome: Literal["success", "partial", "failure"] = Field(
        description="How well the conversation went: success, partial or failure."
    )
    text: Markdown = Field(description="What happens next with this customer, and why.")
    score: Percent | None = Field(
        default=None,
        description="With 'scoring: ending', what reaching this ending scores, from 0 to 100; required there, "
        "not allowed with 'scoring: path'.",
    )


class RolePlay(QuestionBase):
    type: Literal["roleplay"] = Field(description="A branching conversation with a customer.")
    start: Slug = Field(description="The id of the first step.")
    steps: list[Step] = Field(min_length=1, description="The conversation's steps.")
    endings: list[Ending] = Field(min_length=2, description="Where the conversation can end.")
    scoring: Literal["path", "ending"] = Field(
        default="path",
        description="How the conversation is scored. 'path' (the default): the points of the choices made, "
        "out of the best path's points; a path that slips (a choice worth less than the best at its step) "
        "must not reach the maximum. 'ending': the score of the ending reached, out of the best ending's.",
    )


Question = Annotated[
    SingleChoice | MultipleChoice | Ordering | Matching | RolePlay,
    Field(discriminator="type"),
]
QUESTION_TYPES = ("single", "multiple", "ordering", "matching", "roleplay")


class Quiz(Strict):
    id: Slug = Field(description="The quiz's name; the course outline refers to it.")
    title: Line = Field(description="The quiz's title, shown as the page heading and in the navigation.")
    intro: Markdown | None = Field(default=None, description="Shown above the questions. Markdown.")
    pass_mark: Percent | None = Field(default=None, description="Percent needed to pass; defaults to the course's.")
    shuffle: bool = Field(default=True, description="Shuffle the options of every question on each attempt.")
    draw: int | None = Field(
        default=None, ge=1, description="Ask this many questions, drawn at random from the pool, on each attempt."
    )
    questions: list[Question] = Field(min_length=1, description="The questions (the pool, if 'draw' is set).")
    silence: list[Silence] = Field(
        default_factory=list,
        description=_silence_help("quiz") + " A warning about one question is silenced on that question.",
    )


# ---------------------------------------------------------------------- course


class Module(Strict):
    id: Slug = Field(description="The module's name, used in page addresses.")
    title: Line = Field(description="The module's title.")
    summary: Line | None = Field(default=None, description="One sentence shown on the course home.")
    lessons: list[Slug] = Field(min_length=1, description="Ids of the module's lessons, in order.")
    quiz: Slug | None = Field(default=None, description="Id of the module's quiz.")


class Move(Strict):
    id: Slug = Field(
        description="The move's name, as options and role-play choices write it after 'move:', e.g. discount."
    )
    description: Line = Field(
        description="What this kind of move is, in one line, e.g. 'Lower the price or improve the terms to win "
        "or keep the business.' The facilitator edition shows it beside each answer tagged with the move."
    )


class Course(Strict):
    id: Slug = Field(description="The course's name; learners' saved progress is kept under it.")
    title: Line = Field(description="The course title.")
    version: Annotated[str, Field(pattern=r"^\d+(\.\d+){0,2}$")] = Field(
        description="The course version, e.g. '1.0'. Raise it when the content changes in a way that matters."
    )
    description: Markdown = Field(description="What the course is about, shown on the course home.")
    audience: Line = Field(description="Who the course is for.")
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")] = Field(
        default="en", description="Two-letter language code of the course text."
    )
    pass_mark: Percent = Field(default=70, description="Percent needed to pass a quiz that sets none.")
    allow_html: bool = Field(
        default=False, description="true lets Markdown contain raw HTML; false (safer) shows it as text."
    )
    modules: list[Module] = Field(min_length=1, description="The modules, in order.")
    capstone: Module | None = Field(default=None, description="A closing module that brings the others together.")
    final_assessment: Slug | None = Field(default=None, description="Id of the quiz whose pass completes the course.")
    require_module_quizzes: bool = Field(
        default=False,
        description="true: the course is complete only when every module's and lesson's quiz is passed too.",
    )
    recurring_names: list[Line] = Field(
        default_factory=list,
        description="Names of people or companies meant to recur across the course with different second names "
        "(e.g. your own company, 'Tidemark'); `coursegen lint` does not report these as one name used for two.",
    )
    max_roleplay_share: Percent = Field(
        default=40,
        description="The largest share of a quiz's points, in per cent, that its role-plays may carry before "
        "`coursegen lint` warns (CG204): beyond it the role-plays decide the score more than every other question.",
    )
    moves: list[Move] = Field(
        default_factory=list,
        description="The kinds of move that quiz answers are tagged with ('move:' on an option or a role-play "
        "choice), each with its id and a one-line description. Every move a quiz uses must be listed here, once.",
    )
