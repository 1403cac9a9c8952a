"""The figures of every quiz, per course version and quiz hash, computed in SQL over `answers`.

Attempts: the first (non-pre-test) attempt of each learner at each version of a quiz, or with
`attempts="all"` every non-pre-test attempt. The upper and lower groups are the 27 % of those
attempts with the highest and the lowest total. Every figure comes with its n and its interval.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import duckdb

from generator.analyse.estimates import Estimate, alpha_interval, correlation, difference, wilson
from generator.model.load import CourseBundle
from generator.model.models import MultipleChoice, Question, Quiz, RolePlay, SingleChoice
from generator.read.yaml_source import Document

Attempts = Literal["first", "all"]
GROUP = ("quiz", "version", "quiz_hash")


@dataclass(frozen=True)
class Place:
    """Where a trainer fixes it: the YAML file and line."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass
class OptionFigure:
    id: str
    text: str
    correct: bool
    chosen: int
    share: float | None
    upper: int
    lower: int
    place: Place | None
    move: str | None = None


@dataclass
class EndingFigure:
    id: str
    title: str
    outcome: str
    reached: int
    share: float | None
    place: Place | None


@dataclass
class PrePost:
    kind: Literal["pretest", "retry"]  # pre-test vs first attempt, or first vs later attempts
    before: Estimate
    after: Estimate
    gain: float | None


@dataclass
class QuestionFigure:
    id: str
    type: str
    prompt: str
    place: Place | None
    n: int
    difficulty: Estimate
    point_biserial: Estimate
    upper_lower: Estimate
    upper_n: int
    lower_n: int
    median_seconds: float | None
    timed: int
    options: list[OptionFigure] = field(default_factory=list)
    endings: list[EndingFigure] = field(default_factory=list)
    steps: dict[str, list[OptionFigure]] = field(default_factory=dict)
    pre_post: PrePost | None = None


@dataclass
class MoveFigure:
    move: str
    wrong_options: int  # wrong options tagged with this move
    chosen: int
    offered: int  # answers to questions where such an option was offered
    share: float | None


@dataclass
class QuizFigure:
    quiz: str
    title: str
    version: str
    quiz_hash: str
    current: bool
    place: Place | None
    attempts: int
    learners: int
    reliability: Estimate
    questions: list[QuestionFigure]
    moves: list[MoveFigure] = field(default_factory=list)


@dataclass
class LearnerRow:
    name: str
    quiz: str
    version: str
    attempts: int
    first_score: float | None


def _rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _key(row: Mapping[str, Any]) -> tuple[str, str, str]:
    return row["quiz"], row["version"], row["quiz_hash"]


def _select(con: duckdb.DuckDBPyConnection, attempts: Attempts) -> None:
    keep = "TRUE" if attempts == "all" else "attempt = first_attempt"
    con.execute(f"""CREATE OR REPLACE TEMP TABLE sel AS SELECT * EXCLUDE (first_attempt) FROM (
          SELECT *, min(attempt) OVER (PARTITION BY quiz, version, quiz_hash, learner) AS first_attempt
          FROM answers WHERE NOT pretest) WHERE {keep}""")
    con.execute("""CREATE OR REPLACE TEMP TABLE att AS SELECT *,
          CASE WHEN rn <= ceil(0.27 * cnt) THEN 'U' WHEN rn > cnt - ceil(0.27 * cnt) THEN 'L' END AS grp
        FROM (SELECT *, row_number() OVER (PARTITION BY quiz, version, quiz_hash ORDER BY score DESC, learner, attempt) AS rn,
                     count(*) OVER (PARTITION BY quiz, version, quiz_hash) AS cnt
              FROM (SELECT quiz, version, quiz_hash, learner, attempt,
                           coalesce(max(total), sum(raw)) AS total_raw,
                           coalesce(max(total) / nullif(max(total_max), 0), sum(raw) / sum(max)) AS score
                    FROM sel GROUP BY ALL))""")


