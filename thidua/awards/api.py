"""Award endpoints. The eligibility check follows contracts/eligibility.md exactly."""

import json

from django.http import HttpRequest, JsonResponse
from ninja import Router

from thidua.core import vn

from .rules import ContractError, evaluate_payload

router = Router(tags=["eligibility"])

CONTRACT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["cases"],
                    "properties": {"cases": {"type": "array", "items": {"type": "object"}}},
                }
            }
        },
    }
}


@router.post("/eligibility/check", openapi_extra=CONTRACT_BODY)
def check_eligibility(request: HttpRequest):
    """Evaluate inline histories; 400 with {"error": {case, field, message}} on invalid input."""
    try:
        try:
            payload = json.loads(request.body or b"null")
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            raise ContractError(None, None, "JSON không hợp lệ") from error
        result = evaluate_payload(vn.normalize_data(payload))
    except ContractError as error:
        return JsonResponse(error.to_dict(), status=400, json_dumps_params={"ensure_ascii": False})
    return JsonResponse(result, json_dumps_params={"ensure_ascii": False})
