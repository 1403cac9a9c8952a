"""`coursegen analyse` on simulated learners: the planted flags are found, difficulty ranks
follow the true ones, reliability matches a hand-computed table, and bad input is one line."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest
from analysed_course import QUIZ, ROOT, B, bundle, write, writer
from click.testing import CliRunner, Result

from generator.analyse.estimates import kr20
from generator.analyse.simulate import Cohort
from generator.analyse.statements import Answer
from generator.cli import main


def analyse(*args: str) -> Result:
    return CliRunner().invoke(main, ["analyse", "--root", str(ROOT), *args])


def figures(*args: str) -> dict[str, Any]:
    result = analyse("--format", "json", *args)
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def line_of(text: str) -> int:
    lines = (ROOT / "quizzes" / f"{QUIZ}.yaml").read_text().splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.strip() == text)


def ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=lambda i: values[i])
    found = [0.0] * len(values)
    for rank, i in enumerate(order):
        found[i] = float(rank)
    return found


def spearman(x: list[float], y: list[float]) -> float:
    rx, ry = ranks(x), ranks(y)
    n = len(x)
    return 1 - 6 * sum((a - b) ** 2 for a, b in zip(rx, ry, strict=True)) / (n * (n * n - 1))


@pytest.fixture(scope="module")
def simulated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("statements") / "statements.jsonl"
    write(path, Cohort(learners=1500, seed=7))
    return path


def test_the_planted_flags_are_found_at_their_yaml_lines(simulated: Path) -> None:
    data = figures("--from", str(simulated))
    [quiz] = data["quizzes"]
    assert quiz["current"] is True
    found = {(f["kind"], f["question"]): f for f in quiz["flags"]}
    assert found[("negative-discrimination", "q03")]["place"] == f"quizzes/{QUIZ}.yaml:{line_of('- id: q03')}:9"
    assert found[("too-easy", "q05")]["place"] == f"quizzes/{QUIZ}.yaml:{line_of('- id: q05')}:9"
    rare = found[("rare-distractor", "q07")]
    assert rare["values"]["option"] == "3" and rare["values"]["share"] == 0
    assert rare["place"].startswith(f"quizzes/{QUIZ}.yaml:{line_of('- id: q07') + 12}:")
    ending = found[("unreached-ending", "call")]
    assert ending["values"]["ending"] == "escalated"
    assert ending["place"] == f"quizzes/{QUIZ}.yaml:{line_of('- id: escalated')}:13"
    # Nothing else is planted among the single-choice questions' discrimination.
    negative = {q for kind, q in found if kind == "negative-discrimination"}
    assert negative == {"q03"}


def test_difficulty_ranks_follow_the_true_ones(simulated: Path) -> None:
    [quiz] = figures("--from", str(simulated))["quizzes"]
    share = {q["id"]: q["difficulty"]["value"] for q in quiz["questions"]}
    ids = [f"q{i:02d}" for i in range(1, 11)]
    # A harder question (higher b) is answered right less often.
    assert spearman([share[i] for i in ids], [-b for b in B]) >= 0.9


def test_every_figure_states_its_sample_and_interval(simulated: Path) -> None:
    [quiz] = figures("--from", str(simulated))["quizzes"]
    q01 = quiz["questions"][0]
    assert q01["n"] == 1500 and q01["difficulty"]["enough"] is True
    assert q01["difficulty"]["low"] < q01["difficulty"]["value"] < q01["difficulty"]["high"]
    assert q01["upper_n"] == q01["lower_n"] == 405  # 27 % of 1500
    assert sum(o["chosen"] for o in q01["options"]) == 1500
    assert 10 < q01["median_seconds"] < 60
    assert quiz["reliability"]["enough"] is True and 0 < quiz["reliability"]["value"] < 1
    assert [e["id"] for e in quiz["questions"][-1]["endings"]] == ["won", "stall", "lost", "escalated"]
    # Retries are there: their pre/post difference is reported, not mixed into the figures.
    assert q01["pre_post"]["kind"] == "retry" and q01["pre_post"]["gain"] > 0


def test_few_answers_are_shown_but_not_flagged(tmp_path: Path) -> None:
    path = tmp_path / "few.jsonl"
    write(path, Cohort(learners=20, seed=3, retry=0))
    [quiz] = figures("--from", str(path))["quizzes"]
    assert quiz["questions"][0]["difficulty"]["enough"] is False
    assert quiz["questions"][0]["difficulty"]["value"] is not None
    assert quiz["flags"] == []


def _hand_table(tmp_path: Path, table: list[list[int]]) -> Path:
    """Statements for learners × items right (1) or wrong (0), on q01 … q0k, one attempt each."""
    course = bundle()
    out = writer(course)
    questions = course.quizzes[QUIZ].questions
    path = tmp_path / "table.jsonl"
    with path.open("w") as f:
        for n, row in enumerate(table):
            for k, right in enumerate(row):
                answer = Answer(
                    actor={"objectType": "Agent", "mbox": f"mailto:l{n}@example.com"},
                    question=questions[k],
                    response="0" if right else "1",
                    raw=float(right),
                    max=1.0,
                    attempt=1,
                    total_raw=float(sum(row)),
                    total_max=float(len(row)),
                    timestamp="2026-01-05T09:00:00.000Z",
                    statement_id=f"00000000-0000-4000-8000-{n:06d}{k:06d}",
                )
                f.write(out.line(answer) + "\n")
    return path


def test_kr20_matches_a_hand_computed_table(tmp_path: Path) -> None:
    # p = .8 .6 .4 .2, so Σpq = 0.8; totals 4 3 2 1 0 have variance 2: KR-20 = 4/3 · (1 - 0.8/2) = 0.8.
    table = [[1, 1, 1, 1], [1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]]
    assert kr20(table) == pytest.approx(0.8, abs=1e-12)
    [quiz] = figures("--from", str(_hand_table(tmp_path, table)))["quizzes"]
    assert round(quiz["reliability"]["value"], 4) == 0.8
    assert quiz["reliability"]["enough"] is False


def _alpha(table: list[list[int]]) -> float:
    """Cronbach's alpha with sample variances: a second implementation (equal to KR-20 on 0/1 items)."""

    def variance(xs: list[float]) -> float:
        mean = sum(xs) / len(xs)
        return sum((x - mean) ** 2 for x in xs) / (len(xs) - 1)

    k = len(table[0])
    items = sum(variance([float(row[i]) for row in table]) for i in range(k))
    return k / (k - 1) * (1 - items / variance([float(sum(row)) for row in table]))