# The figures' queries over the selected answers (sel) and attempts (att), by what they give.
_QUERIES = {
    "groups": """SELECT quiz, version, quiz_hash, count(*) AS attempts, count(DISTINCT learner) AS learners
        FROM att GROUP BY ALL ORDER BY quiz, version DESC, quiz_hash""",
    "questions": """SELECT s.quiz, s.version, s.quiz_hash, s.question, count(*) AS n,
          sum(s.success::INT) AS k, corr(s.success::INT::DOUBLE, a.total_raw - s.raw) AS rpb,
          count(*) FILTER (WHERE a.grp = 'U') AS nu, avg(s.success::INT) FILTER (WHERE a.grp = 'U') AS pu,
          count(*) FILTER (WHERE a.grp = 'L') AS nl, avg(s.success::INT) FILTER (WHERE a.grp = 'L') AS pl,
          median(s.seconds) FILTER (WHERE s.timed) AS seconds, count(*) FILTER (WHERE s.timed) AS timed
        FROM sel s JOIN att a USING (quiz, version, quiz_hash, learner, attempt) GROUP BY ALL""",
    "picks": """SELECT quiz, version, quiz_hash, question, pick, count(*) AS chosen,
          count(*) FILTER (WHERE grp = 'U') AS upper, count(*) FILTER (WHERE grp = 'L') AS lower
        FROM (SELECT s.*, a.grp, unnest(string_split(s.response, '[,]')) AS pick
              FROM sel s JOIN att a USING (quiz, version, quiz_hash, learner, attempt) WHERE s.response <> '')
        GROUP BY ALL""",
    "endings": """SELECT quiz, version, quiz_hash, question, ending, count(*) AS reached
        FROM sel WHERE ending IS NOT NULL GROUP BY ALL""",
    "reliability": """WITH iv AS (SELECT quiz, version, quiz_hash, question, var_pop(raw) AS v FROM sel GROUP BY ALL),
          tv AS (SELECT quiz, version, quiz_hash, var_pop(t) AS tv, count(*) AS n
                 FROM (SELECT quiz, version, quiz_hash, learner, attempt, sum(raw) AS t FROM sel GROUP BY ALL) GROUP BY ALL)
        SELECT tv.quiz, tv.version, tv.quiz_hash, any_value(tv.tv) AS tv, any_value(tv.n) AS n,
               sum(iv.v) AS iv, count(*) AS k
        FROM tv JOIN iv USING (quiz, version, quiz_hash) GROUP BY ALL""",
    "pre_post": """WITH firsts AS (SELECT quiz, version, quiz_hash, learner, min(attempt) AS fa
                                 FROM answers WHERE NOT pretest GROUP BY ALL)
        SELECT a.quiz, a.version, a.quiz_hash, a.question,
          count(*) FILTER (WHERE a.pretest) AS n_pre, sum(a.success::INT) FILTER (WHERE a.pretest) AS k_pre,
          count(*) FILTER (WHERE NOT a.pretest AND a.attempt = f.fa) AS n_first,
          sum(a.success::INT) FILTER (WHERE NOT a.pretest AND a.attempt = f.fa) AS k_first,
          count(*) FILTER (WHERE NOT a.pretest AND a.attempt > f.fa) AS n_later,
          sum(a.success::INT) FILTER (WHERE NOT a.pretest AND a.attempt > f.fa) AS k_later
        FROM answers a LEFT JOIN firsts f USING (quiz, version, quiz_hash, learner) GROUP BY ALL""",
}
_LEARNERS = """SELECT any_value(learner_name) AS name, quiz, version, count(DISTINCT attempt) AS attempts,
              arg_min(total, attempt) / nullif(arg_min(total_max, attempt), 0) AS first_score
            FROM answers WHERE NOT pretest GROUP BY learner, quiz, version ORDER BY name, quiz, version"""


def compute(
    con: duckdb.DuckDBPyConnection,
    bundle: CourseBundle,
    current_hashes: Mapping[str, str],
    *,
    attempts: Attempts = "first",
    names: bool = False,
) -> tuple[list[QuizFigure], list[LearnerRow]]:
    _select(con, attempts)
    rows = {name: _rows(con, sql) for name, sql in _QUERIES.items()}
    learners = _rows(con, _LEARNERS) if names else []
    return _assemble(bundle, current_hashes, rows), [
        LearnerRow(r["name"] or "?", r["quiz"], r["version"], r["attempts"], r["first_score"]) for r in learners
    ]


