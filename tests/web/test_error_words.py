"""An error names the form field in the page's words ("felt roller"), not by its code."""

from __future__ import annotations

from monitor.errors import InputError
from monitor.web.i18n import error_message


def test_an_error_names_the_field_in_the_pages_words() -> None:
    error = InputError("roles must be one or more of legal, finance, admin", field="roles",
                       da="roller skal være en eller flere af legal, finance, admin")  # fmt: skip
    assert error_message(error, "da").startswith("felt roller:")
    assert error_message(error, "en").startswith("field roles:")
    status = InputError("unknown status", field="status", da="ukendt status")
    assert error_message(status, "da").startswith("felt status:")
    odd = InputError("no such thing", field="frobnicate", da="ingen sådan")
    assert error_message(odd, "da").startswith("felt frobnicate:")
