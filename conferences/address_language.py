"""The language of a request is its address's: English at the plain address, Russian under /ru/."""

from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class AddressLanguageMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, without its `Vary: Accept-Language` on every English page.

    With i18n_patterns(prefix_default_language=False) an address without a prefix is English
    whatever the browser asks for, so no answer varies with Accept-Language; the header would
    only make shared caches keep a copy of each English page per browser language. (Its other
    response step, a redirect to a prefixed address, is for prefixed default languages only.)
    """

    def process_response(self, request, response):
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
