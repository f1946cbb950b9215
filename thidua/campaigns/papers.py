"""The registration list of a cluster for its year (danh sách đăng ký thi đua), for the documents
engine (imported by DocumentsConfig.ready): every member unit in Vietnamese order with the titles
and forms it aims for and its thematic emulations or new models; members that have not registered
are listed as such. Word, PDF and Excel; downloaded from the cluster's registrations page.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import npgettext, pgettext, pgettext_lazy

from thidua.clusters.models import Cluster, ClusterKind
from thidua.core import vn
from thidua.documents.batches import BatchKind, register_batch
from thidua.documents.engine import Paper, register
from thidua.documents.layout import (
    Column,
    Group,
    Heading,
    Letterhead,
    Recipients,
    Signature,
    Table,
    file_slug,
    make_row,
    marked,
    place_date,
    two_digits,
)
from thidua.documents.papers.clusters import cluster_issuer, unit_name

from .catalog import award_name
from .queries import registration_status, rule_for


def registration_columns() -> tuple[Column, ...]:
    return (
        Column(pgettext("paper", "No."), 6, kind="int", align="center"),
        Column(pgettext("paper", "Member unit"), 26),
        Column(pgettext("paper", "Titles and forms registered"), 30),
        Column(pgettext("paper", "Thematic emulations and new models"), 38),
        Column(pgettext("paper", "Registered on"), 13, kind="date", align="center"),
    )


def _models_text(models) -> str:
    return "; ".join(f"{m.get_kind_display()}: {m.name}" for m in models)


def registration_list_context(*, cluster: Cluster, on: datetime.date | None = None) -> dict:
    """The cluster's registrations for its year, dated ``on`` (today by default)."""
    on = on or timezone.localdate()
    year = cluster.emulation_year.year
    issuer = cluster_issuer(cluster)
    rule = rule_for(cluster)
    rows_in = registration_status(cluster, rule)
    columns = registration_columns()
    not_registered = pgettext("paper", "Not registered")
    rows = []
    for i, status in enumerate(rows_in, start=1):
        reg = status.registration
        registered_on = timezone.localdate(reg.registered_at) if reg else None
        rows.append(
            make_row(
                columns,
                i,
                unit_name(status.unit),
                "; ".join(award_name(t.code) for t in status.titles) if reg else not_registered,
                _models_text(status.models),
                registered_on,
            )
        )
    registered = sum(1 for s in rows_in if s.registration is not None)
    model_total = sum(s.model_count for s in rows_in)
    below = sum(1 for s in rows_in if s.below_minimum)
    name = marked(cluster.name, cluster.is_sample)
    heading = Heading(
        type=pgettext("paper", "LIST"),
        subject=pgettext(
            "paper", "Emulation registrations of the member units of %(cluster)s in %(year)s"
        )
        % {"cluster": name, "year": year},
    )
    table = Table(
        columns=columns,
        groups=(Group(label="", title="", rows=tuple(rows)),),
        title=pgettext("paper", "EMULATION REGISTRATIONS OF %(cluster)s IN %(year)s")
        % {"cluster": name.upper(), "year": year},
        subtitle=pgettext("paper", "(As of %(date)s)") % {"date": vn.format_date(on)},
        total=pgettext(
            "paper",
            "Total: %(registered)s of %(members)s member units registered, with %(models)s "
            "thematic emulations or new models.",
        )
        % {
            "registered": two_digits(registered),
            "members": two_digits(len(rows_in)),
            "models": two_digits(model_total),
        },
        sheet=pgettext("paper", "Registrations"),
    )
    rule_text = npgettext(
        "paper",
        "Each member unit registers at least %(count)s thematic emulation or new model.",
        "Each member unit registers at least %(count)s thematic emulations or new models.",
        rule.min_models,
    ) % {"count": two_digits(rule.min_models)}
    if rule.deadline:
        rule_text += " " + pgettext("paper", "Registration deadline: %(date)s.") % {
            "date": vn.format_short_date(rule.deadline)
        }
    below_text = (
        npgettext(
            "paper",
            "%(count)s unit registered fewer than the minimum.",
            "%(count)s units registered fewer than the minimum.",
            below,
        )
        % {"count": two_digits(below)}
        if below
        else ""
    )
    bloc = cluster.kind == ClusterKind.BLOC
    leader_title = pgettext("paper", "BLOC LEADER") if bloc else pgettext("paper", "CLUSTER LEADER")
    leader_lines = (leader_title,)
    if cluster.leader is not None:
        leader_lines += (cluster.leader.name.upper(),)
    return {
        "letterhead": Letterhead.make(issuer, number="", place_date=place_date(issuer.place, on)),
        "heading": heading,
        "organiser": pgettext("paper", "Organised by: %(organiser)s.")
        % {"organiser": cluster.emulation_year.unit.name},
        "rule": rule_text,
        "below": below_text,
        "table": table,
        "recipients": Recipients(
            label=pgettext("paper", "Recipients:"),
            items=(
                pgettext("paper", "- The member units of the cluster;"),
                pgettext(
                    "paper", "- The standing agency of the Emulation and Commendation Council;"
                ),
                pgettext("paper", "- Filed: Records."),
            ),
        ),
        "signature": Signature(lines=leader_lines),
        "cluster": cluster,
        "filename": file_slug(
            heading.type, heading.subject, cluster.emulation_year.unit.short_name
        ),
    }


def _registration_docx(builder) -> None:
    builder.letterhead()
    builder.heading()
    builder.paragraph("{{ organiser }}", indent=True, after=6)
    builder.paragraph("{{ rule }}", indent=True, after=6)
    builder.when("below", lambda: builder.paragraph("{{ below }}", indent=True, after=6))
    builder.paragraph("{{ table.title }}", bold=True, align="center", before=6)
    builder.paragraph("{{ table.subtitle }}", italic=True, align="center", after=6)
    builder.table("table", registration_columns())
    builder.signature()


def _samples():
    clusters = Cluster.objects.select_related("emulation_year__unit", "leader", "deputy")
    for cluster in clusters.filter(registrations__isnull=False).distinct().order_by("pk")[:3]:
        yield {"cluster": cluster}


REGISTRATION_LIST = register(
    Paper(
        code="campaigns.registration_list",
        title=pgettext_lazy("paper", "Emulation registrations of a cluster or bloc"),
        build_context=registration_list_context,
        formats=("docx", "pdf", "xlsx"),
        html_template="documents/campaigns/registration_list.html",
        docx_body=_registration_docx,
        samples=_samples,
    )
)


# --- batch: the registration lists of every cluster of a year -----------------------------------


def _year_items(year):
    from thidua.documents.queries import cluster_order_key

    clusters = sorted(Cluster.objects.filter(emulation_year=year), key=cluster_order_key)
    return [(c.name, {"cluster": c.pk}) for c in clusters]


def _load(params: dict) -> dict:
    cluster = Cluster.objects.select_related("emulation_year__unit", "leader", "deputy").get(
        pk=params["cluster"]
    )
    return {"cluster": cluster}


REGISTRATION_LISTS = register_batch(
    BatchKind(
        code="campaigns.registration_lists",
        title=pgettext_lazy("batch", "Registration lists of every cluster and bloc of the year"),
        paper="campaigns.registration_list",
        scope="year",
        items=_year_items,
        load=_load,
    )
)
