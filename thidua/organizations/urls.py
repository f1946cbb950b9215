from django.urls import path

from . import views

app_name = "organizations"
urlpatterns = [
    path("units/", views.unit_tree, name="unit_tree"),
    path("units/<int:unit_id>/", views.unit_detail, name="unit_detail"),
    path("units/<int:unit_id>/children/", views.unit_children, name="unit_children"),
    path("units/<int:unit_id>/new/", views.unit_create, name="unit_create"),
    path("units/<int:unit_id>/edit/", views.unit_edit, name="unit_edit"),
    path("units/<int:unit_id>/end/", views.unit_end, name="unit_end"),
    path("units/<int:unit_id>/people/new/", views.person_create, name="person_create"),
    path("people/<int:person_id>/edit/", views.person_edit, name="person_edit"),
    path("search/", views.search, name="search"),
]
