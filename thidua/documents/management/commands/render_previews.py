"""Render every registered paper for the demo data, to look at: var/previews/<paper>/.

Each paper's samples (the demo's emulation years, clusters …) are rendered in every format the
paper is made in; PDFs are also turned into PNG pages (150 dpi) when `pdftoppm` (poppler-utils)
is installed, to check the diacritics and the layout of Nghị định 30/2020/NĐ-CP by eye. Run
`manage.py seed_demo` first. Writes only under the output folder (default var/previews/).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from thidua.documents.engine import all_papers, render


class Command(BaseCommand):
    help = "Render the sample papers from the demo data to var/previews/ (PDF, Word, Excel, PNG)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(Path(settings.VAR_DIR) / "previews"),
            help="Folder to write to (default: var/previews/).",
        )
        parser.add_argument(
            "--paper", action="append", default=[], help="Only this paper code (repeatable)."
        )
        parser.add_argument("--dpi", type=int, default=150, help="Resolution of the PNG pages.")

    def handle(self, *args, output: str, paper: list[str], dpi: int, verbosity: int = 1, **kw):
        out = Path(output)
        pdftoppm = shutil.which("pdftoppm")
        if pdftoppm is None and verbosity >= 1:
            self.stdout.write(
                "pdftoppm không có (apt-get install poppler-utils): chỉ xuất PDF, không có ảnh PNG."
            )
        papers = [p for p in all_papers() if not paper or p.code in paper]
        if paper and len(papers) != len(set(paper)):
            known = ", ".join(p.code for p in all_papers())
            raise CommandError(f"Không có văn bản {paper}; các mã hiện có: {known}")
        written = 0
        for item in papers:
            if item.samples is None:
                continue
            folder = out / item.code
            folder.mkdir(parents=True, exist_ok=True)
            for kwargs in item.samples():
                for fmt in item.formats:
                    data, filename, _type = render(item, fmt, **kwargs)
                    path = folder / filename
                    path.write_bytes(data)
                    written += 1
                    if verbosity >= 2:
                        self.stdout.write(f"  {path} ({len(data):,} B)")
                    if fmt == "pdf" and pdftoppm is not None:
                        pages = self._png_pages(pdftoppm, path, dpi)
                        if verbosity >= 2:
                            for page in pages:
                                self.stdout.write(f"  {page}")
        if written == 0:
            raise CommandError("Chưa có dữ liệu mẫu: chạy `manage.py seed_demo` trước.")
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"Đã xuất {written} tệp vào {out}/"))

    def _png_pages(self, pdftoppm: str, pdf: Path, dpi: int) -> list[Path]:
        stem = pdf.with_suffix("")
        for old in pdf.parent.glob(f"{stem.name}-*.png"):
            old.unlink()
        subprocess.run(
            [pdftoppm, "-r", str(dpi), "-png", str(pdf), str(stem)],
            check=True,
            capture_output=True,
            timeout=120,
        )
        return sorted(pdf.parent.glob(f"{stem.name}-*.png"))
