"""Papers about clusters and blocs: the decision that sets up a year's clusters (with its annex)
and the member list of one cluster."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.translation import npgettext, pgettext, pgettext_lazy

from thidua.clusters.models import Cluster, ClusterKind, EmulationYear
from thidua.core import vn

from .. import legal
from ..batches import BatchKind, register_batch
from ..engine import Paper, register
from ..layout import (
    Article,
    Column,
    Group,
    Heading,
    Issuer,
    Letterhead,
    Recipients,
    Signature,
    Table,
    ancestors_of,
    date_text,
    file_slug,
    issuer_for_unit,
    make_row,
    marked,
    number_line,
    number_ref,
    place_date,
    roman,
    short_parent_name,
    two_digits,
)
from ..queries import clusters_with_members, members_of

DECISION = "QĐ"


def role_in(cluster: Cluster, unit) -> str:
    bloc = cluster.kind == ClusterKind.BLOC
    if unit.pk == cluster.leader_id:
        return pgettext("paper", "Bloc leader") if bloc else pgettext("paper", "Cluster leader")
    if unit.pk == cluster.deputy_id:
        return pgettext("paper", "Bloc deputy") if bloc else pgettext("paper", "Cluster deputy")
    return pgettext("paper", "Member")


def unit_name(unit) -> str:
    return marked(unit.name, unit.is_sample)


# --- Quyết định về việc thành lập các Cụm, Khối thi đua năm … ---------------------------------


def annex_columns() -> tuple[Column, ...]:
    return (
        Column(pgettext("paper", "No."), 7, kind="int", align="center"),
        Column(pgettext("paper", "Member unit"), 52),
        Column(pgettext("paper", "Role"), 20, align="center"),
    )


def _kind_counts(clusters) -> dict[str, int]:
    return {
        kind: sum(1 for c, _members in clusters if c.kind == kind) for kind in ClusterKind.values
    }


def _counted(counts: dict[str, int]) -> str:
    """ "01 Cụm thi đua và 02 Khối thi đua" (only the kinds the year has)."""
    parts = []
    if counts[ClusterKind.CLUSTER]:
        n = counts[ClusterKind.CLUSTER]
        parts.append(
            npgettext("paper", "%(count)s emulation cluster", "%(count)s emulation clusters", n)
            % {"count": two_digits(n)}
        )
    if counts[ClusterKind.BLOC]:
        n = counts[ClusterKind.BLOC]
        parts.append(
            npgettext("paper", "%(count)s emulation bloc", "%(count)s emulation blocs", n)
            % {"count": two_digits(n)}
        )
    return pgettext("paper", " and ").join(parts)


def _roles(counts: dict[str, int]) -> str:
    roles = []
    if counts[ClusterKind.CLUSTER]:
        roles.append(pgettext("paper", "the cluster leaders and deputies"))
    if counts[ClusterKind.BLOC]:
        roles.append(pgettext("paper", "the bloc leaders and deputies"))
    return pgettext("paper", ", ").join(roles)


def year_decision_context(
    *,
    year: EmulationYear,
    number: str = "",
    issued_on: datetime.date | None = None,
    signer_name: str = "",
) -> dict:
    """The decision of ``year``'s organiser setting up its clusters and blocs, with the annex.

    ``number`` and ``issued_on`` stay blank in a draft (filled in by hand once signed)."""
    organiser = year.unit
    issuer = issuer_for_unit(organiser)
    clusters = clusters_with_members(year)
    columns = annex_columns()
    groups = []
    for index, (cluster, members) in enumerate(clusters, start=1):
        rows = tuple(
            make_row(columns, position, unit_name(unit), role_in(cluster, unit))
            for position, unit in enumerate(members, start=1)
        )
        title = pgettext("paper", "%(name)s (%(count)s units)") % {
            "name": marked(cluster.name, cluster.is_sample),
            "count": two_digits(len(members)),
        }
        groups.append(Group(label=roman(index), title=title, rows=rows))

    symbol = f"{DECISION}-{issuer.symbol}"
    decision_date = date_text(issued_on, year=year.year)
    heading = Heading(
        type=pgettext("paper", "DECISION"),
        subject=pgettext(
            "paper", "On the establishment of the emulation clusters and blocs of %(year)s"
        )
        % {"year": year.year},
    )
    counts = _kind_counts(clusters)
    counted = _counted(counts)
    member_total = sum(len(members) for _c, members in clusters)
    annex = Table(
        columns=columns,
        groups=tuple(groups),
        label=pgettext("paper", "Annex"),
        title=pgettext("paper", "LIST OF THE EMULATION CLUSTERS AND BLOCS OF %(year)s")
        % {"year": year.year},
        subtitle=pgettext("paper", "(Attached to Decision No. %(ref)s %(date)s of the %(issuer)s)")
        % {
            "ref": number_ref(symbol, number),
            "date": decision_date,
            "issuer": issuer.full_name,
        },
        total=pgettext("paper", "Total: %(clusters)s clusters and blocs, %(units)s member units.")
        % {"clusters": two_digits(len(clusters)), "units": two_digits(member_total)},
        sheet=pgettext("paper", "Annex"),
    )
    if counted:
        first = pgettext(
            "paper",
            "To establish %(counted)s of %(year)s of %(organiser)s (the member units, %(roles)s "
            "are listed in the Annex attached to this Decision).",
        ) % {
            "counted": counted,
            "year": year.year,
            "organiser": organiser.name,
            "roles": _roles(counts),
        }
    else:
        first = pgettext(
            "paper",
            "To establish the emulation clusters and blocs of %(year)s of %(organiser)s (listed "
            "in the Annex attached to this Decision).",
        ) % {"year": year.year, "organiser": organiser.name}
    articles = (
        Article(pgettext("paper", "Article 1."), first),
        Article(
            pgettext("paper", "Article 2."),
            pgettext(
                "paper",
                "The leader of each cluster or bloc, with its deputy, draws up the plan and the "
                "operating rules; launches the emulation and organises the signing of the pledge; "
                "follows, scores and reviews the members and proposes commendations as "
                "prescribed. The member units carry out the pledge and the operating rules of "
                "their cluster or bloc.",
            ),
        ),
        Article(
            pgettext("paper", "Article 3."),
            pgettext(
                "paper",
                "This Decision takes effect from the date of signing. The Chief of Office, the "
                "head of the standing agency of the Emulation and Commendation Council and the "
                "heads of the units named in the Annex are responsible for implementing this "
                "Decision./.",
            ),
        ),
    )
    basis_day = issued_on or datetime.date(year.year, 1, 1)
    bases = legal.bases_on(basis_day, local_government=issuer.symbol == "UBND")
    bases.append(
        pgettext(
            "paper",
            "At the proposal of the standing agency of the Emulation and Commendation Council.",
        )
    )
    return {
        "letterhead": Letterhead.make(
            issuer,
            number=number_line(symbol, number),
            place_date=place_date(issuer.place, issued_on, year=year.year),
        ),
        "heading": heading,
        "authority": issuer.authority,
        "bases": bases,
        "decides": pgettext("paper", "DECIDES:"),
        "articles": articles,
        "recipients": Recipients(
            label=pgettext("paper", "Recipients:"),
            items=(
                pgettext("paper", "- As in Article 3;"),
                pgettext("paper", "- The Emulation and Commendation Council;"),
                pgettext("paper", "- Filed: Records, Emulation and Commendation."),
            ),
        ),
        "signature": Signature(lines=issuer.signer_lines, name=signer_name),
        "annex": annex,
        "table": annex,
        "year": year,
        "filename": file_slug(heading.type, heading.subject, organiser.short_name),
    }


def _year_decision_docx(builder) -> None:
    builder.decision(annex_columns())


def _year_samples():
    for year in EmulationYear.objects.select_related("unit").order_by("-year", "pk"):
        yield {"year": year}


YEAR_DECISION = register(
    Paper(
        code="clusters.year_decision",
        title=pgettext_lazy(
            "paper", "Decision on the establishment of the emulation clusters and blocs"
        ),
        build_context=year_decision_context,
        formats=("docx", "pdf", "xlsx"),
        html_template="documents/clusters/year_decision.html",
        docx_body=_year_decision_docx,
        samples=_year_samples,
    )
)


# --- Danh sách đơn vị thành viên của một Cụm, Khối ----------------------------------------


def member_columns() -> tuple[Column, ...]:
    return (
        Column(pgettext("paper", "No."), 7, kind="int", align="center"),
        Column(pgettext("paper", "Member unit"), 54),
        Column(pgettext("paper", "Kind of unit"), 24),
        Column(pgettext("paper", "Role"), 18, align="center"),
    )


def cluster_issuer(cluster: Cluster) -> Issuer:
    """A cluster's own papers: its name as the issuing body, its organiser on the line above."""
    organiser = cluster.emulation_year.unit
    return Issuer(
        lines=(cluster.name.upper(),),
        parent=short_parent_name(organiser),
        authority=cluster.name.upper(),
        full_name=cluster.name,
        place=issuer_for_unit(organiser, ancestors_of(organiser)).place,
    )


