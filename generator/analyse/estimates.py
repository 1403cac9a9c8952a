"""Intervals and the sample sizes below which a figure is shown greyed."""

from __future__ import annotations

import math
from dataclasses import dataclass

Z95 = 1.959963984540054
# Below these a figure is still shown, greyed, with its interval: too few answers to act on it.
MIN_DIFFICULTY = 30
MIN_DISCRIMINATION = 100


@dataclass(frozen=True)
class Estimate:
    value: float | None
    low: float | None
    high: float | None
    n: int
    enough: bool  # n reaches the minimum sample for this figure


def wilson(right: int, n: int) -> Estimate:
    """The share right with its 95 % Wilson score interval."""
    if n == 0:
        return Estimate(None, None, None, 0, False)
    p = right / n
    centre = (p + Z95**2 / (2 * n)) / (1 + Z95**2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + Z95**2 / (4 * n * n)) / (1 + Z95**2 / n)
    return Estimate(p, max(0.0, centre - half), min(1.0, centre + half), n, n >= MIN_DIFFICULTY)


def correlation(r: float | None, n: int) -> Estimate:
    """A correlation with its 95 % interval by Fisher's z."""
    if r is None or math.isnan(r) or n < 4:
        return Estimate(None if r is None or math.isnan(r) else r, None, None, n, False)
    r = max(-0.999999, min(0.999999, r))
    z, se = math.atanh(r), 1 / math.sqrt(n - 3)
    return Estimate(r, math.tanh(z - Z95 * se), math.tanh(z + Z95 * se), n, n >= MIN_DISCRIMINATION)


def difference(p_upper: float | None, n_upper: int, p_lower: float | None, n_lower: int, n: int) -> Estimate:
    """The upper minus the lower group's share right, with a 95 % (Wald) interval."""
    if p_upper is None or p_lower is None or not n_upper or not n_lower:
        return Estimate(None, None, None, n, False)
    d = p_upper - p_lower
    se = math.sqrt(p_upper * (1 - p_upper) / n_upper + p_lower * (1 - p_lower) / n_lower)
    return Estimate(d, max(-1.0, d - Z95 * se), min(1.0, d + Z95 * se), n, n >= MIN_DISCRIMINATION)


def alpha_interval(alpha: float | None, items: int, n: int) -> Estimate:
    """Cronbach's alpha (KR-20 for right/wrong items) with Bonett's (2002) 95 % interval,
    on ln(1 - alpha) with variance 2k / ((k - 1)(n - 2))."""
    if alpha is None or math.isnan(alpha) or items < 2 or n < 3:
        return Estimate(None if alpha is None or math.isnan(alpha) else alpha, None, None, n, False)
    if alpha >= 1:
        return Estimate(alpha, None, None, n, n >= MIN_DISCRIMINATION)
    se = math.sqrt(2 * items / ((items - 1) * (n - 2)))
    centre = math.log(1 - alpha)
    return Estimate(alpha, 1 - math.exp(centre + Z95 * se), 1 - math.exp(centre - Z95 * se), n, n >= MIN_DISCRIMINATION)


def kr20(table: list[list[int]]) -> float:
    """KR-20 of a learners × items table of 0/1, population variances: the plain definition,
    for checking the SQL and for small tables."""
    k, n = len(table[0]), len(table)
    totals = [sum(row) for row in table]
    mean = sum(totals) / n
    variance = sum((t - mean) ** 2 for t in totals) / n
    pq = sum((p := sum(row[i] for row in table) / n) * (1 - p) for i in range(k))
    return k / (k - 1) * (1 - pq / variance)
