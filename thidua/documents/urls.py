from django.urls import path, re_path

from . import views

app_name = "documents"
urlpatterns = [
    re_path(
        r"^years/(?P<year_id>[0-9]+)/clusters\.(?P<fmt>docx|pdf|xlsx)$",
        views.year_clusters,
        name="year_clusters",
    ),
    re_path(
        r"^clusters/(?P<cluster_id>[0-9]+)/members\.(?P<fmt>docx|pdf|xlsx)$",
        views.cluster_members,
        name="cluster_members",
    ),
    re_path(
        r"^clusters/(?P<cluster_id>[0-9]+)/registrations\.(?P<fmt>docx|pdf|xlsx)$",
        views.cluster_registrations,
        name="cluster_registrations",
    ),
    path("batches/", views.batch_list, name="batch_list"),
    path("batches/new/<str:kind>/<int:scope_id>/", views.batch_start, name="batch_start"),
    path("batches/<int:batch_id>/", views.batch_detail, name="batch_detail"),
    path("batches/<int:batch_id>/again/", views.batch_again, name="batch_again"),
    path("batches/<int:batch_id>/download.zip", views.batch_download, name="batch_download"),
]
