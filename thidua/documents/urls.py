from django.urls import re_path

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
]
