"""Rules that no single field can express: references between files, and quiz logic.

Each check names the file, line and column of the value to change, so a trainer
never has to guess which of forty files a rule is about.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from generator.model.lint_codes import LINT_CODES, Scope
from generator.model.models import (
    Course,
    Lesson,
    Matching,
    Module,
    MultipleChoice,
    Ordering,
    Quiz,
    RolePlay,
    Silence,
    SingleChoice,
)
from generator.model.roleplay_paths import name, scores, slips
from generator.model.validation_errors import format_loc
from generator.read.problems import Problem
from generator.read.yaml_source import Document, Path_

OUTLINE = "course/course.yaml"

# Lessons and quizzes become pages named after their ids, beside pages coursegen
# or the engine writes itself: an id here would overwrite one of those (a quiz
# called `index` replaced the course home, so the course could not be completed).
RESERVED_IDS = {
    "index": "the course home page",
    "certificate": "the certificate page",
    "404": "the page shown for a missing address",
}


def _at(doc: Document, loc: Path_, message: str) -> Problem:
    # A list or mapping is pointed at by its key, which is where a trainer
    # reads its name; a single value is pointed at directly.
    mark = doc.mark_for(loc, key=isinstance(doc.value_at(loc), (list, dict)))
    where = format_loc(loc)
    return Problem(doc.path, mark.line, mark.column, f"{where}: {message}" if where else message)


def _modules(course: Course) -> Iterator[tuple[Path_, Module]]:
    for i, module in enumerate(course.modules):
        yield ("modules", i), module
    if course.capstone is not None:
        yield ("capstone",), course.capstone


def check_course(
    outline: tuple[Course, Document],
    lessons: list[tuple[Lesson, Document]],
    quizzes: list[tuple[Quiz, Document]],
    *,
    complete: bool,
) -> list[Problem]:
    """All cross-file problems. With `complete` false some files failed to load, so
    references to them are not reported again as missing."""
    course, cdoc = outline
    problems: list[Problem] = []
    problems += _file_names(lessons) + _file_names(quizzes)
    problems += _unique_ids(lessons, quizzes)
    problems += _reserved_ids([*lessons, *quizzes])

    lesson_ids = {lesson.id for lesson, _ in lessons}
    quiz_ids = {quiz.id for quiz, _ in quizzes}
    used_lessons: dict[str, str] = {}
    used_quizzes: dict[str, str] = {}
    module_ids: set[str] = set()
    for loc, module in _modules(course):
        if module.id in module_ids:
            problems.append(
                _at(cdoc, (*loc, "id"), f"module id '{module.id}' is used twice; give each module its own id")
            )
        module_ids.add(module.id)
        for j, lesson_id in enumerate(module.lessons):
            problems += _reference(cdoc, (*loc, "lessons", j), lesson_id, "lesson", lesson_ids, used_lessons, complete)
        if module.quiz is not None:
            problems += _reference(cdoc, (*loc, "quiz"), module.quiz, "quiz", quiz_ids, used_quizzes, complete)
    if course.final_assessment is not None:
        problems += _reference(
            cdoc, ("final_assessment",), course.final_assessment, "quiz", quiz_ids, used_quizzes, complete
        )
    for lesson, doc in lessons:
        if lesson.quiz is not None:
            problems += _reference(doc, ("quiz",), lesson.quiz, "quiz", quiz_ids, used_quizzes, complete)
        problems += _silences(doc, (), lesson.silence, "lesson")
    for lesson, doc in lessons:
        if lesson.id not in used_lessons:
            problems.append(
                _at(
                    doc, ("id",), f"lesson '{lesson.id}' is in no module; list it under a module's lessons in {OUTLINE}"
                )
            )
    for quiz, doc in quizzes:
        # A lesson that failed to load may name this quiz: only a complete course can tell.
        if quiz.id not in used_quizzes and complete:
            problems.append(
                _at(
                    doc,
                    ("id",),
                    f"quiz '{quiz.id}' is used nowhere; name it as a lesson's quiz, "
                    f"or as a module's quiz or the final_assessment in {OUTLINE}",
                )
            )

    objectives = _objectives(lessons, problems)
    assessed: set[str] = set()
    moves = _moves(course, cdoc, problems)
    for quiz, doc in quizzes:
        problems += _check_quiz(quiz, doc, objectives, assessed, complete)
        problems += _move_references(quiz, doc, moves)
    if complete:
        for objective_id, (doc, loc) in objectives.items():
            if objective_id not in assessed:
                problems.append(
                    _at(
                        doc,
                        loc,
                        f"objective '{objective_id}' is assessed by no quiz question; list it in a question's objectives",
                    )
                )
    return problems


def _file_names(items: Iterable[tuple[Lesson | Quiz, Document]]) -> list[Problem]:
    # The file is named after the id so that a trainer who reads an id in the
    # outline or in an error can open the file without searching.
    problems = []
    for model, doc in items:
        stem = doc.path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        if stem != model.id:
            problems.append(
                _at(
                    doc,
                    ("id",),
                    f"'{model.id}' differs from the file name '{stem}'; rename the file or change the id",
                )
            )
    return problems


def _reserved_ids(items: Iterable[tuple[Lesson | Quiz, Document]]) -> list[Problem]:
    return [
        _at(
            doc,
            ("id",),
            f"the id '{model.id}' is taken by {RESERVED_IDS[model.id]}; choose another id and rename the file",
        )
        for model, doc in items
        if model.id in RESERVED_IDS
    ]


def _unique_ids(lessons: list[tuple[Lesson, Document]], quizzes: list[tuple[Quiz, Document]]) -> list[Problem]:
    # Lessons and quizzes share one namespace because each becomes a page.
    seen: dict[str, str] = {}
    problems = []
    pages: list[tuple[Lesson | Quiz, Document]] = [*lessons, *quizzes]
    for model, doc in pages:
        if model.id in seen:
            problems.append(
                _at(
                    doc,
                    ("id",),
                    f"id '{model.id}' is already used by {seen[model.id]}; every lesson and quiz needs its own id",
                )
            )
        else:
            seen[model.id] = doc.path
    return problems


def _reference(
    doc: Document,
    loc: Path_,
    ref: str,
    kind: str,
    known: set[str],
    used: dict[str, str],
    complete: bool,
) -> list[Problem]:
    if ref in used:
        return [_at(doc, loc, f"{kind} '{ref}' is already used at {used[ref]}; each {kind} belongs in one place")]
    used[ref] = f"{doc.path} {format_loc(loc)}"
    if ref not in known and complete:
        folder = "quizzes/" if kind == "quiz" else "course/lessons/"
        hint = _closest(ref, known)
        return [_at(doc, loc, f"no {kind} has the id '{ref}'{hint}; create {folder}{ref}.yaml or fix the id")]
    return []


def _closest(ref: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(ref, sorted(known), n=1, cutoff=0.7)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _objectives(lessons: list[tuple[Lesson, Document]], problems: list[Problem]) -> dict[str, tuple[Document, Path_]]:
    found: dict[str, tuple[Document, Path_]] = {}
    for lesson, doc in lessons:
        for i, objective in enumerate(lesson.objectives):
            loc: Path_ = ("objectives", i, "id")
            if objective.id in found:
                other = found[objective.id][0].path
                problems.append(
                    _at(
                        doc,
                        loc,
                        f"objective id '{objective.id}' is already used in {other}; objective ids are unique in the course",
                    )
                )
            else:
                found[objective.id] = (doc, loc)
    return found


def _moves(course: Course, doc: Document, problems: list[Problem]) -> set[str]:
    """The move ids course.yaml lists; a second entry for one id is a problem (which description holds?)."""
    first: dict[str, int] = {}
    for k, move in enumerate(course.moves):
        if move.id in first:
            problems.append(
                _at(
                    doc,
                    ("moves", k, "id"),
                    f"move '{move.id}' is already listed at moves[{first[move.id]}]; list each move once, "
                    "with one description",
                )
            )
        else:
            first[move.id] = k
    return set(first)


def _move_references(quiz: Quiz, doc: Document, moves: set[str]) -> list[Problem]:
    # A move that is not listed is most often a typo, and a typo would split one kind of
    # move into two, hiding from lint a move that is wrong every time it appears.
    problems: list[Problem] = []
    for i, question in enumerate(quiz.questions):
        tagged: list[tuple[Path_, str | None]] = []
        if isinstance(question, (SingleChoice, MultipleChoice)):
            tagged = [(("questions", i, "options", j, "move"), o.move) for j, o in enumerate(question.options)]
        elif isinstance(question, RolePlay):
            tagged = [
                (("questions", i, "steps", k, "choices", c, "move"), choice.move)
                for k, step in enumerate(question.steps)
                for c, choice in enumerate(step.choices)
            ]
        for loc, move in tagged:
            if move is not None and move not in moves:
                hint = _closest(move, moves)
                problems.append(
                    _at(
                        doc,
                        loc,
                        f"no move has the id '{move}'{hint}; list it under moves in {OUTLINE} "
                        "(- id: ..., description: ...) or fix the id",
                    )
                )
    return problems


def _check_quiz(
    quiz: Quiz,
    doc: Document,
    objectives: dict[str, tuple[Document, Path_]],
    assessed: set[str],
    complete: bool,
) -> list[Problem]:
    problems = _silences(doc, (), quiz.silence, "quiz")
    if quiz.draw is not None and quiz.draw > len(quiz.questions):
        problems.append(
            _at(
                doc,
                ("draw",),
                f"asks for {quiz.draw} questions but the quiz has only {len(quiz.questions)}; lower it or add questions",
            )
        )
    seen: set[str] = set()
    for i, question in enumerate(quiz.questions):
        loc: Path_ = ("questions", i)
        if question.id in seen:
            problems.append(_at(doc, (*loc, "id"), f"question id '{question.id}' is used twice in this quiz"))
        seen.add(question.id)
        problems += _silences(doc, loc, question.silence, "question")
        for j, objective in enumerate(question.objectives):
            assessed.add(objective)
            if objective not in objectives and complete:
                hint = _closest(objective, objectives)
                problems.append(_at(doc, (*loc, "objectives", j), f"no lesson has the objective '{objective}'{hint}"))
        if isinstance(question, SingleChoice):
            correct = sum(option.correct for option in question.options)
            if correct != 1:
                problems.append(
                    _at(
                        doc,
                        (*loc, "options"),
                        f"a single-choice question needs exactly one correct option, not {correct}; use type: multiple for more",
                    )
                )
        elif isinstance(question, MultipleChoice):
            if not any(option.correct for option in question.options):
                problems.append(_at(doc, (*loc, "options"), "mark at least one option correct: true"))
        elif isinstance(question, Ordering):
            problems += _distinct(doc, (*loc, "items"), [item.text for item in question.items], "text", "step")
        elif isinstance(question, Matching):
            problems += _distinct(doc, (*loc, "pairs"), [pair.left for pair in question.pairs], "left", "item")
            problems += _distinct(doc, (*loc, "pairs"), [pair.right for pair in question.pairs], "right", "match")
            rights = {pair.right for pair in question.pairs}
            for k, extra in enumerate(question.distractors):
                if extra in rights:
                    problems.append(
                        _at(
                            doc,
                            (*loc, "distractors", k),
                            f"'{extra}' is already a right-hand match; a distractor must match nothing",
                        )
                    )
        elif isinstance(question, RolePlay):
            problems += _check_roleplay(question, doc, loc)
    return problems


# Where a silence entry for each kind of warning belongs, said as what to do.
_SCOPE_HOME: dict[Scope, str] = {
    "question": "is about one question; move this entry to the silence list of the question it names",
    "quiz": "is about the whole quiz; move this entry to the quiz's own silence list, at the top of the file",
    "lesson": "is about a lesson; move this entry to the silence list of that lesson's file",
}
_UNSILENCEABLE = {
    "CG001": "reports a silence entry that silences nothing; remove that entry instead",
    "CG109": "is about a kind of move across the course, not one question; make that move right somewhere, "
    "in circumstances the lessons teach",
    "CG401": f"is not silenced here; list the name under recurring_names in {OUTLINE} if it is meant to recur",
    "CG402": "cannot be silenced; replace the placeholder text it reports",
}


def _silences(doc: Document, loc: Path_, entries: list[Silence], scope: Scope) -> list[Problem]:
    """Each entry names a lint code that exists, that belongs at this level, and only once."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for k, entry in enumerate(entries):
        at: Path_ = (*loc, "silence", k, "code")
        known = LINT_CODES.get(entry.code)
        if known is None:
            hint = _closest(entry.code.upper(), LINT_CODES)
            problems.append(
                _at(
                    doc,
                    at,
                    f"no lint warning has the code '{entry.code}'{hint}; write the code as coursegen lint prints it",
                )
            )
        elif known.scope == "course":
            problems.append(_at(doc, at, f"{entry.code} {_UNSILENCEABLE.get(entry.code, 'cannot be silenced')}"))
        elif known.scope != scope:
            problems.append(_at(doc, at, f"{entry.code} {_SCOPE_HOME[known.scope]}"))
        elif entry.code in seen:
            problems.append(_at(doc, at, f"{entry.code} is already silenced here; keep one entry"))
        seen.add(entry.code)
    return problems


