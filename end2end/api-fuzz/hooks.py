"""Stemme's rule for the API: every rejection is a 4xx that says, in words a
person can act on, what was wrong. Loaded by run.sh (SCHEMATHESIS_HOOKS)."""
import schemathesis


@schemathesis.check
def rejection_has_a_message(ctx, response, case):
    if 400 <= response.status_code < 500:
        try:
            body = response.json()
        except Exception:
            raise AssertionError(f"{response.status_code} without a JSON body")
        message = body.get("error") if isinstance(body, dict) else None
        if not isinstance(message, str) or len(message.strip()) < 10:
            raise AssertionError(f"{response.status_code} without an error message: {body!r}")
