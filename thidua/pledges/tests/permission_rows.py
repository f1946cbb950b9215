"""The pledge rows of the project's permission table (core/tests/test_permission_table)."""

from thidua.pledges.tests.factories import API_PERMISSION_ROWS, PERMISSION_ROWS

ROWS = PERMISSION_ROWS + API_PERMISSION_ROWS
