"""Upload checks: a size limit, and the type sniffed from the content, not trusted from the name."""

from __future__ import annotations

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DOCUMENT_TYPES = {
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/msword": "doc",
    "image/png": "png",
    "image/jpeg": "jpg",
}


def sniff(upload) -> str | None:
    """The MIME type the bytes show, or None when they match no type we accept."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "application/msword"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as z:
                names = set(z.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        if "word/document.xml" in names:
            return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        if "xl/workbook.xml" in names:
            return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return None


def check_upload(upload, allowed: dict[str, str] = DOCUMENT_TYPES, field: str = "file") -> str:
    """Validate an uploaded file; return its sniffed MIME type."""
    if upload is None:
        raise ValidationError({field: _("Choose a file to upload.")})
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            {
                field: _("The file is too large (limit %(mb)s MB).")
                % {"mb": settings.UPLOAD_MAX_BYTES // (1024 * 1024)}
            }
        )
    if upload.size == 0:
        raise ValidationError({field: _("The file is empty.")})
    content_type = sniff(upload)
    if content_type not in allowed:
        raise ValidationError(
            {
                field: _("This file type is not accepted. Accepted types: %(types)s.")
                % {"types": ", ".join(sorted(set(allowed.values())))}
            }
        )
    return content_type
