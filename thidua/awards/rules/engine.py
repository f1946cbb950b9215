"""Evaluate a case: every route of the requested title or form under the year's regime."""

from __future__ import annotations

from .context import Context
from .history import Case
from .principles import discipline_condition, not_modelled_condition, pending_condition
from .registry import rules_for
from .results import BLOCKED, ELIGIBLE, NOT_ELIGIBLE, CaseResult, RouteResult
from .rule import Rule


def evaluate_route(rule: Rule, ctx: Context) -> RouteResult:
    """All conditions of one route, met or not, then the shared principles."""
    if rule.modelled:
        conditions = [c.check(ctx) for c in rule.conditions]
    else:
        conditions = [not_modelled_condition(ctx, rule.code)]
    if (discipline := discipline_condition(ctx)) is not None:
        conditions.append(discipline)
    conditions.append(pending_condition(ctx))
    if ctx.subject.pending:
        verdict = BLOCKED  # conditions stay listed, but nothing may be proposed
    else:
        verdict = ELIGIBLE if all(c.met for c in conditions) else NOT_ELIGIBLE
    return RouteResult(rule.route, verdict, tuple(conditions))


def evaluate_case(case: Case) -> CaseResult:
    ctx = Context(case)
    request = case.request
    rules = rules_for(request.code, case.subject.kind, ctx.regime.code, request.route)
    routes = tuple(evaluate_route(rule, ctx) for rule in rules)
    if case.subject.pending:
        verdict = BLOCKED
    elif any(r.verdict == ELIGIBLE for r in routes):
        verdict = ELIGIBLE
    else:
        verdict = NOT_ELIGIBLE
    return CaseResult(case.id, verdict, ctx.regime.code, routes)
