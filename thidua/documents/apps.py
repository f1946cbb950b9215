from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "thidua.documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        # Each installed app may declare papers in its own `papers` module (or package).
        autodiscover_modules("papers")