def _distinct(doc: Document, loc: Path_, values: list[str], field: str, noun: str) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    for k, value in enumerate(values):
        if value in seen:
            problems.append(_at(doc, (*loc, k, field), f"this {noun} appears twice; every {noun} must differ"))
        seen.add(value)
    return problems


def _check_roleplay(question: RolePlay, doc: Document, loc: Path_) -> list[Problem]:
    problems: list[Problem] = []
    steps = {step.id: (k, step) for k, step in enumerate(question.steps)}
    endings = {ending.id: k for k, ending in enumerate(question.endings)}
    for k, ending in enumerate(question.endings):
        if ending.id in steps:
            problems.append(
                _at(doc, (*loc, "endings", k, "id"), f"'{ending.id}' is already a step id; give the ending its own id")
            )
    if len(steps) != len(question.steps):
        seen: set[str] = set()
        for k, step in enumerate(question.steps):
            if step.id in seen:
                problems.append(_at(doc, (*loc, "steps", k, "id"), f"step id '{step.id}' is used twice"))
            seen.add(step.id)
    if question.start not in steps:
        hint = _closest(question.start, steps)
        problems.append(_at(doc, (*loc, "start"), f"'{question.start}' names no step{hint}"))
        return problems
    targets = set(steps) | set(endings)
    for k, step in enumerate(question.steps):
        for c, choice in enumerate(step.choices):
            if choice.next not in targets:
                hint = _closest(choice.next, targets)
                problems.append(
                    _at(
                        doc,
                        (*loc, "steps", k, "choices", c, "next"),
                        f"'{choice.next}' names no step or ending{hint}",
                    )
                )
    if problems:
        return problems
    # Depth-first walk from the start: finds what is reachable and any loop,
    # which would let a conversation go on without ever reaching an ending.
    state: dict[str, int] = {}
    reached: set[str] = set()

    def visit(step_id: str, via: Path_) -> None:
        if state.get(step_id) == 1:
            problems.append(
                _at(
                    doc,
                    via,
                    f"this choice leads back to step '{step_id}', so the conversation can loop forever; point it forward",
                )
            )
            return
        if state.get(step_id) == 2:
            return
        state[step_id] = 1
        k, step = steps[step_id]
        for c, choice in enumerate(step.choices):
            reached.add(choice.next)
            if choice.next in steps:
                visit(choice.next, (*loc, "steps", k, "choices", c, "next"))
        state[step_id] = 2

    visit(question.start, (*loc, "start"))
    for step_id, (k, _) in steps.items():
        if step_id not in state:
            problems.append(
                _at(
                    doc,
                    (*loc, "steps", k, "id"),
                    f"step '{step_id}' can never be reached; point a choice's next at it or remove it",
                )
            )
    for ending_id, k in endings.items():
        if ending_id not in reached:
            problems.append(
                _at(
                    doc,
                    (*loc, "endings", k, "id"),
                    f"ending '{ending_id}' can never be reached; point a choice's next at it or remove it",
                )
            )
    if problems:
        return problems
    return _check_scoring(question, doc, loc)


