"""Award pages, mounted by the project at /awards/ (``path("awards/", include(...))``)."""

from django.urls import path, re_path, register_converter

from . import views


class SubjectConverter:
    """ "person" or "unit": whose history a URL is about."""

    regex = "person|unit"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(SubjectConverter, "subject")

app_name = "awards"
urlpatterns = [
    path("", views.index, name="index"),
    path("decisions/new/", views.decision_create, name="decision_create"),
    path("decisions/<int:decision_id>/", views.decision_detail, name="decision_detail"),
    path("decisions/<int:decision_id>/edit/", views.decision_edit, name="decision_edit"),
    path("decisions/<int:decision_id>/recipients/new/", views.recipient_add, name="recipient_add"),
    path("recipients/<int:recipient_id>/remove/", views.recipient_remove, name="recipient_remove"),
    path("<subject:kind>/<int:subject_id>/", views.history, name="history"),
    path("<subject:kind>/<int:subject_id>/ratings/new/", views.rating_create, name="rating_create"),
    path("ratings/<int:rating_id>/edit/", views.rating_edit, name="rating_edit"),
    path("<subject:kind>/<int:subject_id>/facts/new/", views.fact_create, name="fact_create"),
    path("facts/<int:fact_id>/remove/", views.fact_remove, name="fact_remove"),
    path(
        "<subject:kind>/<int:subject_id>/initiatives/new/",
        views.initiative_create,
        name="initiative_create",
    ),
    path("initiatives/<int:initiative_id>/edit/", views.initiative_edit, name="initiative_edit"),
    path(
        "<subject:kind>/<int:subject_id>/disciplines/new/",
        views.discipline_create,
        name="discipline_create",
    ),
    path("disciplines/<int:discipline_id>/edit/", views.discipline_edit, name="discipline_edit"),
    path("<subject:kind>/<int:subject_id>/matters/new/", views.matter_create, name="matter_create"),
    path("matters/<int:matter_id>/close/", views.matter_close, name="matter_close"),
    path(
        "<subject:kind>/<int:subject_id>/maternity/new/",
        views.maternity_create,
        name="maternity_create",
    ),
    path("maternity/<int:leave_id>/remove/", views.maternity_remove, name="maternity_remove"),
    path("bulk/", ("thidua.awards.views.bulk", None, None)),  # include(): /bulk/, /bulk/<unit>/
    path("proposals/", views.proposal_list, name="proposal_list"),
    path("proposals/new/", views.proposal_create, name="proposal_create"),
    path("proposals/<int:proposal_id>/", views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:proposal_id>/edit/", views.proposal_edit, name="proposal_edit"),
    path("proposals/<int:proposal_id>/check/", views.proposal_check, name="proposal_check"),
    path("proposals/<int:proposal_id>/items/new/", views.item_add, name="proposal_item_add"),
    path("proposal-items/<int:item_id>/edit/", views.item_edit, name="proposal_item_edit"),
    path("proposal-items/<int:item_id>/remove/", views.item_remove, name="proposal_item_remove"),
    path(
        "proposals/<int:proposal_id>/documents/new/",
        views.document_add,
        name="proposal_document_add",
    ),
    path("dossier/<int:document_id>/", views.document_download, name="proposal_document_download"),
    path(
        "dossier/<int:document_id>/remove/",
        views.document_remove,
        name="proposal_document_remove",
    ),
    path("proposals/<int:proposal_id>/file/", views.proposal_file, name="proposal_file"),
    path("proposals/<int:proposal_id>/return/", views.proposal_return, name="proposal_return"),
    path("proposals/<int:proposal_id>/refuse/", views.proposal_refuse, name="proposal_refuse"),
    path("proposals/<int:proposal_id>/approve/", views.proposal_approve, name="proposal_approve"),
    re_path(
        r"^proposals/(?P<proposal_id>[0-9]+)/submission\.(?P<fmt>docx|pdf|xlsx)$",
        views.proposal_submission,
        name="proposal_submission",
    ),
    re_path(
        r"^proposals/(?P<proposal_id>[0-9]+)/decision-draft\.(?P<fmt>docx|pdf|xlsx)$",
        views.proposal_decision_draft,
        name="proposal_decision_draft",
    ),
    re_path(
        r"^proposal-items/(?P<item_id>[0-9]+)/report\.(?P<fmt>docx|pdf)$",
        views.item_report,
        name="proposal_item_report",
    ),
    path("import/", views.import_upload, name="import_upload"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("import/<str:token>/", views.import_preview, name="import_preview"),
    path("import/<str:token>/discard/", views.import_discard, name="import_discard"),
]