def test_reliability_matches_a_second_implementation(tmp_path: Path) -> None:
    rng = random.Random(5)
    abilities = [rng.gauss(0, 1) for _ in range(60)]
    table = [[int(rng.random() < 1 / (1 + 2.718 ** -(t - b))) for b in (-1, -0.5, 0, 0.5, 1, 1.5)] for t in abilities]
    [quiz] = figures("--from", str(_hand_table(tmp_path, table)))["quizzes"]
    assert round(quiz["reliability"]["value"], 4) == round(_alpha(table), 4) == round(kr20(table), 4)


def test_first_attempts_by_default_and_all_on_request(simulated: Path) -> None:
    first = figures("--from", str(simulated))["quizzes"][0]
    every = figures("--from", str(simulated), "--attempts", "all")["quizzes"][0]
    assert first["attempts"] == 1500 and first["learners"] == 1500
    assert every["attempts"] > 1500 and every["learners"] == 1500


def test_other_courses_are_ignored_and_versions_kept_apart(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    write(path, Cohort(learners=40, seed=1))
    write(tmp_path / "old.jsonl", Cohort(learners=30, seed=2, retry=0), version="0.9", learner_prefix="old")
    write(
        tmp_path / "other.jsonl",
        Cohort(learners=10, seed=3, retry=0),
        course_iri="https://training.example.com/courses/another",
    )
    with path.open("a") as out:
        out.write((tmp_path / "old.jsonl").read_text())
        out.write((tmp_path / "other.jsonl").read_text())
    data = figures("--from", str(path))
    assert data["counts"]["other_courses"] == 10 * 14
    by_version = {q["version"]: q for q in data["quizzes"]}
    assert sorted(by_version) == ["0.9", "1.0"]
    assert by_version["1.0"]["learners"] == 40 and by_version["1.0"]["current"] is True
    assert by_version["0.9"]["learners"] == 30 and by_version["0.9"]["current"] is False
    text = analyse("--from", str(path), "--out", str(tmp_path / "report"))
    assert text.exit_code == 0, text.output
    assert "140 about other courses ignored" in text.stdout


def test_a_json_array_export_reads_like_json_lines(tmp_path: Path, simulated: Path) -> None:
    lines = simulated.read_text().splitlines()[:2000]
    array = tmp_path / "export.json"
    array.write_text("[\n" + ",\n".join(lines) + "\n]\n")
    jsonl = tmp_path / "export.jsonl"
    jsonl.write_text("\n".join(lines) + "\n")
    assert figures("--from", str(array))["quizzes"] == figures("--from", str(jsonl))["quizzes"]


def test_a_broken_line_is_one_message_and_the_old_report_stays(tmp_path: Path, simulated: Path) -> None:
    report = tmp_path / "report"
    assert analyse("--from", str(simulated), "--out", str(report)).exit_code == 0
    before = {p.name: p.read_bytes() for p in report.iterdir()}
    broken = tmp_path / "broken.jsonl"
    lines = simulated.read_text().splitlines()[:50]
    lines[2] = lines[2][:-20]
    broken.write_text("\n".join(lines) + "\n")
    result = analyse("--from", str(broken), "--out", str(report))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {broken}:3: not a JSON statement (")
    assert result.stderr.endswith("; fix or remove it; nothing was written\n")
    assert len(result.stderr.splitlines()) == 1
    assert {p.name: p.read_bytes() for p in report.iterdir()} == before


def test_a_broken_array_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text('[\n{"id": "a"},\n{"id": \n]\n')
    result = analyse("--from", str(path), "--format", "json")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {path}:4:1: not valid JSON")


def test_the_report_is_refused_where_a_build_is(tmp_path: Path, simulated: Path) -> None:
    result = analyse("--from", str(simulated), "--out", str(ROOT / "quizzes"))
    assert result.exit_code == 1
    assert "holds the course's own files" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_no_learner_is_named_unless_asked(tmp_path: Path, simulated: Path) -> None:
    report = tmp_path / "report"
    assert analyse("--from", str(simulated), "--out", str(report)).exit_code == 0
    text = "".join(p.read_text() for p in report.iterdir())
    assert "learner-1" not in text and "lms.example.com" not in text
    assert "learner-1" not in json.dumps(figures("--from", str(simulated)))
    named = tmp_path / "named"
    assert analyse("--from", str(simulated), "--out", str(named), "--names").exit_code == 0
    assert "learner-1" in (named / "index.html").read_text()


def test_the_report_is_in_the_course_language_and_offline(tmp_path: Path, simulated: Path) -> None:
    report = tmp_path / "report"
    assert analyse("--from", str(simulated), "--out", str(report)).exit_code == 0
    page = next(report.glob(f"{QUIZ}-*.html")).read_text()
    assert '<html lang="en">' in page
    assert "http://" not in page.replace("http://www.w3.org/", "") and "https://" not in page
    assert page.count('role="img"') == 2 and "<desc " in page
    assert "font-family" in page or "<text" in page  # text stays text (svg.fonttype none)


def test_pretests_give_the_before_and_after_and_never_count_as_first_attempts(tmp_path: Path) -> None:
    path = tmp_path / "pretest.jsonl"
    write(path, Cohort(learners=200, seed=8, retry=0, pretest=True, gain=1.0))
    [quiz] = figures("--from", str(path))["quizzes"]
    assert quiz["attempts"] == 200
    q04 = next(q for q in quiz["questions"] if q["id"] == "q04")
    assert q04["pre_post"]["kind"] == "pretest"
    assert q04["pre_post"]["before"]["n"] == q04["pre_post"]["after"]["n"] == 200
    # A whole θ unit learnt between the pre-test and the quiz shows as a clear gain.
    assert q04["pre_post"]["gain"] > 0.1


def test_moves_count_how_often_each_kind_of_wrong_move_is_chosen() -> None:
    from generator.analyse.estimates import Estimate
    from generator.analyse.figures import OptionFigure, QuestionFigure, _moves

    def option(k: int, correct: bool, chosen: int, move: str | None) -> OptionFigure:
        return OptionFigure(str(k), f"o{k}", correct, chosen, chosen / 100, 0, 0, None, move)

    none = Estimate(None, None, None, 100, True)
    questions = [
        QuestionFigure(
            "a",
            "single",
            "A",
            None,
            100,
            none,
            none,
            none,
            27,
            27,
            None,
            0,
            options=[option(0, True, 50, "ask"), option(1, False, 30, "pitch"), option(2, False, 20, "concede")],
        ),
        QuestionFigure(
            "b",
            "single",
            "B",
            None,
            100,
            none,
            none,
            none,
            27,
            27,
            None,
            0,
            options=[option(0, True, 90, "listen"), option(1, False, 10, "pitch")],
        ),
    ]
    moves = {m.move: m for m in _moves(questions)}
    assert sorted(moves) == ["concede", "pitch"]  # a right option's move is not a wrong move
    assert (moves["pitch"].chosen, moves["pitch"].offered, moves["pitch"].share) == (40, 200, 0.2)
    assert (moves["concede"].chosen, moves["concede"].offered) == (20, 100)
