"""The project's URLs with the documents app mounted at /documents/ (as the root urls.py mounts
it), so the view tests run whether or not the root include is there yet."""

from django.urls import include, path

from thidua import urls as root

urlpatterns = [
    pattern for pattern in root.urlpatterns if getattr(pattern, "namespace", None) != "documents"
] + [path("documents/", include("thidua.documents.urls"))]
