from django.urls import path

from . import views

app_name = "clusters"
urlpatterns = [
    path("", views.cluster_list, name="cluster_list"),
    path("years/new/", views.year_create, name="year_create"),
    path("years/<int:year_id>/new/", views.cluster_create, name="cluster_create"),
    path("<int:cluster_id>/", views.cluster_detail, name="cluster_detail"),
    path("<int:cluster_id>/edit/", views.cluster_edit, name="cluster_edit"),
    path("<int:cluster_id>/next-leader/", views.next_leader, name="next_leader"),
    path("<int:cluster_id>/documents/new/", views.document_add, name="document_add"),
    path("documents/<int:document_id>/", views.document_download, name="document_download"),
]