def member_list_context(*, cluster: Cluster, on: datetime.date | None = None) -> dict:
    """The member units of ``cluster`` in Vietnamese order, with their role, dated ``on``
    (today by default)."""
    on = on or timezone.localdate()
    year = cluster.emulation_year.year
    issuer = cluster_issuer(cluster)
    columns = member_columns()
    members = members_of(cluster)
    rows = tuple(
        make_row(columns, i, unit_name(u), str(u.get_kind_display()), role_in(cluster, u))
        for i, u in enumerate(members, start=1)
    )
    name = marked(cluster.name, cluster.is_sample)
    heading = Heading(
        type=pgettext("paper", "LIST"),
        subject=pgettext("paper", "Member units of %(cluster)s in %(year)s")
        % {"cluster": name, "year": year},
    )
    leaders = [
        f"{role_in(cluster, unit)}: {unit_name(unit)}"
        for unit in (cluster.leader, cluster.deputy)
        if unit is not None
    ]
    table = Table(
        columns=columns,
        groups=(Group(label="", title="", rows=rows),),
        title=pgettext("paper", "MEMBER UNITS OF %(cluster)s IN %(year)s")
        % {"cluster": name.upper(), "year": year},
        subtitle=pgettext("paper", "(Organised by %(organiser)s; as of %(date)s)")
        % {"organiser": cluster.emulation_year.unit.name, "date": vn.format_date(on)},
        total=pgettext("paper", "Total: %(count)s member units.")
        % {"count": two_digits(len(members))},
        sheet=pgettext("paper", "Members"),
    )
    return {
        "letterhead": Letterhead.make(issuer, number="", place_date=place_date(issuer.place, on)),
        "heading": heading,
        "organiser": pgettext("paper", "Organised by: %(organiser)s.")
        % {"organiser": cluster.emulation_year.unit.name},
        "theme": (
            pgettext("paper", "Theme of the year: %(theme)s.")
            % {"theme": cluster.emulation_year.theme.rstrip(".")}
            if cluster.emulation_year.theme
            else ""
        ),
        "leaders": "; ".join(leaders) + ("." if leaders else ""),
        "table": table,
        "cluster": cluster,
        "filename": file_slug(
            heading.type, heading.subject, cluster.emulation_year.unit.short_name
        ),
    }


