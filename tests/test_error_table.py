"""Bad input a trainer could write, and the exact line each must produce.

Every case starts from the valid mini course, changes one thing, and checks
the whole report: file, line, column and wording, and that nothing else is
reported. No case may raise anything but CourseError.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model.load import load_course
from generator.read.problems import CourseError

LESSON = "course/lessons/first-lesson.yaml"
QUIZ = "quizzes/basics-quiz.yaml"
OUTLINE = "course/course.yaml"
FINAL = "quizzes/final-check.yaml"

BOMB = "id: final-check\n" + "".join(
    f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9) if i else ', '.join(['lol'] * 9)}]\n" for i in range(9)
)

# (case id, file, old text, new text, expected report)
CASES: list[tuple[str, str, str, str, list[str]]] = [
    (
        "bool-as-word",
        QUIZ,
        "correct: true\n        feedback: You used",
        "correct: yes\n        feedback: You used",
        [f"{QUIZ}:14:18: questions[0].options[1].correct: must be true or false, not the text 'yes'"],
    ),
    (
        "misspelt-key",
        QUIZ,
        "correct: true\n        feedback: You used",
        "corect: true\n        feedback: You used",
        [f"{QUIZ}:14:9: questions[0].options[1].corect: unknown field 'corect'; did you mean 'correct'?"],
    ),
    ("unknown-top-key", QUIZ, "intro:", "intor:", [f"{QUIZ}:3:1: intor: unknown field 'intor'; did you mean 'intro'?"]),
    (
        # The fields are those of this question's type, not of the quiz's first question
        # (a single choice, which has `shuffle`: it was "did you mean 'shuffle'?").
        "field-of-another-question-type",
        QUIZ,
        "    type: ordering\n",
        "    type: ordering\n    shuffle: true\n",
        [
            f"{QUIZ}:35:5: questions[2].shuffle: unknown field 'shuffle'; valid fields: id, objectives, scenario, "
            "prompt, explanation, silence, points, type, items, partial_credit"
        ],
    ),
    (
        "missing-prompt",
        QUIZ,
        "    prompt: How do you answer?\n",
        "",
        [f"{QUIZ}:5:5: questions[0].prompt: add the required field 'prompt'"],
    ),
    (
        "unknown-type",
        QUIZ,
        "type: ordering",
        "type: order",
        [
            f"{QUIZ}:34:11: questions[2].type: type must be one of single, multiple, ordering, matching, roleplay, not the text 'order'"
        ],
    ),
    (
        "number-for-text",
        QUIZ,
        'text: "Hi Dana!"',
        "text: 42",
        [f"{QUIZ}:13:15: questions[0].options[1].text: must be text, not the number 42; put it in quotes"],
    ),
    (
        "empty-feedback",
        QUIZ,
        "feedback: You know who it is.",
        "feedback:",
        [f"{QUIZ}:12:18: questions[0].options[0].feedback: must not be empty; write the text after the colon"],
    ),
    (
        "two-correct-single",
        QUIZ,
        "feedback: You know who it is.",
        "correct: true\n        feedback: You know who it is.",
        [
            f"{QUIZ}:10:5: questions[0].options: a single-choice question needs exactly one correct option, not 2; use type: multiple for more"
        ],
    ),
    (
        "multiple-none-correct",
        FINAL,
        None,
        "id: final-check\ntitle: Final\nquestions:\n  - id: q\n    type: multiple\n    objectives: [first-greet]\n"
        "    prompt: Which?\n    options:\n      - {text: A, feedback: No.}\n      - {text: B, feedback: No.}\n",
        [f"{FINAL}:8:5: questions[0].options: mark at least one option correct: true"],
    ),
    (
        "bad-slug",
        QUIZ,
        "id: greet",
        "id: Greet Dana",
        [
            f"{QUIZ}:5:9: questions[0].id: the text 'Greet Dana' is not allowed here; use only lowercase letters, digits and hyphens, like 'dimmer-switch'"
        ],
    ),
    (
        "duplicate-question-id",
        QUIZ,
        "id: listen",
        "id: greet",
        [f"{QUIZ}:20:9: questions[1].id: question id 'greet' is used twice in this quiz"],
    ),
    (
        "duplicate-key",
        QUIZ,
        "title: Basics quiz\n",
        "title: Basics quiz\ntitle: Again\n",
        [f"{QUIZ}:3:1: duplicate key 'title' (first on line 2); keep only one of them"],
    ),
    (
        "unknown-objective",
        QUIZ,
        "objectives: [first-greet]\n    scenario",
        "objectives: [first-gret]\n    scenario",
        [
            f"{QUIZ}:7:18: questions[0].objectives[0]: no lesson has the objective 'first-gret' (did you mean 'first-greet'?)"
        ],
    ),
    (
        "unassessed-objective",
        LESSON,
        "  - id: first-listen\n    text: Listen before you pitch.\n",
        "  - id: first-listen\n    text: Listen before you pitch.\n  - id: first-close\n    text: Close the call.\n",
        [
            f"{LESSON}:10:9: objectives[2].id: objective 'first-close' is assessed by no quiz question; list it in a question's objectives"
        ],
    ),
    (
        "duplicate-objective",
        LESSON,
        "id: first-listen",
        "id: first-greet",
        [
            f"{LESSON}:8:9: objectives[1].id: objective id 'first-greet' is already used in course/lessons/first-lesson.yaml; objective ids are unique in the course",
            f"{QUIZ}:22:18: questions[1].objectives[0]: no lesson has the objective 'first-listen'",
            f"{QUIZ}:35:18: questions[2].objectives[0]: no lesson has the objective 'first-listen'",
            f"{QUIZ}:53:18: questions[4].objectives[0]: no lesson has the objective 'first-listen'",
        ],
    ),
    (
        "missing-lesson-ref",
        OUTLINE,
        "lessons: [first-lesson]",
        "lessons: [first-lesson, second-lesson]",
        [
            f"{OUTLINE}:10:29: modules[0].lessons[1]: no lesson has the id 'second-lesson'; create course/lessons/second-lesson.yaml or fix the id"
        ],
    ),
    (
        "missing-quiz-ref",
        OUTLINE,
        "quiz: basics-quiz",
        "quiz: basic-quiz",
        [
            f"{OUTLINE}:11:11: modules[0].quiz: no quiz has the id 'basic-quiz' (did you mean 'basics-quiz'?); create quizzes/basic-quiz.yaml or fix the id",
            f"{QUIZ}:1:5: id: quiz 'basics-quiz' is used nowhere; name it as a lesson's quiz, or as a module's quiz or the final_assessment in course/course.yaml",
        ],
    ),
    (
        "lesson-quiz-missing",
        LESSON,
        "quiz: first-check",
        "quiz: first-chek",
        [
            f"{LESSON}:39:7: quiz: no quiz has the id 'first-chek' (did you mean 'first-check'?); create quizzes/first-chek.yaml or fix the id",
            "quizzes/first-check.yaml:1:5: id: quiz 'first-check' is used nowhere; name it as a lesson's quiz, or as a module's quiz or the final_assessment in course/course.yaml",
        ],
    ),
    (
        "lesson-quiz-used-twice",
        LESSON,
        "quiz: first-check",
        "quiz: basics-quiz",
        [
            f"{LESSON}:39:7: quiz: quiz 'basics-quiz' is already used at {OUTLINE} modules[0].quiz; each quiz belongs in one place",
            "quizzes/first-check.yaml:1:5: id: quiz 'first-check' is used nowhere; name it as a lesson's quiz, or as a module's quiz or the final_assessment in course/course.yaml",
        ],
    ),
    (
        "file-name-mismatch",
        FINAL,
        "id: final-check",
        "id: final-exam",
        [
            f"{OUTLINE}:12:19: final_assessment: no quiz has the id 'final-check' (did you mean 'first-check'?); create quizzes/final-check.yaml or fix the id",
            f"{FINAL}:1:5: id: 'final-exam' differs from the file name 'final-check'; rename the file or change the id",
            f"{FINAL}:1:5: id: quiz 'final-exam' is used nowhere; name it as a lesson's quiz, or as a module's quiz or the final_assessment in course/course.yaml",
        ],
    ),
    (
        "pass-mark-range",
        FINAL,
        "pass_mark: 50",
        "pass_mark: 150",
        [f"{FINAL}:3:12: pass_mark: must be at most 100, not the number 150"],
    ),
    (
        "pass-mark-text",
        FINAL,
        "pass_mark: 50",
        "pass_mark: fifty",
        [f"{FINAL}:3:12: pass_mark: must be a whole number, not the text 'fifty'"],
    ),
    (
        "list-for-mapping",
        OUTLINE,
        "final_assessment:",
        "capstone: [basics]\nfinal_assessment:",
        [f"{OUTLINE}:12:11: capstone: must be a mapping of fields (name: value), not a list"],
    ),
    (
        "mapping-for-list",
        LESSON,
        "takeaways:\n  - Names matter.\n  - Listen first.",
        "takeaways:\n  first: Names matter.",
        [f"{LESSON}:32:3: takeaways: must be a list (one '- ' line per item), not a mapping of fields"],
    ),
    (
        "whole-file-list",
        FINAL,
        None,
        "- id: final-check\n",
        [f"{FINAL}:1:1: the file must be a mapping of fields (name: value), not a list or a single value"],
    ),
    ("empty-file", FINAL, None, "", [f"{FINAL}:1:1: the file is empty; fill it in or delete it"]),
    ("comments-only", FINAL, None, "# nothing yet\n", [f"{FINAL}:1:1: the file is empty; fill it in or delete it"]),
    (
        "syntax-colon",
        QUIZ,
        "prompt: How do you answer?",
        "prompt: Answer: how?",
        [
            f"{QUIZ}:9:19: YAML syntax: mapping values are not allowed in this context; put text that contains ': ' in quotes, or fix the indentation"
        ],
    ),
    (
        "unclosed-quote",
        FINAL,
        "title: Final check",
        'title: "Final check',
        [f"{FINAL}:2:8: YAML syntax: found unexpected end of stream; close the open quote or bracket"],
    ),
    (
        "tab-indent",
        QUIZ,
        "    prompt: How do you answer?",
        "\tprompt: How do you answer?",
        [f"{QUIZ}:9:1: YAML syntax: found a tab character that violates indentation; indent with spaces, not tabs"],
    ),
    (
        "python-tag",
        QUIZ,
        "title: Basics quiz",
        "title: !!python/object/apply:os.system [ls]",
        [f"{QUIZ}:2:8: the tag !!python/object/apply:os.system is not allowed here; remove it"],
    ),
    (
        "two-documents",
        FINAL,
        None,
        "id: a\n---\nid: b\n",
        [f"{FINAL}:2:1: YAML syntax: but found another document; a file holds one document; remove the extra '---'"],
    ),
    (
        "not-utf8",
        FINAL,
        None,
        b"id: final-check\ntitle: Caf\xe9\n",
        [f"{FINAL}:2:11: the file is not UTF-8 text; save it with UTF-8 encoding"],
    ),
    (
        "alias-bomb",
        FINAL,
        None,
        BOMB,
        [f"{FINAL}:2:10: the file expands to more than 100,000 values (check its aliases '*'); write the values out"],
    ),
    (
        "recursive-alias",
        FINAL,
        None,
        "id: &a [*a]\n",
        [f"{FINAL}:1:5: an alias refers to a value that contains it; remove the alias"],
    ),
    (
        "unclosed-bracket",
        FINAL,
        "title: Final check",
        "title: [Final check",
        [
            f"{FINAL}:2:8: YAML syntax: did not find expected ',' or ']'; close the bracket, or separate the items with commas"
        ],
    ),
    (
        "list-item-indent",
        LESSON,
        "  - id: first-listen\n",
        "  -  id: first-listen\n   text: x\n",
        [
            f"{LESSON}:9:4: YAML syntax: did not find expected '-' indicator; start every item of this list with '- ' at the same indentation"
        ],
    ),
    (
        "merge-key",
        FINAL,
        None,
        "<<: {id: final-check}\n",
        [f"{FINAL}:1:1: merge keys ('<<') are not supported; write the fields out"],
    ),
    (
        "too-big",
        FINAL,
        None,
        "id: final-check\n" + "# padding\n" * 110_000,
        [f"{FINAL}:1:1: the file is 1,100,016 bytes, over the 1,000,000 limit; split it into smaller files"],
    ),
    (
        "roleplay-bad-next",
        QUIZ,
        "next: stall",
        "next: stal",
        [
            f"{QUIZ}:78:19: questions[4].steps[1].choices[1].next: 'stal' names no step or ending (did you mean 'stall'?)"
        ],
    ),
    (
        "roleplay-loop",
        QUIZ,
        "next: won",
        "next: open",
        [
            f"{QUIZ}:74:19: questions[4].steps[1].choices[0].next: this choice leads back to step 'open', so the conversation can loop forever; point it forward",
            f"{QUIZ}:80:13: questions[4].endings[0].id: ending 'won' can never be reached; point a choice's next at it or remove it",
        ],
    ),
    (
        "roleplay-bad-start",
        QUIZ,
        "start: open",
        "start: opening",
        [f"{QUIZ}:56:12: questions[4].start: 'opening' names no step (did you mean 'open'?)"],
    ),
    (
        "roleplay-unreachable-step",
        QUIZ,
        "next: listen",
        "next: won",
        [
            f"{QUIZ}:68:13: questions[4].steps[1].id: step 'listen' can never be reached; point a choice's next at it or remove it",
            f"{QUIZ}:84:13: questions[4].endings[1].id: ending 'stall' can never be reached; point a choice's next at it or remove it",
        ],
    ),
    (
        "bad-outcome",
        QUIZ,
        "outcome: partial",
        "outcome: meh",
        [
            f"{QUIZ}:86:18: questions[4].endings[1].outcome: must be one of 'success', 'partial' or 'failure', not the text 'meh'"
        ],
    ),
    (
        "draw-too-many",
        FINAL,
        "pass_mark: 50",
        "pass_mark: 50\ndraw: 3",
        [f"{FINAL}:4:7: draw: asks for 3 questions but the quiz has only 1; lower it or add questions"],
    ),
    (
        "bad-url",
        LESSON,
        "url: https://example.org/names",
        "url: example.org/names",
        [
            f"{LESSON}:37:10: sources[0].url: the text 'example.org/names' is not allowed here; write a full web address starting with https://"
        ],
    ),
    (
        "version-number",
        OUTLINE,
        'version: "1.0"',
        "version: 1.0",
        [f"{OUTLINE}:3:10: version: must be text, not the number 1.0; put it in quotes"],
    ),
    (
        "matching-duplicate-right",
        QUIZ,
        "right: Trust",
        "right: Attention",
        [f"{QUIZ}:49:16: questions[3].pairs[1].right: this match appears twice; every match must differ"],
    ),
    (
        "distractor-is-answer",
        QUIZ,
        "distractors: [Speed]",
        "distractors: [Trust]",
        [
            f"{QUIZ}:50:19: questions[3].distractors[0]: 'Trust' is already a right-hand match; a distractor must match nothing"
        ],
    ),
    # Past our limit, and far past PyYAML's own (6.0.4 stops at 1000 levels with
    # its own wording): the same located line either way.
    (
        "nested-too-deep",
        FINAL,
        None,
        "id: final-check\nx: " + "[" * 80 + "]" * 80 + "\n",
        [f"{FINAL}:2:68: values are nested more than 64 levels deep; flatten the file"],
    ),
    (
        "nested-past-the-parser-limit",
        FINAL,
        None,
        "id: final-check\nx: " + "[" * 5000 + "]" * 5000 + "\n",
        [f"{FINAL}:2:1003: values are nested more than 64 levels deep; flatten the file"],
    ),
    # A slip (a choice worth less than the best at its step) that a later step pays back
    # would give full marks to a learner who slipped: path scoring refuses it, with the path.
    (
        "roleplay-slip-recovers",
        QUIZ,
        "            next: lost\n      - id: listen",
        "            next: recover\n"
        "      - id: recover\n"
        "        customer: '\"Excuses again?\"'\n"
        "        choices:\n"
        "          - text: Take it back and ask what happened.\n"
        "            points: 2\n"
        "            feedback: A recovery.\n"
        "            next: listen\n"
        "          - text: Insist.\n"
        "            feedback: Worse.\n"
        "            next: lost\n"
        "      - id: listen",
        [
            f"{QUIZ}:65:13: questions[4].steps[0].choices[1].points: the path open:2 → recover:1 → listen:1 → won "
            "slips here (0 points where the best choice earns 2) and still scores the maximum 4; make the way back "
            "earn less, or use 'scoring: ending'"
        ],
    ),
    (
        "ending-score-with-path-scoring",
        QUIZ,
        "outcome: partial\n",
        "outcome: partial\n        score: 50\n",
        [
            f"{QUIZ}:87:16: questions[4].endings[1].score: an ending's score counts only with 'scoring: ending'; "
            "add that to the question or remove the score"
        ],
    ),
    (
        "ending-scoring-needs-every-score",
        QUIZ,
        "    start: open\n",
        "    start: open\n    scoring: ending\n",
        [
            f"{QUIZ}:81:9: questions[4].endings[0]: add 'score' (0 to 100): with 'scoring: ending' each ending has one",
            f"{QUIZ}:85:9: questions[4].endings[1]: add 'score' (0 to 100): with 'scoring: ending' each ending has one",
            f"{QUIZ}:89:9: questions[4].endings[2]: add 'score' (0 to 100): with 'scoring: ending' each ending has one",
        ],
    ),
    # Pasted from a word processor: U+2028 is a line break to libyaml and invisible in an
    # editor, so libyaml's own complaint pointed at a line the trainer could not see.
    (
        "line-separator-pasted",
        LESSON,
        "minutes: 5",
        "minutes: 5\nsummary: Listen first,\u2028then talk.",
        [
            f"{LESSON}:5:23: the character U+2028 (a line separator, as word processors paste them) is not "
            "allowed; replace it with a space, or start a new line"
        ],
    ),
    # Quoted, but with the quotes a word processor types: YAML reads them as letters.
    (
        "curly-quoted-title",
        LESSON,
        "title: First lesson",
        "title: “Check: the basics”",
        [
            f"{LESSON}:2:14: YAML syntax: this text is in curly quotes (“ ” or ‘ ’), which YAML reads as letters, "
            "so its ': ' starts a new field; put it in straight quotes (\") instead"
        ],
    ),
    # A later line of `|` text left of the first: libyaml said "could not find expected ':'".
    (
        "block-text-under-indented-to-its-key",
        LESSON,
        "People like hearing their *own* name.\n",
        "People like hearing their *own* name.\n    It works in the first minute.\n",
        [
            f"{LESSON}:14:5: YAML syntax: this text is less indented than the first line of its block (line 13); "
            "indent it to column 7, as that line is"
        ],
    ),
    (
        "block-text-under-indented-list",
        LESSON,
        "      - It builds trust.",
        "     - It builds trust.",
        [
            f"{LESSON}:16:6: YAML syntax: this text is less indented than the first line of its block (line 13); "
            "indent it to column 7, as that line is"
        ],
    ),
    # A move tag must be listed in course.yaml: a typo would split one kind of move in two.
    (
        "move-not-listed",
        QUIZ,
        'text: "Hi Dana!"\n',
        'text: "Hi Dana!"\n        move: use-nmae\n',
        [
            f"{QUIZ}:14:15: questions[0].options[1].move: no move has the id 'use-nmae'; "
            f"list it under moves in {OUTLINE} (- id: ..., description: ...) or fix the id"
        ],
    ),
    (
        "choice-move-not-listed",
        QUIZ,
        "next: stall",
        "next: stall\n            move: stall-for-time",
        [
            f"{QUIZ}:79:19: questions[4].steps[1].choices[1].move: no move has the id 'stall-for-time'; "
            f"list it under moves in {OUTLINE} (- id: ..., description: ...) or fix the id"
        ],
    ),
    (
        "move-listed-twice",
        OUTLINE,
        "final_assessment: final-check\n",
        "final_assessment: final-check\nmoves:\n  - id: use-name\n    description: Greet by name.\n"
        "  - id: use-name\n    description: Say the customer's name.\n",
        [
            f"{OUTLINE}:16:9: moves[1].id: move 'use-name' is already listed at moves[0]; list each move once, "
            "with one description"
        ],
    ),
    (
        "lesson-unlisted",
        OUTLINE,
        "lessons: [first-lesson]",
        "lessons: []",
        [f"{OUTLINE}:10:14: modules[0].lessons: needs at least 1 item"],
    ),
]


def _apply(root: Path, file: str, old: str | None, new: str | bytes) -> None:
    path = root / file
    if old is None:
        path.write_bytes(new if isinstance(new, bytes) else new.encode())
        return
    text = path.read_text()
    assert isinstance(new, str) and old in text, f"fixture no longer contains {old!r}"
    path.write_text(text.replace(old, new, 1))


def report(root: Path) -> list[str]:
    try:
        load_course(root)
    except CourseError as exc:
        return [str(p) for p in exc.problems]
    return []


@pytest.mark.parametrize(("file", "old", "new", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_gives_exact_line(
    mini: Path, file: str, old: str | None, new: str | bytes, expected: list[str]
) -> None:
    _apply(mini, file, old, new)
    got = report(mini)
    assert sorted(got) == sorted(expected)


def test_every_problem_in_every_file_in_one_run(mini: Path) -> None:
    _apply(mini, QUIZ, "intro:", "intor:")
    _apply(mini, FINAL, "pass_mark: 50", "pass_mark: 150")
    _apply(mini, LESSON, "minutes: 5", "minutes: five")
    got = report(mini)
    assert got == [
        f"{LESSON}:4:10: minutes: must be a whole number, not the text 'five'",
        f"{QUIZ}:3:1: intor: unknown field 'intor'; did you mean 'intro'?",
        f"{FINAL}:3:12: pass_mark: must be at most 100, not the number 150",
    ]


def test_a_misspelt_move_is_matched_to_a_listed_one(mini: Path) -> None:
    _apply(
        mini,
        OUTLINE,
        None,
        (mini / OUTLINE).read_text() + "moves:\n  - id: use-name\n    description: Greet by name.\n",
    )
    _apply(mini, QUIZ, 'text: "Hi Dana!"\n', 'text: "Hi Dana!"\n        move: use-nmae\n')
    _apply(mini, QUIZ, "feedback: You know who it is.\n", "feedback: You know who it is.\n        move: use-name\n")
    assert report(mini) == [
        f"{QUIZ}:15:15: questions[0].options[1].move: no move has the id 'use-nmae' (did you mean 'use-name'?); "
        f"list it under moves in {OUTLINE} (- id: ..., description: ...) or fix the id"
    ]


def test_run_from_the_wrong_folder_says_where_to_run_it(tmp_path: Path) -> None:
    assert report(tmp_path) == [
        f"course/course.yaml:1:1: the course outline is missing: there is no course/course.yaml in {tmp_path}; "
        "run coursegen in the project folder (the one holding course/ and quizzes/), or point --root at it"
    ]