def _placer(doc: Document | None, file: str | None, index: int | None) -> Callable[..., Place | None]:
    """Where a part of question `index` stands in its file: `place("options", 2, "text")`."""

    def place(*at: str | int) -> Place | None:
        if doc is None or file is None or index is None:
            return None
        mark = doc.mark_for(("questions", index, *at))
        return Place(file, mark.line, mark.column)

    return place


def _by_group(rows: list[dict[str, Any]]) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    found: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        found[_key(row)].append(row)
    return found


def _assemble(
    bundle: CourseBundle, current_hashes: Mapping[str, str], rows: Mapping[str, list[dict[str, Any]]]
) -> list[QuizFigure]:
    """One QuizFigure per (quiz, version, hash) group, from the rows of each of _QUERIES."""
    tables = _Tables(
        questions=_by_group(rows["questions"]),
        picks=_by_group(rows["picks"]),
        endings=_by_group(rows["endings"]),
        pre_post={(*_key(r), r["question"]): r for r in rows["pre_post"]},
        reliability={_key(r): r for r in rows["reliability"]},
    )
    return [_quiz_figure(bundle, current_hashes, group, tables) for group in rows["groups"]]


@dataclass(frozen=True)
class _Tables:
    questions: Mapping[tuple[str, str, str], list[dict[str, Any]]]
    picks: Mapping[tuple[str, str, str], list[dict[str, Any]]]
    endings: Mapping[tuple[str, str, str], list[dict[str, Any]]]
    pre_post: Mapping[tuple[str, str, str, str], dict[str, Any]]
    reliability: Mapping[tuple[str, str, str], dict[str, Any]]


def _quiz_figure(
    bundle: CourseBundle, current_hashes: Mapping[str, str], group: dict[str, Any], tables: _Tables
) -> QuizFigure:
    key = _key(group)
    quiz_id = key[0]
    quiz = bundle.quizzes.get(quiz_id)
    file = bundle.files.get(quiz_id)
    doc = bundle.documents.get(file) if file else None
    by_question = {r["question"]: r for r in tables.questions.get(key, [])}
    order = [q.id for q in quiz.questions] if quiz else []
    order += sorted(set(by_question) - set(order))
    made = [
        _question_figure(quiz, doc, file, key, qid, by_question[qid], tables) for qid in order if qid in by_question
    ]
    rel = tables.reliability.get(key)
    alpha = None
    if rel and rel["k"] > 1 and rel["tv"]:
        alpha = rel["k"] / (rel["k"] - 1) * (1 - rel["iv"] / rel["tv"])
    quiz_place = None
    if doc is not None and file is not None:
        mark = doc.mark_for(("id",))
        quiz_place = Place(file, mark.line, mark.column)
    return QuizFigure(
        quiz=quiz_id,
        title=quiz.title if quiz else quiz_id,
        version=key[1],
        quiz_hash=key[2],
        current=key[1] == bundle.course.version and current_hashes.get(quiz_id) == key[2],
        place=quiz_place,
        attempts=group["attempts"],
        learners=group["learners"],
        reliability=alpha_interval(alpha, rel["k"] if rel else 0, rel["n"] if rel else 0),
        questions=made,
        moves=_moves(made),
    )


def _question_figure(
    quiz: Quiz | None,
    doc: Document | None,
    file: str | None,
    key: tuple[str, str, str],
    qid: str,
    row: dict[str, Any],
    tables: _Tables,
) -> QuestionFigure:
    index = next((i for i, q in enumerate(quiz.questions) if q.id == qid), None) if quiz else None
    model = quiz.questions[index] if quiz and index is not None else None
    place = _placer(doc, file, index)
    figure = QuestionFigure(
        id=qid,
        type=model.type if model else "?",
        prompt=model.prompt.strip() if model else qid,
        place=place("id"),
        n=row["n"],
        difficulty=wilson(int(row["k"] or 0), row["n"]),
        point_biserial=correlation(row["rpb"], row["n"]),
        upper_lower=difference(row["pu"], row["nu"], row["pl"], row["nl"], row["n"]),
        upper_n=row["nu"],
        lower_n=row["nl"],
        median_seconds=row["seconds"],
        timed=row["timed"],
    )
    if model is not None:
        picks = {r["pick"]: r for r in tables.picks.get(key, []) if r["question"] == qid}
        endings = {r["ending"]: r["reached"] for r in tables.endings.get(key, []) if r["question"] == qid}
        _add_choices(figure, model, picks, endings, place)
    figure.pre_post = _pre_post(tables.pre_post.get((*key, qid)))
    return figure


