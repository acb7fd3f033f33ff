"""The --site argument of the commands that write the site's public links (build_open_data, send_digests)."""

import argparse

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator


def site_address(value: str) -> str:
    """The site's public address, e.g. https://jpoa.example.org, without a trailing slash."""
    site = value.rstrip("/")
    try:
        URLValidator(schemes=["http", "https"])(site)
    except ValidationError:
        raise argparse.ArgumentTypeError(
            f"--site must be the site's address, such as https://jpoa.example.org, not {value!r}.") from None
    return site
