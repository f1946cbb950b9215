from django.utils.translation import gettext_lazy as _


class StaleEditError(Exception):
    """Raised when an edit was made against an old version: someone else saved in between."""

    message = _("This record was changed by someone else. Review the current values and try again.")

    def __init__(self, current=None):
        super().__init__(str(self.message))
        self.current = current
