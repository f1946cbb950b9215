from django.urls import path, re_path

from . import views

app_name = "scoring"
urlpatterns = [
    path("clusters/<int:cluster_id>/", views.cluster_rounds, name="cluster_rounds"),
    path("clusters/<int:cluster_id>/new/", views.round_create, name="round_create"),
    path("rounds/<int:round_id>/", views.round_detail, name="round_detail"),
    path("rounds/<int:round_id>/edit/", views.round_edit, name="round_edit"),
    path("rounds/<int:round_id>/progress/", views.progress, name="progress"),
    path("rounds/<int:round_id>/remind/", views.remind, name="remind"),
    path("rounds/<int:round_id>/assign/", views.assign, name="assign"),
    path("rounds/<int:round_id>/close/", views.close, name="close"),
    path("rounds/<int:round_id>/ties/", views.ties, name="ties"),
    path("rounds/<int:round_id>/publish/", views.publish, name="publish"),
    path("rounds/<int:round_id>/units/<int:unit_id>/", views.sheet, name="sheet"),
    path("rounds/<int:round_id>/units/<int:unit_id>/submit/", views.submit, name="submit"),
    path(
        "rounds/<int:round_id>/cross/<int:scorer_id>/<int:scored_id>/",
        views.cross_sheet,
        name="cross_sheet",
    ),
    path("rounds/<int:round_id>/discrepancies/", views.discrepancies, name="discrepancies"),
    path("rounds/<int:round_id>/scoreboard/", views.scoreboard, name="scoreboard"),
    path("public/", views.public_index, name="public_index"),
    path("public/<int:round_id>/", views.public_scoreboard, name="public_scoreboard"),
    re_path(
        r"^rounds/(?P<round_id>[0-9]+)/score-sheet\.(?P<fmt>xlsx|pdf)$",
        views.score_sheet,
        name="score_sheet",
    ),
    re_path(
        r"^rounds/(?P<round_id>[0-9]+)/discrepancies\.(?P<fmt>docx|pdf)$",
        views.discrepancy_minutes,
        name="discrepancy_minutes",
    ),
    path("lines/<int:line_id>/self/", views.self_score, name="self_score"),
    path("lines/<int:line_id>/cross/<int:scorer_id>/", views.cross_score, name="cross_score"),
    path("lines/<int:line_id>/resolve/", views.resolve, name="resolve"),
    path("lines/<int:line_id>/evidence/", views.evidence_add, name="evidence_add"),
    path("evidence/<int:evidence_id>/", views.evidence_download, name="evidence_download"),
    path("evidence/<int:evidence_id>/remove/", views.evidence_remove, name="evidence_remove"),
]
