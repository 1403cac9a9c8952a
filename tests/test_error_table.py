"""Bad input a trainer could write, and the exact line each must produce.

Every case starts from the valid mini course, changes one thing, and checks
the whole report: file, line, column and wording, and that nothing else is
reported. No case may raise anything but CourseError.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
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
        [f"{QUIZ}:14:18: question 1 › option 2 › correct: must be true or false, not the text 'yes'"],
    ),
    (
        "misspelt-key",
        QUIZ,
        "correct: true\n        feedback: You used",
        "corect: true\n        feedback: You used",
        [f"{QUIZ}:14:9: question 1 › option 2 › corect: unknown field 'corect'; did you mean 'correct'?"],
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
            f"{QUIZ}:35:5: question 3 › shuffle: unknown field 'shuffle'; valid fields: id, objectives, scenario, "
            "prompt, explanation, silence, points, type, items, partial_credit"
        ],
    ),
    (
        "missing-prompt",
        QUIZ,
        "    prompt: How do you answer?\n",
        "",
        [f"{QUIZ}:5:5: question 1 › prompt: add the required field 'prompt'"],
    ),
    (
        "unknown-type",
        QUIZ,
        "type: ordering",
        "type: order",
        [
            f"{QUIZ}:34:11: question 3 › type: type must be one of single, multiple, ordering, matching, roleplay, not the text 'order'"
        ],
    ),
    (
        "number-for-text",
        QUIZ,
        'text: "Hi Dana!"',
        "text: 42",
        [f"{QUIZ}:13:15: question 1 › option 2 › text: must be text, not the number 42; put it in quotes"],
    ),
    (
        "empty-feedback",
        QUIZ,
        "feedback: You know who it is.",
        "feedback:",
        [f"{QUIZ}:12:18: question 1 › option 1 › feedback: must not be empty; write the text after the colon"],
    ),
    (
        "two-correct-single",
        QUIZ,
        "feedback: You know who it is.",
        "correct: true\n        feedback: You know who it is.",
        [
            f"{QUIZ}:10:5: question 1 › options: a single-choice question needs exactly one correct option, not 2; use type: multiple for more"
        ],
    ),
    (
        "multiple-none-correct",
        FINAL,
        None,
        "id: final-check\ntitle: Final\nquestions:\n  - id: q\n    type: multiple\n    objectives: [first-greet]\n"
        "    prompt: Which?\n    options:\n      - {text: A, feedback: No.}\n      - {text: B, feedback: No.}\n",
        [f"{FINAL}:8:5: question 1 › options: mark at least one option correct: true"],
    ),
    (
        "bad-slug",
        QUIZ,
        "id: greet",
        "id: Greet Dana",
        [
            f"{QUIZ}:5:9: question 1 › id: the text 'Greet Dana' is not allowed here; use only lowercase letters, digits and hyphens, like 'dimmer-switch'"
        ],
    ),
    (
        "duplicate-question-id",
        QUIZ,
        "id: listen",
        "id: greet",
        [f"{QUIZ}:20:9: question 2 › id: question id 'greet' is used twice in this quiz"],
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
            f"{QUIZ}:7:18: question 1 › objective 1: no lesson has the objective 'first-gret' (did you mean 'first-greet'?)"
        ],
    ),
    (
        "unassessed-objective",
        LESSON,
        "  - id: first-listen\n    text: Listen before you pitch.\n",
        "  - id: first-listen\n    text: Listen before you pitch.\n  - id: first-close\n    text: Close the call.\n",
        [
            f"{LESSON}:10:9: objective 3 › id: objective 'first-close' is assessed by no quiz question; list it in a question's objectives"
        ],
    ),
    (
        "duplicate-objective",
        LESSON,
        "id: first-listen",
        "id: first-greet",
        [
            f"{LESSON}:8:9: objective 2 › id: objective id 'first-greet' is already used in course/lessons/first-lesson.yaml; objective ids are unique in the course",
            f"{QUIZ}:22:18: question 2 › objective 1: no lesson has the objective 'first-listen'",
            f"{QUIZ}:35:18: question 3 › objective 1: no lesson has the objective 'first-listen'",
            f"{QUIZ}:53:18: question 5 › objective 1: no lesson has the objective 'first-listen'",
        ],
    ),
    (
        "missing-lesson-ref",
        OUTLINE,
        "lessons: [first-lesson]",
        "lessons: [first-lesson, second-lesson]",
        [
            f"{OUTLINE}:10:29: module 1 › lesson 2: no lesson has the id 'second-lesson'; create course/lessons/second-lesson.yaml or fix the id"
        ],
    ),
    (
        "missing-quiz-ref",
        OUTLINE,
        "quiz: basics-quiz",
        "quiz: basic-quiz",
        [
            f"{OUTLINE}:11:11: module 1 › quiz: no quiz has the id 'basic-quiz' (did you mean 'basics-quiz'?); create quizzes/basic-quiz.yaml or fix the id",
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
            f"{LESSON}:39:7: quiz: quiz 'basics-quiz' is already used at {OUTLINE} module 1 › quiz; each quiz belongs in one place",
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
            f"{QUIZ}:78:19: question 5 › step 2 › choice 2 › next: 'stal' names no step or ending (did you mean 'stall'?)"
        ],
    ),
    (
        "roleplay-loop",
        QUIZ,
        "next: won",
        "next: open",
        [
            f"{QUIZ}:74:19: question 5 › step 2 › choice 1 › next: this choice leads back to step 'open', so the conversation can loop forever; point it forward",
            f"{QUIZ}:80:13: question 5 › ending 1 › id: ending 'won' can never be reached; point a choice's next at it or remove it",
        ],
    ),
    (
        "roleplay-bad-start",
        QUIZ,
        "start: open",
        "start: opening",
        [f"{QUIZ}:56:12: question 5 › start: 'opening' names no step (did you mean 'open'?)"],
    ),
    (
        "roleplay-unreachable-step",
        QUIZ,
        "next: listen",
        "next: won",
        [
            f"{QUIZ}:68:13: question 5 › step 2 › id: step 'listen' can never be reached; point a choice's next at it or remove it",
            f"{QUIZ}:84:13: question 5 › ending 2 › id: ending 'stall' can never be reached; point a choice's next at it or remove it",
        ],
    ),
    (
        "bad-outcome",
        QUIZ,
        "outcome: partial",
        "outcome: meh",
        [
            f"{QUIZ}:86:18: question 5 › ending 2 › outcome: must be one of 'success', 'partial' or 'failure', not the text 'meh'"
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
            f"{LESSON}:37:10: source 1 › url: the text 'example.org/names' is not allowed here; write a full web address starting with https://"
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
        [f"{QUIZ}:49:16: question 4 › pair 2 › right: this match appears twice; every match must differ"],
    ),
    (
        "distractor-is-answer",
        QUIZ,
        "distractors: [Speed]",
        "distractors: [Trust]",
        [
            f"{QUIZ}:50:19: question 4 › distractor 1: 'Trust' is already a right-hand match; a distractor must match nothing"
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
            f"{QUIZ}:65:13: question 5 › step 1 › choice 2 › points: the path open:2 → recover:1 → listen:1 → won "
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
            f"{QUIZ}:87:16: question 5 › ending 2 › score: an ending's score counts only with 'scoring: ending'; "
            "add that to the question or remove the score"
        ],
    ),
    (
        "ending-scoring-needs-every-score",
        QUIZ,
        "    start: open\n",
        "    start: open\n    scoring: ending\n",
        [
            f"{QUIZ}:81:9: question 5 › ending 1: add 'score' (0 to 100): with 'scoring: ending' each ending has one",
            f"{QUIZ}:85:9: question 5 › ending 2: add 'score' (0 to 100): with 'scoring: ending' each ending has one",
            f"{QUIZ}:89:9: question 5 › ending 3: add 'score' (0 to 100): with 'scoring: ending' each ending has one",
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
            f"{QUIZ}:14:15: question 1 › option 2 › move: no move has the id 'use-nmae'; "
            f"list it under moves in {OUTLINE} (- id: ..., description: ...) or fix the id"
        ],
    ),
    (
        "choice-move-not-listed",
        QUIZ,
        "next: stall",
        "next: stall\n            move: stall-for-time",
        [
            f"{QUIZ}:79:19: question 5 › step 2 › choice 2 › move: no move has the id 'stall-for-time'; "
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
            f"{OUTLINE}:16:9: moves #2 › id: move 'use-name' is already listed at moves #1; list each move once, "
            "with one description"
        ],
    ),
    (
        "lesson-unlisted",
        OUTLINE,
        "lessons: [first-lesson]",
        "lessons: []",
        [f"{OUTLINE}:10:14: module 1 › lessons: needs at least 1 item"],
    ),
]


# Accepted, cut short and silent before: YAML reads ` #` in plain text as the start of a comment.
CASES += [
    (
        "hash-cuts-a-prompt",
        QUIZ,
        "prompt: How do you answer?",
        "prompt: Dana says you are only the #2 supplier on her list. How do you answer?",
        [
            f"{QUIZ}:9:40: question 1 › prompt: the text after ' #' was read as a YAML comment, so the value ends "
            'at "Dana says you are only the"; put the whole value in quotes, or use a block (|)'
        ],
    ),
    (
        "hash-empties-a-prompt",
        QUIZ,
        "prompt: How do you answer?",
        "prompt: #2 on her list, so how do you answer?",
        [
            f"{QUIZ}:9:13: question 1 › prompt: the text after ' #' was read as a YAML comment, so the value is "
            "empty; put the whole value in quotes, or use a block (|)"
        ],
    ),
    (
        "hash-cuts-a-continued-line",
        LESSON,
        "body: Ask, then listen.",
        "body: Ask, then listen; you are\n      #1 when you listen.",
        [
            f"{LESSON}:19:7: section 2 › body: the text after ' #' was read as a YAML comment, so the value ends "
            'at "Ask, then listen; you are"; put the whole value in quotes, or use a block (|)'
        ],
    ),
]


# Accepted without a word before: two options a learner cannot tell apart, and a quiz saved
# under a name the loader does not read.
CASES += [
    (
        "single-choice-same-text-twice",
        QUIZ,
        'text: "Hi Dana!"',
        'text: "Hello, who is this?"',
        [f"{QUIZ}:13:15: question 1 › option 2 › text: this option appears twice; every option must differ"],
    ),
    (
        "multiple-choice-same-text-twice",
        QUIZ,
        "text: Starting the demo",
        "text: Asking a follow-up question",
        [f"{QUIZ}:31:15: question 2 › option 3 › text: this option appears twice; every option must differ"],
    ),
]


# Misleading before: the advice pointed elsewhere, or following it made things worse.
CASES += [
    (
        # Was "duplicate key 'text' … keep only one of them": following it deleted an option.
        "option-without-its-dash",
        QUIZ,
        "      - text: None of these",
        "        text: None of these",
        [
            f"{QUIZ}:16:9: duplicate key 'text' (first on line 13): if a new item of the list starts here, put '- ' "
            "before it, as the item above has; otherwise keep only one of them"
        ],
    ),
    (
        # Was "did not find expected alphabetic or numeric character; check the indentation and quotes".
        "text-starts-with-a-star",
        LESSON,
        "reflection: When did",
        "reflection: *Really*: when did",
        [
            f"{LESSON}:30:13: YAML syntax: text that starts with '*' is read as a reference to another value "
            "(*name); put the whole text in quotes, or write it as a block (|)"
        ],
    ),
    (
        # Was "did not find expected key; line up the keys of this mapping at the same indentation".
        "text-starts-with-a-quotation",
        QUIZ,
        "prompt: How do you answer?",
        'prompt: "That\'s too much," Dana says. How do you answer?',
        [
            f"{QUIZ}:9:13: YAML syntax: this text starts with a quotation mark, so YAML takes the quotation as the "
            "whole value and cannot read the words after it; write the text as a block (the key, then '|', and "
            "the text indented on the next line)"
        ],
    ),
    (
        # Was "mapping values are not allowed", or a key that quietly began with the space.
        "no-break-space-indent",
        QUIZ,
        "    prompt: How do you answer?",
        "\u00a0\u00a0\u00a0\u00a0prompt: How do you answer?",
        [
            f"{QUIZ}:9:1: this line is indented with a no-break space (U+00A0), which YAML reads as a letter; "
            "replace it with ordinary spaces"
        ],
    ),
    (
        "quoted-true",
        QUIZ,
        "correct: true\n        feedback: You used",
        'correct: "true"\n        feedback: You used',
        [
            f"{QUIZ}:14:18: question 1 › option 2 › correct: must be true or false, not text; remove the quotes around true"
        ],
    ),
    (
        "quoted-minutes",
        LESSON,
        "minutes: 5",
        'minutes: "6"',
        [f"{LESSON}:4:10: minutes: must be a whole number, not text; remove the quotes around 6"],
    ),
    (
        "text-starts-with-a-bang",
        QUIZ,
        "prompt: How do you answer?",
        "prompt: !Quick, how do you answer?",
        [f"{QUIZ}:9:13: text that starts with '!' is read as a YAML tag; put the whole text in quotes"],
    ),
    (
        "text-starts-with-a-bang-word",
        QUIZ,
        "prompt: How do you answer?",
        "prompt: !Quick how do you answer?",
        [f"{QUIZ}:9:13: text that starts with '!' is read as a YAML tag; put the whole text in quotes"],
    ),
]


# Markdown that built without a word before: a picture or lesson that is not there, a callout
# Material does not know, and Markdown in a title (shown with its asterisks).
CASES += [
    (
        "picture-not-there",
        LESSON,
        "body: Ask, then listen.",
        'body: "Look: ![The value ladder](images/value ladder.png)"',
        [
            f"{LESSON}:18:38: section 2 › body: the picture 'images/value ladder.png' is not there: there is no "
            "course/images/value ladder.png; put the file there, or write its path from the course/ folder"
        ],
    ),
    (
        "picture-outside-the-course",
        LESSON,
        "body: Ask, then listen.",
        'body: "![A ladder](../ladder.png)"',
        [
            f"{LESSON}:18:24: section 2 › body: the picture '../ladder.png' is outside the course/ folder; put it "
            "there, and write its path from that folder, such as images/ladder.png"
        ],
    ),
    (
        "link-to-a-lesson-not-there",
        LESSON,
        "body: Ask, then listen.",
        "body: See [the first lesson](lesson:first-lessen).",
        [
            f"{LESSON}:18:34: section 2 › body: the link 'lesson:first-lessen' names no lesson (did you mean "
            "'first-lesson'?); link a lesson by its id, as [its title](lesson:the-lesson-id)"
        ],
    ),
    (
        "link-to-a-lesson-file-not-there",
        QUIZ,
        "explanation: Use the name you know.",
        "explanation: Use the name you know; see [names](second-lesson.md).",
        [
            f"{QUIZ}:19:53: question 1 › explanation: the link 'second-lesson.md' names no lesson; link a lesson "
            "by its id, as [its title](lesson:the-lesson-id)"
        ],
    ),
    (
        "callout-of-an-unknown-kind",
        QUIZ,
        "feedback: You know who it is.",
        'feedback: |\n          You know who it is.\n\n          !!! tipp "Next time"\n              Use the name.',
        [
            f"{QUIZ}:15:11: question 1 › option 1 › feedback: 'tipp' is not a kind of callout (did you mean 'tip'?); "
            "write one of note, info, tip, warning, danger, example, question, quote, success or failure"
        ],
    ),
    (
        # Not a block: YAML joins the lines, and the learner saw the pipes.
        "table-in-a-folded-value",
        LESSON,
        "body: Ask, then listen.",
        "body: Ask, then listen.\n\n      | Stage | Says |\n      |---|---|\n      | Renewal | Price |",
        [
            f"{LESSON}:20:7: section 2 › body: this table is on one line, as YAML joins the lines of a value that "
            "is not a block; write the field as a block: the key, then '|', and the table on the lines below"
        ],
    ),
    (
        "markdown-in-a-title",
        LESSON,
        "title: First lesson",
        "title: Handling *price* objections",
        [
            f"{LESSON}:2:17: title: titles are plain text, so the * around 'price' would show as they are; remove "
            "them (Markdown works in a lesson's text, not in its titles)"
        ],
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
        f"{QUIZ}:15:15: question 1 › option 2 › move: no move has the id 'use-nmae' (did you mean 'use-name'?); "
        f"list it under moves in {OUTLINE} (- id: ..., description: ...) or fix the id"
    ]


def test_run_from_the_wrong_folder_says_where_to_run_it(tmp_path: Path) -> None:
    assert report(tmp_path) == [
        f"course/course.yaml:1:1: the course outline is missing: there is no course/course.yaml in {tmp_path}; "
        "run coursegen in the project folder (the one holding course/ and quizzes/), or point --root at it"
    ]


def test_a_quiz_saved_under_a_name_that_is_not_read_is_named(mini: Path) -> None:
    (mini / "quizzes" / "final-check.yaml").rename(mini / "quizzes" / "final-check.yaml.txt")
    assert report(mini) == [
        f"{OUTLINE}:12:19: final_assessment: no quiz has the id 'final-check': the file quizzes/final-check.yaml.txt "
        "is there, but only files whose name ends in .yaml are read; rename it to final-check.yaml"
    ]


def test_a_picture_needs_its_text_alternative(mini: Path) -> None:
    (mini / "course" / "images").mkdir()
    (mini / "course" / "images" / "value ladder.png").write_bytes(b"\x89PNG")
    _apply(mini, LESSON, "body: Ask, then listen.", "body: |\n      Look:\n\n      ![](<images/value ladder.png>)")
    assert report(mini) == [
        f"{LESSON}:21:12: section 2 › body: the picture 'images/value ladder.png' has no text alternative, which a "
        "learner who cannot see it hears instead; write what it shows between the brackets: "
        "![what it shows](images/value ladder.png)"
    ]


@pytest.mark.parametrize(
    "body",
    [
        '"![The value ladder](images/value ladder.png)"',
        '"![The value ladder](<images/value ladder.png>)"',
        '"![The value ladder](images/value%20ladder.png)"',
        '"See [the lesson](lesson:first-lesson) and [again](first-lesson.md)."',
    ],
)
def test_pictures_and_lesson_links_that_are_there_pass(mini: Path, body: str) -> None:
    (mini / "course" / "images").mkdir()
    (mini / "course" / "images" / "value ladder.png").write_bytes(b"\x89PNG")
    _apply(mini, LESSON, "body: Ask, then listen.", f"body: {body}")
    assert report(mini) == []


# Site settings (mkdocs.yml) the course cannot be built with, as `coursegen build` reports them
# before any engine runs: (case id, file, old text, new text, the lines printed).
CONFIG = "mkdocs.yml"
NOTHING = "1 problem found; nothing was written."
SITE_CASES: list[tuple[str, str, str, str, list[str]]] = [
    (
        "plugin-missing",
        CONFIG,
        "  - coursegen\n",
        "",
        [
            f"{CONFIG}:11:1: the coursegen plugin is not in `plugins`, so the site would have no lessons and no "
            "quizzes; add `- coursegen` under `plugins:`"
        ],
    ),
    (
        "nav-set",
        CONFIG,
        "plugins:",
        "nav:\n  - index.md\nplugins:",
        [
            f"{CONFIG}:11:1: `nav:` is not used by coursegen, which makes the navigation from course/course.yaml "
            "(a second one repeats the course in it); remove `nav:` and order lessons and modules in "
            "course/course.yaml"
        ],
    ),
    (
        "theme-not-material",
        CONFIG,
        "name: material",
        "name: readthedocs",
        [
            f"{CONFIG}:7:9: the theme 'readthedocs' cannot show the course (quiz steps are numbered and buttons "
            "styled by Material); write `theme:` with `name: material` under it"
        ],
    ),
    (
        "theme-short-form",
        CONFIG,
        "theme:\n  name: material\n  language: en\n  font: false\n  features: [navigation.instant]\n",
        "theme: readthedocs\n",
        [
            f"{CONFIG}:6:8: the theme 'readthedocs' cannot show the course (quiz steps are numbered and buttons "
            "styled by Material); write `theme:` with `name: material` under it"
        ],
    ),
    (
        "language-conflict",
        OUTLINE,
        "title: Mini course\n",
        "title: Mini course\nlanguage: de\n",
        [
            f"{CONFIG}:8:13: theme.language is 'en' but {OUTLINE}:3:11 says language: de; the course's language "
            "is the site's: remove `language:` from mkdocs.yml's theme, or make the two the same"
        ],
    ),
]


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"), [c[1:] for c in SITE_CASES], ids=[c[0] for c in SITE_CASES]
)
def test_site_settings_give_exact_line(
    mini: Path, file: str, old: str, new: str, expected: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _apply(mini, file, old, new)
    monkeypatch.chdir(mini)
    engines = [["build", "--engine", engine] for engine in ("mkdocs", "properdocs", "zensical")]
    for command in (*engines, ["package", "scorm12"], ["serve"]):
        result = CliRunner().invoke(main, command)
        assert (result.exit_code, result.stderr.splitlines()) == (1, [*expected, NOTHING]), command
    assert not (mini / "site").exists() and not (mini / "dist").exists()


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [c[1:] for c in SITE_CASES if c[0] != "plugin-missing"],
    ids=[c[0] for c in SITE_CASES if c[0] != "plugin-missing"],
)
def test_the_plugin_gives_the_same_line_in_mkdocs_build(
    mini: Path, file: str, old: str, new: str, expected: list[str]
) -> None:
    # `mkdocs build` runs the plugin alone; it refuses the same settings in the same words.
    _apply(mini, file, old, new)
    mkdocs = str(Path(sys.executable).with_name("mkdocs"))
    result = subprocess.run([mkdocs, "build"], cwd=mini, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"the course has 1 problem; nothing was built:\n{expected[0]}\n" in result.stderr


def test_the_readme_shows_the_site_settings_lines() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    for case, *_, expected in SITE_CASES:
        if case != "theme-short-form":
            assert f"\n{expected[0]}\n" in readme, case
