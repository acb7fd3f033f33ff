"""The read-only JSON API under /api/v1/ (Django REST framework, documented by drf-spectacular).

It serves what the public pages serve, through the same published() querysets and the same
filter sets, so a list in JSON holds the same records as the page and its CSV.
"""
