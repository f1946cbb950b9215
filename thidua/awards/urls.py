"""Award pages, mounted by the project at /awards/ (``path("awards/", include(...))``)."""

from django.urls import path, register_converter

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
    path("import/", views.import_upload, name="import_upload"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("import/<str:token>/", views.import_preview, name="import_preview"),
    path("import/<str:token>/discard/", views.import_discard, name="import_discard"),
]
