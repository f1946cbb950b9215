"""The generated draft of the year-end review report (báo cáo tổng kết) of a unit or a cluster.

Vietnamese prose built only from figures the database holds (movements, registrations and new
models, progress against targets, published rankings, awards and the bonus owed); what it does
not hold (the assessment, next year's tasks) is left for the officer to write, marked as such.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import npgettext, pgettext

from thidua.core import vn
from thidua.documents.engine import PAPER_LANGUAGE

from . import queries
from . import report as report_module
from .queries import GRASSROOTS, PROVINCIAL, STATE, Scope


def _n(value) -> str:
    return vn.format_number(value)


def _award_phrase(line: queries.AwardLine) -> list[str]:
    phrases = []
    if line.collectives:
        phrases.append(
            npgettext(
                "summary",
                "%(count)s unit received %(award)s",
                "%(count)s units received %(award)s",
                line.collectives,
            )
            % {"count": _n(line.collectives), "award": line.name}
        )
    if line.individuals:
        phrases.append(
            npgettext(
                "summary",
                "%(count)s individual received %(award)s",
                "%(count)s individuals received %(award)s",
                line.individuals,
            )
            % {"count": _n(line.individuals), "award": line.name}
        )
    return phrases


def draft_text(scope: Scope) -> str:
    """The draft in Vietnamese, as plain text: headings in capitals, one paragraph a line."""
    with translation.override(PAPER_LANGUAGE):
        return "\n".join(_lines(scope))


def _lines(scope: Scope) -> list[str]:
    built = report_module.build(scope)
    year, name = scope.year, scope.name
    out = [pgettext("summary", "I. RESULTS OF THE EMULATION MOVEMENTS")]

    movements = queries.movements(scope)
    if movements:
        listed = "; ".join(f"“{m.name}” ({m.period})" for m in movements)
        out.append(
            npgettext(
                "summary",
                "1. Movements: in %(year)s, %(scope)s carried out %(count)s emulation movement: "
                "%(list)s.",
                "1. Movements: in %(year)s, %(scope)s carried out %(count)s emulation movements: "
                "%(list)s.",
                len(movements),
            )
            % {"year": year, "scope": name, "count": _n(len(movements)), "list": listed}
        )
    else:
        out.append(
            pgettext("summary", "1. Movements: no movement launched in %(year)s is recorded.")
            % {"year": year}
        )

    regs = built.registrations
    if regs.members:
        text = pgettext(
            "summary",
            "2. Registrations: %(registered)s of %(members)s member units registered for the "
            "emulation, with %(thematic)s thematic emulations and %(models)s new models.",
        ) % {
            "registered": _n(regs.registered),
            "members": _n(regs.members),
            "thematic": _n(built.thematic),
            "models": _n(built.new_model_count),
        }
        if regs.new_models:
            text += " " + pgettext("summary", "New models: %(list)s.") % {
                "list": "; ".join(f"{m.name} ({m.registration.unit.name})" for m in regs.new_models)
            }
        out.append(text)
    else:
        out.append(pgettext("summary", "2. Registrations: no registration is recorded."))

    targets = queries.target_progress(scope)
    if targets:
        out.append(pgettext("summary", "3. Progress against the targets:"))
        for t in targets:
            if t.goal and t.percent is not None:
                line = pgettext(
                    "summary", "- %(target)s (%(unit)s): %(value)s against %(goal)s (%(percent)s)."
                ) % {
                    "target": t.target,
                    "unit": t.unit,
                    "value": t.value,
                    "goal": t.goal,
                    "percent": vn.format_percent(t.percent),
                }
            elif t.goal:
                line = pgettext(
                    "summary", "- %(target)s (%(unit)s): %(value)s against %(goal)s."
                ) % {
                    "target": t.target,
                    "unit": t.unit,
                    "value": t.value,
                    "goal": t.goal,
                }
            else:
                line = pgettext("summary", "- %(target)s (%(unit)s): %(value)s.") % {
                    "target": t.target,
                    "unit": t.unit,
                    "value": t.value,
                }
            out.append(line)
    else:
        out.append(pgettext("summary", "3. Progress against the targets: no figure is recorded."))

    if built.scores:
        out.append(pgettext("summary", "4. Results of the scoring (published rankings):"))
        for s in built.scores:
            out.append(
                pgettext(
                    "summary",
                    "- %(cluster)s: %(unit)s ranked %(rank)s of %(members)s with %(total)s points"
                    "%(grade)s.",
                )
                % {
                    "cluster": s.cluster,
                    "unit": s.unit,
                    "rank": s.rank,
                    "members": s.members,
                    "total": _n(s.total),
                    "grade": f" ({s.grade})" if s.grade else "",
                }
            )
    else:
        out.append(pgettext("summary", "4. Results of the scoring: no ranking is published."))

    out.append(pgettext("summary", "II. COMMENDATION WORK"))
    if built.awards:
        phrases = [p for line in built.awards for p in _award_phrase(line)]
        out.append(
            npgettext(
                "summary",
                "In %(year)s, %(count)s award was given to the collectives and individuals of "
                "%(scope)s: %(list)s.",
                "In %(year)s, %(count)s awards were given to the collectives and individuals of "
                "%(scope)s: %(list)s.",
                built.award_total,
            )
            % {
                "year": year,
                "count": _n(built.award_total),
                "scope": name,
                "list": "; ".join(phrases),
            }
        )
        levels = {label: i + c for label, i, c in built.levels}
        labels = {key: str(queries.LEVELS[key]) for key in (STATE, PROVINCIAL, GRASSROOTS)}
        out.append(
            pgettext(
                "summary",
                "By level: %(state)s at state level, %(provincial)s at ministry or province "
                "level, %(grassroots)s at grassroots level.",
            )
            % {key: _n(levels[labels[key]]) for key in labels}
        )
        individuals = sum(line.individuals for line in built.awards)
        if individuals:
            out.append(
                pgettext(
                    "summary",
                    "Of the %(individuals)s individuals awarded, %(women)s are women.",
                )
                % {"individuals": _n(individuals), "women": _n(built.sexes["women"])}
            )
        bonus = built.bonus
        if bonus.total and bonus.base_salary is not None:
            out.append(
                pgettext(
                    "summary",
                    "The bonus owed under the catalogue's multiples amounts to %(amount)s (base "
                    "salary in force: %(salary)s).",
                )
                % {
                    "amount": vn.format_vnd(bonus.total),
                    "salary": vn.format_vnd(bonus.base_salary.amount),
                }
            )
    else:
        out.append(
            pgettext("summary", "No award of %(year)s is recorded in the registry.")
            % {"year": year}
        )

    out.append(pgettext("summary", "III. ASSESSMENT AND TASKS FOR %(next)s") % {"next": year + 1})
    out.append(
        pgettext(
            "summary",
            "(To be written by the unit: strengths, shortcomings and lessons; the tasks and "
            "solutions for next year.)",
        )
    )
    return out