def _cluster_samples():
    clusters = Cluster.objects.select_related("emulation_year__unit", "leader", "deputy")
    for cluster in clusters.order_by("-emulation_year__year", "pk"):
        yield {"cluster": cluster}


MEMBER_LIST = register(
    Paper(
        code="clusters.member_list",
        title=pgettext_lazy("paper", "Member list of a cluster or bloc"),
        build_context=member_list_context,
        formats=("pdf", "xlsx"),
        html_template="documents/clusters/member_list.html",
        samples=_cluster_samples,
    )
)


# --- batch: the member lists of every cluster of a year -------------------------------------------


def _year_clusters(year: EmulationYear):
    from ..queries import cluster_order_key

    clusters = sorted(Cluster.objects.filter(emulation_year=year), key=cluster_order_key)
    return [(c.name, {"cluster": c.pk}) for c in clusters]


def _load_cluster(params: dict) -> dict:
    cluster = Cluster.objects.select_related("emulation_year__unit", "leader", "deputy").get(
        pk=params["cluster"]
    )
    return {"cluster": cluster}


MEMBER_LISTS = register_batch(
    BatchKind(
        code="clusters.member_lists",
        title=pgettext_lazy("batch", "Member lists of every cluster and bloc of the year"),
        paper=MEMBER_LIST.code,
        scope="year",
        items=_year_clusters,
        load=_load_cluster,
    )
)
