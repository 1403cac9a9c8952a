"""`coursegen lint`: each rule on a course built to trip it once, silencing, and the bundled course.

tests/fixtures/lint-every-rule is tests/fixtures/lint-clean changed in one place per rule (the
comments at the top of its files say where), so each expected line below comes from one change.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.author import (
    answer_count,
    feedback,
    length_cues,
    move_cues,
    pass_mark,
    reading_time,
    recall,
    roleplay_share,
)
from generator.author.catch_all_options import catch_all
from generator.author.names import pairs
from generator.author.text import KEY_WORD_LETTERS, key_words
from generator.cli import main
from generator.model.lint_codes import LINT_CODES
from generator.model.models import Course, Quiz, RolePlay
from generator.model.roleplay_paths import scores, slips

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
EVERY = FIXTURES / "lint-every-rule"
CLEAN = FIXTURES / "lint-clean"
QUIZ = "quizzes/calls-quiz.yaml"
LESSON = "course/lessons/follow-up.yaml"
FINAL = "quizzes/final-check.yaml"

EXPECTED = [
    "course/course.yaml:9:14: warning[CG402]: 'TODO: one sentence for the course home' is a placeholder coursegen "
    "new wrote; replace it with the real text",
    f"{LESSON}:4:10: warning[CG302]: minutes is 30, but 147 words at 200 a minute plus 5 for the exercise and 3 for "
    "the reflection come to about 9; set minutes near 9, or make the lesson fit the time it states",
    f"{LESSON}:7:11: warning[CG301]: objective 'follow-promise' is assessed only by a question that quotes this "
    "lesson, 'promise-size' (quizzes/follow-up-check.yaml), which tests recognising a sentence, not a decision; "
    "give it a scenario in which the learner must apply the objective",
    f"{QUIZ}:6:1: warning[CG102]: the right option is the longest in 2 of 3 single-choice questions (67 %, over "
    "40 %), so always picking the longest pays; make a wrong option the longest in more of them",
    f"{QUIZ}:6:1: warning[CG104]: both select-all questions have exactly 2 right options of 5, so a learner who "
    "always ticks 2 gains; vary the number of right options from question to question",
    f"{QUIZ}:6:1: warning[CG204]: role-plays carry 106 of the 111 points in this quiz (95 %, over 40 %), so they "
    "decide the score more than every other question; give the other questions more points, or the role-plays fewer",
    f"{QUIZ}:10:15: warning[CG401]: 'Dana Reyes' here, but 'Dana Okafor' in course/lessons/first-call.yaml: one "
    "name for two people or companies confuses learners; rename one of them, or list 'Dana' under recurring_names "
    "in course/course.yaml if both are meant",
    f"{QUIZ}:15:15: warning[CG101]: the right option is 1.8× as long as the longest wrong one (69 to 38 "
    "characters), so picking the longest finds it; shorten it, or give the wrong options as much detail",
    f"{QUIZ}:34:19: warning[CG107]: the feedback on this wrong option has 2 words; say in 6 or more why it is "
    "wrong, so a learner who picked it learns from it",
    f"{QUIZ}:35:15: warning[CG106]: 'All of the above': a learner who spots two right options picks it without "
    "judging the rest; replace it with an option that says something of its own",
    f"{QUIZ}:41:13: warning[CG108]: only the right option repeats the prompt's 'figures', so matching words finds "
    "the answer; reword the right option, or use the word in a wrong one too",
    f"{QUIZ}:55:5: warning[CG103]: the 2 right options are the 2 longest, so ticking the longest finds them; "
    "shorten the right ones, or make some wrong ones as long",
    f"{QUIZ}:74:15: warning[CG001]: no CG103 warning is left here to silence; remove this entry, so that it cannot "
    "hide a new one",
    f"{QUIZ}:95:5: warning[CG203]: picking the longest choice at every step, open:2 → recover:1 → close:2 → won, "
    "reaches the success ending 'won', so a learner wins without reading; make a weaker choice the longest at one "
    "of those steps",
    f"{QUIZ}:103:13: warning[CG205]: open:2 → recover:1 → close:2 → won slips at open:2 (1 point where the best "
    "choice earns 3) and still reaches the success ending 'won' (so do the slips at close:2), so the story tells the "
    "learner the slip did not matter; lead the slip to a partial or failure ending that says what it cost",
    f"{QUIZ}:132:18: warning[CG202]: the best-scoring path, open:1 → close:1 → stall (6 points), ends in a partial "
    "ending; give the way to a success ending more points, or make this one a success",
    f"{QUIZ}:149:13: warning[CG201]: open:2 → mend:1 → patched reaches 'patched', the best-scored ending (100), though "
    "open:2 is worth 0 where the best choice is worth 2, so a slip costs nothing; lead the way back to an ending "
    "that scores less",
    f"{FINAL}:4:12: warning[CG501]: the final assessment's pass mark is 40 %, so a learner who gets most of it wrong "
    "passes, and the certificate tells a manager nothing; write pass_mark: 70 (or at least 50)",
    f"{FINAL}:13:15: warning[CG109]: the move 'discount' is wrong in all 3 places it appears ({FINAL}:13, {FINAL}:29, "
    f"{FINAL}:45), so a learner rules it out without knowing the course; make it the right answer somewhere, in "
    "circumstances the lessons teach",
    "quizzes/follow-up-check.yaml:31:5: warning[CG105]: every option is right, so ticking them all scores full "
    "marks without reading; add wrong options that someone who skipped the lesson would pick",
]
SUMMARY = (
    "20 warnings (CG001: 1, CG101: 1, CG102: 1, CG103: 1, CG104: 1, CG105: 1, CG106: 1, CG107: 1, CG108: 1, "
    "CG109: 1, CG201: 1, CG202: 1, CG203: 1, CG204: 1, CG205: 1, CG301: 1, CG302: 1, CG401: 1, CG402: 1, "
    "CG501: 1); 0 silenced"
)
LINE = re.compile(r"^(?P<file>\S+):(?P<line>\d+):(?P<column>\d+): warning\[(?P<code>CG\d{3})\]: (?P<message>.+)$")


def lint(root: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["lint", "--root", str(root), *args])


def copy(source: Path, tmp_path: Path) -> Path:
    target = tmp_path / source.name
    shutil.copytree(source, target)
    return target


def edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text()
    assert text.count(old) == 1, f"{old!r} is not once in {file}"
    path.write_text(text.replace(old, new))


# ------------------------------------------------------------- every rule once


def test_every_rule_trips_once_with_its_exact_line_and_the_summary() -> None:
    result = lint(EVERY)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout.splitlines() == [*EXPECTED, SUMMARY]


def test_the_fixture_covers_every_code_and_is_sorted_by_file_and_line() -> None:
    found = [LINE.match(line) for line in EXPECTED]
    assert all(found)
    assert sorted(m["code"] for m in found if m) == sorted(LINT_CODES)
    keys = [(m["file"], int(m["line"]), int(m["column"])) for m in found if m]
    assert all(a <= b for a, b in pairwise(keys))


def test_strict_fails_while_a_warning_is_left() -> None:
    result = lint(EVERY, "--strict")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [*EXPECTED, SUMMARY]


def test_json_lists_each_warning_with_its_place_and_the_counts() -> None:
    result = lint(EVERY, "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    expected = []
    for line in EXPECTED:
        m = LINE.match(line)
        assert m is not None
        expected.append(
            {
                "file": m["file"],
                "line": int(m["line"]),
                "column": int(m["column"]),
                "code": m["code"],
                "message": m["message"],
                "silenced": False,
            }
        )
    assert document["warnings"] == expected
    assert document["counts"] == {code: {"warnings": 1, "silenced": 0} for code in sorted(LINT_CODES)}
    assert document["total"] == {"warnings": len(EXPECTED), "silenced": 0}
    assert lint(EVERY, "--format", "json", "--strict").exit_code == 1


def test_a_clean_course_passes_strict() -> None:
    result = lint(CLEAN, "--strict")
    assert (result.exit_code, result.stdout) == (0, "0 warnings; 0 silenced\n")
    document = json.loads(lint(CLEAN, "--format", "json", "--strict").stdout)
    assert document == {"warnings": [], "counts": {}, "total": {"warnings": 0, "silenced": 0}}


def test_a_check_error_is_reported_as_check_reports_it(tmp_path: Path) -> None:
    root = copy(EVERY, tmp_path)
    edit(
        root,
        QUIZ,
        "correct: true\n        feedback: Her agenda first",
        "correct: yes\n        feedback: Her agenda first",
    )
    checked = CliRunner().invoke(main, ["check", "--root", str(root)])
    for args in ([], ["--format", "json"], ["--strict"]):
        result = lint(root, *args)
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr == checked.stderr
    assert checked.stderr.splitlines() == [
        f"{QUIZ}:16:18: questions[0].options[1].correct: must be true or false, not the text 'yes'",
        "1 problem found; nothing was written.",
    ]


# ------------------------------------------------------------------ silencing

SILENCE_101 = (
    "    prompt: What do you say first?\n",
    "    prompt: What do you say first?\n"
    "    silence:\n"
    "      - code: CG101\n"
    "        because: The long option quotes the customer, and shortening it would change the point.\n",
)


def shifted(lines: list[str], file: str, after: int, by: int) -> list[str]:
    """The lines as they read once `by` lines are inserted into `file` below its line `after`."""
    out = []
    for line in lines:
        m = LINE.match(line)
        assert m is not None
        if m["file"] == file and int(m["line"]) > after:
            line = line.replace(f"{file}:{m['line']}:", f"{file}:{int(m['line']) + by}:", 1)
        out.append(line)
    return out


def test_a_silenced_warning_is_counted_not_printed(tmp_path: Path) -> None:
    root = copy(EVERY, tmp_path)
    edit(root, QUIZ, *SILENCE_101)  # three lines, below the prompt on line 11
    result = lint(root)
    assert result.exit_code == 0
    cg101 = next(line for line in EXPECTED if "warning[CG101]" in line)
    summary = SUMMARY.replace("CG101: 1, ", "").replace(f"{len(EXPECTED)} warnings", f"{len(EXPECTED) - 1} warnings")
    assert result.stdout.splitlines() == [
        *shifted([line for line in EXPECTED if line != cg101], QUIZ, 11, 3),
        summary.replace("0 silenced", "1 silenced (CG101: 1)"),
    ]
    document = json.loads(lint(root, "--format", "json").stdout)
    silenced = [w for w in document["warnings"] if w["silenced"]]
    message = cg101.split("warning[CG101]: ", 1)[1]
    assert silenced == [
        {
            "file": QUIZ,
            "line": 18,
            "column": 15,
            "code": "CG101",
            "message": message,
            "silenced": True,
            "because": "The long option quotes the customer, and shortening it would change the point.",
        }
    ]
    assert document["counts"]["CG101"] == {"warnings": 0, "silenced": 1}
    assert document["total"] == {"warnings": len(EXPECTED) - 1, "silenced": 1}


def test_silencing_every_warning_where_it_belongs_passes_strict(tmp_path: Path) -> None:
    root = copy(CLEAN, tmp_path)
    # One question-level, one quiz-level and one lesson-level warning, each silenced in its place.
    edit(root, QUIZ, *SILENCE_101)
    edit(
        root,
        QUIZ,
        '      - text: "What would make this call useful?"',
        '      - text: "What would make the next twenty minutes useful for you and your team?"',
    )
    edit(
        root,
        QUIZ,
        "      - text: Wait in silence for a few seconds.",
        "      - text: Wait in silence for a few seconds or more.",
    )
    edit(
        root,
        QUIZ,
        'title: "Quiz: calls"\n',
        'title: "Quiz: calls"\nsilence:\n  - code: CG102\n    because: Two of three is chance in a quiz this short.\n',
    )
    edit(
        root,
        LESSON,
        "minutes: 10",
        "minutes: 30\nsilence:\n  - code: CG302\n    because: The exercise is done in class.",
    )
    result = lint(root, "--strict")
    assert (result.exit_code, result.stdout) == (0, "0 warnings; 3 silenced (CG101: 1, CG102: 1, CG302: 1)\n")


def test_a_recurring_name_is_not_reported(tmp_path: Path) -> None:
    root = copy(EVERY, tmp_path)
    edit(root, "course/course.yaml", "modules:", "recurring_names: [Dana]\nmodules:")
    lines = lint(root).stdout.splitlines()
    assert [line for line in lines if "CG401" in line] == []
    assert lines[-1] == SUMMARY.replace("CG401: 1, ", "").replace(
        f"{len(EXPECTED)} warnings", f"{len(EXPECTED) - 1} warnings"
    )


def test_a_name_is_reported_without_its_recurring_entry() -> None:
    assert any("warning[CG401]: 'Dana Reyes' here" in line for line in lint(EVERY).stdout.splitlines())


# (case, silence entry as written under the first question's prompt, the check error it gives)
BAD_SILENCES = [
    ("no-reason", "- code: CG101", f"{QUIZ}:10:9: questions[0].silence[0].because: add the required field 'because'"),
    (
        "empty-reason",
        "- code: CG101\n        because:",
        f"{QUIZ}:11:17: questions[0].silence[0].because: must not be empty; write the text after the colon",
    ),
    (
        "blank-reason",
        '- code: CG101\n        because: "  "',
        f"{QUIZ}:11:18: questions[0].silence[0].because: the text '  ' is not allowed here; say in words why the "
        "warning does not apply here",
    ),
    (
        "unknown-code",
        "- code: CG11\n        because: It reads fine.",
        f"{QUIZ}:10:15: questions[0].silence[0].code: no lint warning has the code 'CG11' (did you mean 'CG101'?); "
        "write the code as coursegen lint prints it",
    ),
    (
        "lower-case-code",
        "- code: cg101\n        because: It reads fine.",
        f"{QUIZ}:10:15: questions[0].silence[0].code: no lint warning has the code 'cg101' (did you mean 'CG101'?); "
        "write the code as coursegen lint prints it",
    ),
    (
        "quiz-code-on-a-question",
        "- code: CG102\n        because: It reads fine.",
        f"{QUIZ}:10:15: questions[0].silence[0].code: CG102 is about the whole quiz; move this entry to the quiz's "
        "own silence list, at the top of the file",
    ),
    (
        "lesson-code-on-a-question",
        "- code: CG302\n        because: It reads fine.",
        f"{QUIZ}:10:15: questions[0].silence[0].code: CG302 is about a lesson; move this entry to the silence list "
        "of that lesson's file",
    ),
    (
        "name-code",
        "- code: CG401\n        because: Two Danas.",
        f"{QUIZ}:10:15: questions[0].silence[0].code: CG401 is not silenced here; list the name under "
        "recurring_names in course/course.yaml if it is meant to recur",
    ),
    (
        "stale-code",
        "- code: CG001\n        because: Kept for later.",
        f"{QUIZ}:10:15: questions[0].silence[0].code: CG001 reports a silence entry that silences nothing; remove "
        "that entry instead",
    ),
    (
        "twice",
        "- code: CG101\n        because: One.\n      - code: CG101\n        because: Two.",
        f"{QUIZ}:12:15: questions[0].silence[1].code: CG101 is already silenced here; keep one entry",
    ),
]


@pytest.mark.parametrize(("entry", "error"), [case[1:] for case in BAD_SILENCES], ids=[c[0] for c in BAD_SILENCES])
def test_a_bad_silence_entry_is_a_check_error(tmp_path: Path, entry: str, error: str) -> None:
    root = copy(CLEAN, tmp_path)
    edit(
        root,
        QUIZ,
        "    prompt: What do you say first?\n",
        f"    prompt: What do you say first?\n    silence:\n      {entry}\n",
    )
    result = lint(root)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [error, "1 problem found; nothing was written."]


def test_a_question_code_on_a_lesson_is_a_check_error(tmp_path: Path) -> None:
    root = copy(CLEAN, tmp_path)
    edit(root, LESSON, "minutes: 10", "minutes: 10\nsilence:\n  - code: CG101\n    because: Not a lesson's.")
    result = lint(root)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{LESSON}:5:11: silence[0].code: CG101 is about one question; move this entry to the silence list of the "
        "question it names",
        "1 problem found; nothing was written.",
    ]


# ------------------------------------------------------------- the heuristics


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("All of the above", "All of the above"),
        ("**None of these**", "None of these"),
        ('"All of the above, except the last"', "All of the above"),
        ("Keine der oben genannten", "Keine der oben genannten"),
        ("Alle genannten", "Alle genannten"),
        ("Toutes les réponses ci-dessus", "Toutes les réponses ci-dessus"),
        ("Aucune des réponses précédentes", "Aucune des réponses précédentes"),
        ("¿Ninguna de las anteriores?", "Ninguna de las anteriores"),
        ("Todas las anteriores", "Todas las anteriores"),
        ("Invite all of them to the review.", None),
        ("Nothing above the contract price.", None),
        ("Alle Kunden anrufen", None),
    ],
)
def test_all_and_none_of_the_above_in_four_languages(text: str, phrase: str | None) -> None:
    assert catch_all(text) == phrase


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Steve Yastrow offers a picture.", [("Steve", "Yastrow")]),
        ("Chip R. Bell wrote it.", [("Chip", "Bell")]),
        ("When Marion Hale called", [("Marion", "Hale")]),  # "when" is written in lower case below
        ("the buyer at Oakhurst Dental Clinics", [("Oakhurst", "Dental")]),
        ("Aisha Benn's team", [("Aisha", "Benn")]),
        ("Priya Raman and\nTom\nBeck", [("Priya", "Raman"), ("Tom", "Beck")]),
        ("Priya.\nTom said so; Priya\n\nTom", []),
        ("In August Leeds switched scanners, said Dr Osei.", []),
    ],
)
def test_what_counts_as_a_name(text: str, found: list[tuple[str, str]]) -> None:
    assert list(pairs(text, ordinary={"when", "in", "said"})) == found


def test_key_words_are_long_words_outside_the_stop_list_without_a_final_s() -> None:
    found = key_words("Which customers would select the business email? Customer emails, please.")
    assert found == {"customer": "customers", "business": "business", "email": "email", "please": "please"}


@st.composite
def roleplays(draw: st.DrawFn) -> RolePlay:
    """Small role-plays without loops: every choice leads to a later step or to an ending."""
    count = draw(st.integers(1, 5))
    endings = [
        {
            "id": f"e{k}",
            "title": "End",
            "outcome": draw(st.sampled_from(["success", "partial", "failure"])),
            "text": "Done.",
        }
        for k in range(2)
    ]
    steps = []
    for k in range(count):
        targets = [f"s{j}" for j in range(k + 1, count)] + ["e0", "e1"]
        choices = [
            {
                "text": "x" * draw(st.integers(1, 4)),
                "points": draw(st.integers(0, 3)),
                "feedback": "Why.",
                "next": draw(st.sampled_from(targets)),
            }
            for _ in range(draw(st.integers(1, 3)))
        ]
        steps.append({"id": f"s{k}", "customer": "Hello.", "choices": choices})
    return RolePlay.model_validate(
        {"id": "r", "type": "roleplay", "prompt": "Go.", "start": "s0", "steps": steps, "endings": endings}
    )


def _paths(question: RolePlay) -> list[tuple[list[tuple[int, int]], int, str]]:
    """Every path from the start, listed out: (step and choice indexes, points, ending)."""
    index = {step.id: s for s, step in enumerate(question.steps)}
    found = []

    def walk(node: str, hops: list[tuple[int, int]], points: int) -> None:
        if node not in index:
            found.append((hops, points, node))
            return
        s = index[node]
        for c, choice in enumerate(question.steps[s].choices):
            walk(choice.next, [*hops, (s, c)], points + choice.points)

    walk(question.start, [], 0)
    return found


@settings(max_examples=300, deadline=None)
@given(roleplays())
def test_best_scores_and_slips_agree_with_listing_every_path(question: RolePlay) -> None:
    paths = _paths(question)
    top = max(points for _, points, _ in paths)
    found = scores(question)
    assert found.ahead[question.start] == top
    best = {s: max(c.points for c in step.choices) for s, step in enumerate(question.steps)}
    listed = {
        (s, c)
        for hops, points, _ in paths
        if points == top
        for s, c in hops
        if question.steps[s].choices[c].points < best[s]
    }
    assert set(slips(question, found)) == listed
    ends_at_top = {end for _, points, end in paths if points == top}
    assert {e for e in found.to if e.startswith("e") and found.to[e] == top} == ends_at_top


# ------------------------------------------------------------ the bundled course


def test_lint_runs_on_the_bundled_course_and_its_summary_adds_up() -> None:
    result = CliRunner().invoke(main, ["lint", "--root", str(ROOT)])
    print(result.stdout)  # what the bundled course needs: see it with pytest -s
    assert result.exit_code == 0 and result.stderr == ""
    *lines, summary = result.stdout.splitlines()
    found = [LINE.match(line) for line in lines]
    assert all(found), [line for line, m in zip(lines, found, strict=True) if not m]
    codes = Counter(m["code"] for m in found if m)
    counted = ", ".join(f"{code}: {n}" for code, n in sorted(codes.items()))
    shown = f"{len(lines)} warning{'s' if len(lines) != 1 else ''}" + (f" ({counted})" if lines else "")
    assert summary.split("; ")[0] == shown
    document = json.loads(CliRunner().invoke(main, ["lint", "--root", str(ROOT), "--format", "json"]).stdout)
    unsilenced = [w for w in document["warnings"] if not w["silenced"]]
    assert [f"{w['file']}:{w['line']}:{w['column']}: warning[{w['code']}]: {w['message']}" for w in unsilenced] == lines
    assert document["total"]["warnings"] == len(lines)
    strict = CliRunner().invoke(main, ["lint", "--root", str(ROOT), "--strict"])
    assert strict.exit_code == (1 if lines else 0)


# ------------------------------------------------------------ the README table


def test_the_readme_table_has_one_row_per_code_with_the_numbers_the_rules_use() -> None:
    rows = {
        line.split("|")[1].strip(): line
        for line in (ROOT / "README.md").read_text().splitlines()
        if re.match(r"^\| CG\d{3} \|", line)
    }
    assert sorted(rows) == sorted(LINT_CODES)
    numbers = {
        "CG101": [f"{length_cues.RATIO}×"],
        "CG102": [f"{length_cues.QUIZ_MINIMUM} or more", f"{round(100 * length_cues.QUIZ_SHARE)} %"],
        "CG104": [f"{answer_count.QUIZ_MINIMUM} or more"],
        "CG107": [f"fewer than {feedback.MINIMUM_WORDS} words"],
        "CG108": [f"words of {KEY_WORD_LETTERS} or more letters"],
        "CG109": [f"{move_cues.MINIMUM_PLACES} or more places"],
        "CG204": [f"more than {Course.model_fields['max_roleplay_share'].default} %"],
        "CG501": [f"below {pass_mark.MINIMUM}", f"`pass_mark: {pass_mark.SUGGESTED}`"],
        "CG301": [f"{recall.RUN_WORDS} or more words"],
        "CG302": [
            f"{reading_time.WORDS_PER_MINUTE} a minute",
            f"{reading_time.EXERCISE_MINUTES} minutes for an exercise",
            f"{reading_time.REFLECTION_MINUTES} for a reflection",
            f"more than {reading_time.FAR_MINUTES} minutes",
        ],
    }
    for code, figures in numbers.items():
        for figure in figures:
            assert figure in rows[code], f"README's {code} row does not say {figure!r}"


# ---------------------------------------------------------- moves, shares, slips, pass marks


def codes(root: Path, code: str) -> list[str]:
    return [line for line in lint(root).stdout.splitlines() if f"warning[{code}]" in line]


def test_a_move_right_once_is_no_cue_and_role_play_choices_count(tmp_path: Path) -> None:
    root = copy(EVERY, tmp_path)
    # Right once, in a role-play choice that is the best at its step: 'discount' is no longer a cue.
    edit(
        root,
        QUIZ,
        "          - text: Offer a discount.\n",
        "          - text: Offer a discount.\n            move: discount\n",
    )
    assert codes(root, "CG109") == []


def test_a_weaker_role_play_choice_is_a_wrong_place(tmp_path: Path) -> None:
    root = copy(EVERY, tmp_path)
    edit(
        root,
        QUIZ,
        "          - text: Say sorry and ask what happened.\n",
        "          - text: Say sorry and ask what happened.\n            move: listen\n",
    )
    # 'listen' is right in final-check, so a wrong choice adds nothing; a weaker choice tagged
    # 'discount' is a fourth wrong place, named with the others.
    edit(
        root,
        QUIZ,
        "          - text: Apologise, agree a fix with a date, and check the next delivery yourself.\n",
        "          - text: Apologise, agree a fix with a date, and check the next delivery yourself.\n"
        "            move: discount\n",
    )
    (line,) = codes(root, "CG109")
    assert line.startswith(
        f"{QUIZ}:123:19: warning[CG109]: the move 'discount' is wrong in all 4 places it appears "
        f"({QUIZ}:123, {FINAL}:13, {FINAL}:29, {FINAL}:45)"
    )


def test_a_move_wrong_twice_is_not_yet_a_cue(tmp_path: Path) -> None:
    root = copy(EVERY, tmp_path)
    edit(
        root,
        FINAL,
        "      - text: Credit a month of deliveries.\n        move: discount\n",
        "      - text: Credit a month of deliveries.\n",
    )
    assert codes(root, "CG109") == []


def test_a_move_cue_cannot_be_silenced(tmp_path: Path) -> None:
    root = copy(EVERY, tmp_path)
    edit(
        root,
        FINAL,
        "    prompt: What do you do first?\n",
        "    prompt: What do you do first?\n    silence:\n      - code: CG109\n        because: Discounts are wrong here.\n",
    )
    result = lint(root)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{FINAL}:12:15: questions[0].silence[0].code: CG109 is about a kind of move across the course, not one "
        "question; make that move right somewhere, in circumstances the lessons teach",
        "1 problem found; nothing was written.",
    ]


def _quiz(points: list[int], roleplays: list[int], draw: int | None = None) -> Quiz:
    """A quiz of single-choice questions worth `points` and role-plays whose one step earns `roleplays`."""
    option = [{"text": "A", "correct": True, "feedback": "Yes."}, {"text": "B", "feedback": "No."}]
    questions: list[dict[str, object]] = [
        {"id": f"q{k}", "type": "single", "prompt": "?", "points": p, "options": option} for k, p in enumerate(points)
    ]
    ending = {"title": "End", "outcome": "success", "text": "Done."}
    questions += [
        {
            "id": f"r{k}",
            "type": "roleplay",
            "prompt": "Go.",
            "start": "s",
            "steps": [
                {"id": "s", "customer": "Hi.", "choices": [{"text": "x", "points": p, "feedback": "Why.", "next": "e"}]}
            ],
            "endings": [{"id": "e", **ending}, {"id": "f", **ending}],
        }
        for k, p in enumerate(roleplays)
    ]
    return Quiz.model_validate({"id": "q", "title": "Q", "draw": draw, "questions": questions})


@pytest.mark.parametrize(
    ("points", "roleplays", "draw", "share"),
    [
        ([1, 1, 1], [2], None, (2, 5)),
        ([1, 1, 1, 1, 1, 1], [3, 2], 3, (5, 6)),  # both role-plays and one 1-point question
        ([2, 1, 1, 1], [1], 2, (1, 2)),
        ([1], [2, 2], 3, (4, 5)),  # three of three: both role-plays must be drawn
        ([1, 1], [], None, (0, 2)),
        ([], [3], None, (3, 3)),
    ],
)
def test_the_role_play_share_is_that_of_the_heaviest_attempt(
    points: list[int], roleplays: list[int], draw: int | None, share: tuple[int, int]
) -> None:
    assert roleplay_share.largest_share(_quiz(points, roleplays, draw)) == share


def test_the_role_play_share_is_set_in_course_yaml(tmp_path: Path) -> None:
    root = copy(CLEAN, tmp_path)
    # 3 of 8 points (38 %) is within the default 40 %, not within 35 %.
    assert codes(root, "CG204") == []
    edit(root, "course/course.yaml", "modules:", "max_roleplay_share: 35\nmodules:")
    assert codes(root, "CG204") == [
        f"{QUIZ}:3:1: warning[CG204]: role-plays carry 3 of the 8 points in this quiz (38 %, over 35 %), so they "
        "decide the score more than every other question; give the other questions more points, or the role-plays fewer"
    ]


def test_a_slip_led_to_a_partial_ending_is_not_reported(tmp_path: Path) -> None:
    root = copy(EVERY, tmp_path)
    # The slip at close:2 now ends partially, and with it the only way from the slip at open:2 to 'won'.
    edit(
        root,
        QUIZ,
        "            feedback: Ownership and a date she can hold you to, though it scores less here.\n            next: won",
        "            feedback: Ownership and a date she can hold you to, though it scores less here.\n            next: stall",
    )
    assert codes(root, "CG205") == []


def test_the_final_assessment_can_take_a_low_pass_mark_from_the_course(tmp_path: Path) -> None:
    root = copy(EVERY, tmp_path)
    edit(root, FINAL, "pass_mark: 40\n", "")
    assert codes(root, "CG501") == []
    edit(root, "course/course.yaml", "modules:", "pass_mark: 0\nmodules:")
    assert codes(root, "CG501") == [
        f"{FINAL}:2:5: warning[CG501]: the final assessment takes the course's pass mark, 0 % (course/course.yaml), "
        "so every learner passes, whatever they answer, and the certificate tells a manager nothing; write "
        "pass_mark: 70 in this quiz (or at least 50), or raise the course's"
    ]


def test_pass_mark_zero_says_what_to_write(tmp_path: Path) -> None:
    root = copy(EVERY, tmp_path)
    edit(root, FINAL, "pass_mark: 40\n", "pass_mark: 0\n")
    assert codes(root, "CG501") == [
        f"{FINAL}:4:12: warning[CG501]: the final assessment's pass mark is 0 %, so every learner passes, whatever "
        "they answer, and the certificate tells a manager nothing; write pass_mark: 70 (or at least 50)"
    ]
