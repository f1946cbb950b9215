from django.urls import path, re_path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("units/<int:unit_id>/<int:year>/", views.unit_report, name="unit_report"),
    re_path(
        r"^units/(?P<unit_id>[0-9]+)/(?P<year>[0-9]{4})\.(?P<fmt>docx|pdf|xlsx)$",
        views.unit_report_file,
        name="unit_report_file",
    ),
    path("units/<int:unit_id>/<int:year>/summary/", views.unit_summary, name="unit_summary"),
    re_path(
        r"^units/(?P<unit_id>[0-9]+)/(?P<year>[0-9]{4})/summary\.(?P<fmt>docx|pdf)$",
        views.unit_summary_file,
        name="unit_summary_file",
    ),
    path("clusters/<int:cluster_id>/", views.cluster_report, name="cluster_report"),
    re_path(
        r"^clusters/(?P<cluster_id>[0-9]+)\.(?P<fmt>docx|pdf|xlsx)$",
        views.cluster_report_file,
        name="cluster_report_file",
    ),
    path("clusters/<int:cluster_id>/summary/", views.cluster_summary, name="cluster_summary"),
    re_path(
        r"^clusters/(?P<cluster_id>[0-9]+)/summary\.(?P<fmt>docx|pdf)$",
        views.cluster_summary_file,
        name="cluster_summary_file",
    ),
]
