from django.urls import path, re_path

from . import views

app_name = "voting"
urlpatterns = [
    path("", views.index, name="index"),
    path("thresholds/", views.threshold_list, name="threshold_list"),
    path("clusters/<int:cluster_id>/new/", views.election_create, name="election_create"),
    path("council/new/", views.council_create, name="council_create"),
    path("<int:ballot_id>/", views.ballot_detail, name="ballot_detail"),
    path("<int:ballot_id>/questions/new/", views.question_add, name="question_add"),
    path("<int:ballot_id>/open/", views.ballot_open, name="ballot_open"),
    path("<int:ballot_id>/close/", views.ballot_close, name="ballot_close"),
    path("<int:ballot_id>/release/", views.ballot_release, name="ballot_release"),
    path("<int:ballot_id>/cancel/", views.ballot_cancel, name="ballot_cancel"),
    path("<int:ballot_id>/next-round/", views.next_round, name="next_round"),
    path("<int:ballot_id>/decide/", views.ballot_decide, name="ballot_decide"),
    path("<int:ballot_id>/vote/", views.cast, name="cast"),
    path("<int:ballot_id>/written/", views.written_opinion, name="written_opinion"),
    path("<int:ballot_id>/receipt/", views.receipt_check, name="receipt_check"),
    re_path(r"^(?P<ballot_id>[0-9]+)/minutes\.(?P<fmt>docx|pdf)$", views.minutes, name="minutes"),
]
