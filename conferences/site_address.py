"""The site's public address (https://jpoa.example.org, no trailing slash), which links in files
and mails start with: read from a request, or given to a command as --site."""

import argparse

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.http import HttpRequest


def of(request: HttpRequest) -> str:
    """The address the request came to, as the reader sees it."""
    return request.build_absolute_uri("/").rstrip("/")


def argument(value: str) -> str:
    """The --site argument of the commands that write public links (build_open_data, send_digests)."""
    site = value.rstrip("/")
    try:
        URLValidator(schemes=["http", "https"])(site)
    except ValidationError:
        raise argparse.ArgumentTypeError(
            f"--site must be the site's address, such as https://jpoa.example.org, not {value!r}.") from None
    return site
