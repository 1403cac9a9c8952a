"""The statements as one DuckDB table of this course's answers, one row per `answered` statement.

DuckDB reads the export natively (newline-delimited JSON or an array) into typed columns,
taking only the fields the analysis uses; everything after that is SQL over those columns.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from generator.analyse.errors import AnalyseError
from generator.analyse.sources import StatementFile, first_broken_line
from generator.model.interactions import (
    ANSWERED,
    ATTEMPT,
    ATTEMPT_TOTAL,
    COURSE_VERSION,
    ENDING,
    PATH,
    PRETEST,
    QUIZ_HASH,
)

_ACTOR = "STRUCT(mbox VARCHAR, mbox_sha1sum VARCHAR, openid VARCHAR, name VARCHAR, account STRUCT(homePage VARCHAR, name VARCHAR))"
# Typed to the last field, extensions included (struct fields named by their IRIs): DuckDB then
# parses straight into columns, about twice as fast as reading them as JSON maps.
_COLUMNS = {
    "actor": _ACTOR,
    "verb": "STRUCT(id VARCHAR)",
    "object": "STRUCT(id VARCHAR)",
    "result": "STRUCT(response VARCHAR, success BOOLEAN, score STRUCT(raw DOUBLE, max DOUBLE), duration VARCHAR, "
    f'extensions STRUCT("{ENDING}" VARCHAR, "{PATH}" VARCHAR[]))',
    "context": "STRUCT("
    f'extensions STRUCT("{QUIZ_HASH}" VARCHAR, "{COURSE_VERSION}" VARCHAR, "{ATTEMPT}" INTEGER, '
    f'"{ATTEMPT_TOTAL}" STRUCT(raw DOUBLE, max DOUBLE), "{PRETEST}" BOOLEAN))',
}

# ISO 8601 durations as xAPI writes them (PT1H2M3.5S); days and more are not an answer's time.
_SECONDS = """(coalesce(TRY_CAST(regexp_extract({d}, '(\\d+(?:\\.\\d+)?)H', 1) AS DOUBLE), 0) * 3600
  + coalesce(TRY_CAST(regexp_extract({d}, 'T(?:.*?H)?(\\d+(?:\\.\\d+)?)M', 1) AS DOUBLE), 0) * 60
  + coalesce(TRY_CAST(regexp_extract({d}, '(\\d+(?:\\.\\d+)?)S', 1) AS DOUBLE), 0))"""


@dataclass(frozen=True)
class Counts:
    """What was read and what of it was kept."""

    statements: int
    answers: int  # this course's answers, analysed
    other_courses: int  # answers about another course's activities
    not_answers: int  # other verbs (passed, completed, …)
    without_context: int  # this course's answers without the attempt and version (an older runtime)


def load_answers(con: duckdb.DuckDBPyConnection, source: StatementFile, course_iri: str) -> Counts:
    """Create table `answers` in `con` from `source`; the counts of what was read."""
    columns = "{" + ", ".join(f"'{k}': '{v.replace(chr(39), chr(39) * 2)}'" for k, v in _COLUMNS.items()) + "}"
    form = "array" if source.array else "newline_delimited"
    try:
        con.execute(
            f"""CREATE TEMP TABLE raw AS SELECT
              coalesce(actor.mbox, actor.mbox_sha1sum, actor.openid,
                       actor.account.homePage || '|' || actor.account.name) AS learner,
              coalesce(actor.name, actor.account.name, actor.mbox) AS learner_name,
              verb.id AS verb, object.id AS object,
              result.response AS response, result.success AS success,
              result.score.raw AS raw, result.score.max AS max, result.duration AS duration,
              result.extensions['{ENDING}'] AS ending,
              result.extensions['{PATH}'] AS path,
              context.extensions['{QUIZ_HASH}'] AS quiz_hash,
              context.extensions['{COURSE_VERSION}'] AS course_version,
              context.extensions['{ATTEMPT}'] AS attempt,
              context.extensions['{ATTEMPT_TOTAL}'].raw AS total,
              context.extensions['{ATTEMPT_TOTAL}'].max AS total_max,
              coalesce(context.extensions['{PRETEST}'], false) AS pretest
            FROM read_json($path, format = '{form}', columns = {columns}, maximum_object_size = 16777216)""",
            {"path": str(source.path)},
        )
    except (duckdb.InvalidInputException, duckdb.ConversionException, duckdb.BinderException) as exc:
        raise AnalyseError(first_broken_line(source, str(exc)) + "; fix or remove it; nothing was written") from exc
    prefix = course_iri + "/quiz/"
    con.execute(
        f"""CREATE TEMP TABLE answers AS SELECT
              regexp_extract(object, '/quiz/([^/]+)/question/([^/]+)$', 1) AS quiz,
              regexp_extract(object, '/quiz/([^/]+)/question/([^/]+)$', 2) AS question,
              course_version AS version, quiz_hash, md5(learner) AS learner, learner_name, attempt, pretest,
              response, coalesce(success, raw >= max) AS success, raw, max,
              total, total_max,
              {_SECONDS.format(d="duration")} AS seconds, duration IS NOT NULL AS timed, ending, path
            FROM raw
            WHERE verb = '{ANSWERED}' AND starts_with(object, $prefix) AND attempt IS NOT NULL
              AND course_version IS NOT NULL AND quiz_hash IS NOT NULL AND raw IS NOT NULL AND max > 0""",
        {"prefix": prefix},
    )
    row = con.execute(
        f"""SELECT count(*),
              count(*) FILTER (WHERE verb = '{ANSWERED}' AND NOT starts_with(coalesce(object, ''), $prefix)),
              count(*) FILTER (WHERE verb IS DISTINCT FROM '{ANSWERED}'),
              count(*) FILTER (WHERE verb = '{ANSWERED}' AND starts_with(object, $prefix))
            FROM raw""",
        {"prefix": prefix},
    ).fetchone()
    assert row is not None
    kept = con.execute("SELECT count(*) FROM answers").fetchone()
    assert kept is not None
    con.execute("DROP TABLE raw")
    return Counts(
        statements=row[0], answers=kept[0], other_courses=row[1], not_answers=row[2], without_context=row[3] - kept[0]
    )
