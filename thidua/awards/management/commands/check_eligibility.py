"""Check eligibility for titles and forms from histories given inline.

    python manage.py check_eligibility cases.json
    python manage.py check_eligibility - < cases.json

Input and output follow ``contracts/eligibility.md``. The output JSON goes to standard output
and the status is 0 once every case is evaluated. Invalid input (bad JSON, or input that
breaks the contract) prints ``{"error": {"case", "field", "message"}}`` on standard error and
exits with status 2, evaluating nothing. The command only reads: it writes nothing anywhere.
With ``--verbosity 2`` a count of verdicts follows on standard error.
"""

from __future__ import annotations

import json
import sys
from collections import Counter

from django.core.management.base import BaseCommand

from thidua.awards.rules import ContractError, evaluate_payload

INVALID_INPUT = 2
VERDICT_VI = {
    "eligible": "đủ điều kiện",
    "not_eligible": "chưa đủ điều kiện",
    "blocked": "tạm dừng xét (đang có vụ việc)",
}


def _plain(text: str) -> str:
    return text  # JSON on stderr must not be wrapped in terminal colours


class Command(BaseCommand):
    help = (
        "Check eligibility for titles and forms from a JSON file (or - for standard input) "
        "following contracts/eligibility.md; exit status 2 on invalid input."
    )

    requires_system_checks = []  # pure and read-only: it needs neither models nor database

    def add_arguments(self, parser):
        parser.add_argument("file", help="path of the input JSON, or - to read standard input")

    def handle(self, *args, **options):
        try:
            output = evaluate_payload(self._read(options["file"]))
        except ContractError as error:
            self.stderr.write(json.dumps(error.to_dict(), ensure_ascii=False), style_func=_plain)
            raise SystemExit(INVALID_INPUT) from error
        self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))
        if options["verbosity"] >= 2:
            counts = Counter(result["verdict"] for result in output["results"])
            summary = ", ".join(f"{counts[v]} {label}" for v, label in VERDICT_VI.items())
            self.stderr.write(f"Đã xét {len(output['results'])} trường hợp: {summary}")

    def _read(self, path: str):
        try:
            if path == "-":
                text = sys.stdin.read()
            else:
                with open(path, encoding="utf-8-sig") as handle:
                    text = handle.read()
        except OSError as error:
            raise ContractError(
                None, None, f"Không đọc được tệp {path}: {error.strerror}"
            ) from error
        except UnicodeDecodeError as error:
            raise ContractError(None, None, f"Tệp {path} không phải văn bản UTF-8") from error
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            message = f"JSON không hợp lệ: {error.msg} (dòng {error.lineno}, cột {error.colno})"
            raise ContractError(None, None, message) from error