def _check_scoring(question: RolePlay, doc: Document, loc: Path_) -> list[Problem]:
    """Ending scores fit the scoring mode, and in path scoring a slip always costs points."""
    problems: list[Problem] = []
    for k, ending in enumerate(question.endings):
        if question.scoring == "ending" and ending.score is None:
            problems.append(
                _at(doc, (*loc, "endings", k), "add 'score' (0 to 100): with 'scoring: ending' each ending has one")
            )
        if question.scoring == "path" and ending.score is not None:
            problems.append(
                _at(
                    doc,
                    (*loc, "endings", k, "score"),
                    "an ending's score counts only with 'scoring: ending'; add that to the question or remove the score",
                )
            )
    if question.scoring == "path" and not problems:
        problems += _slip_reaches_maximum(question, doc, loc)
    return problems


def _slip_reaches_maximum(question: RolePlay, doc: Document, loc: Path_) -> list[Problem]:
    # A slip is a choice worth fewer points than the best choice at its step. If some
    # path with a slip still totals the best path's points (a later step pays the points
    # back), a learner who slips and recovers gets full marks and the score does not
    # measure the slip.
    found = scores(question)
    weaker = slips(question, found)
    if not weaker:
        return []
    s, c = weaker[0]
    step = question.steps[s]
    steps = {each.id: each for each in question.steps}
    rest, end = found.path_from(step.choices[c].next, steps)
    path = name([*found.path_to(step.id), (step.id, c), *rest], end)
    top = max(choice.points for choice in step.choices)
    return [
        _at(
            doc,
            (*loc, "steps", s, "choices", c, "points"),
            f"the path {path} slips here ({_points(step.choices[c].points)} where the best choice earns {top}) "
            f"and still scores the maximum {found.ahead[question.start]}; make the way back earn less, "
            "or use 'scoring: ending'",
        )
    ]


def _points(n: int) -> str:
    return f"{n} point" if n == 1 else f"{n} points"