def _add_choices(
    figure: QuestionFigure,
    model: Question,
    picks: Mapping[str, Mapping[str, Any]],
    endings: Mapping[str, int],
    place: Callable[..., Place | None],
) -> None:
    n = figure.n
    if isinstance(model, SingleChoice | MultipleChoice):
        for k, option in enumerate(model.options):
            row = picks.get(str(k), {})
            chosen = int(row.get("chosen", 0))
            figure.options.append(
                OptionFigure(
                    id=str(k),
                    text=option.text.strip(),
                    correct=option.correct,
                    chosen=chosen,
                    share=chosen / n if n else None,
                    upper=int(row.get("upper", 0)),
                    lower=int(row.get("lower", 0)),
                    place=place("options", k, "text"),
                    # `move` tags what kind of move an option is (the assessment issue); read only if the model has it.
                    move=getattr(option, "move", None),
                )
            )
    elif isinstance(model, RolePlay):
        for s, step in enumerate(model.steps):
            visits = sum(int(picks.get(f"{step.id}.{k}", {}).get("chosen", 0)) for k in range(len(step.choices)))
            figure.steps[step.id] = [
                OptionFigure(
                    id=f"{step.id}.{k}",
                    text=choice.text.strip(),
                    correct=choice.points == max(c.points for c in step.choices),
                    chosen=(chosen := int(picks.get(f"{step.id}.{k}", {}).get("chosen", 0))),
                    share=chosen / visits if visits else None,
                    upper=int(picks.get(f"{step.id}.{k}", {}).get("upper", 0)),
                    lower=int(picks.get(f"{step.id}.{k}", {}).get("lower", 0)),
                    place=place("steps", s, "choices", k, "text"),
                    move=getattr(choice, "move", None),
                )
                for k, choice in enumerate(step.choices)
            ]
        for e, ending in enumerate(model.endings):
            reached = endings.get(ending.id, 0)
            figure.endings.append(
                EndingFigure(
                    ending.id,
                    ending.title,
                    ending.outcome,
                    reached,
                    reached / n if n else None,
                    place("endings", e, "id"),
                )
            )


def _pre_post(row: Mapping[str, Any] | None) -> PrePost | None:
    if row is None:
        return None
    if row["n_pre"]:
        before, after, kind = (
            wilson(int(row["k_pre"] or 0), row["n_pre"]),
            wilson(int(row["k_first"] or 0), row["n_first"]),
            "pretest",
        )
    elif row["n_later"]:
        before, after, kind = (
            wilson(int(row["k_first"] or 0), row["n_first"]),
            wilson(int(row["k_later"] or 0), row["n_later"]),
            "retry",
        )
    else:
        return None
    gain = after.value - before.value if after.value is not None and before.value is not None else None
    return PrePost(kind, before, after, gain)  # type: ignore[arg-type]


def _moves(questions: list[QuestionFigure]) -> list[MoveFigure]:
    """Per kind of move: how often learners chose a wrong option of that kind, where one was offered."""
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for q in questions:
        for move in {o.move for o in q.options if o.move and not o.correct}:
            wrong = [o for o in q.options if o.move == move and not o.correct]
            found[move][0] += len(wrong)
            found[move][1] += sum(o.chosen for o in wrong)
            found[move][2] += q.n
    return [
        MoveFigure(move, wrong, chosen, offered, chosen / offered if offered else None)
        for move, (wrong, chosen, offered) in sorted(found.items())
    ]
