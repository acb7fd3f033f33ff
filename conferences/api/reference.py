"""The API's reference page (/api/v1/docs/): every address, its parameters and the fields of its
records, written out as HTML from the OpenAPI schema that drf-spectacular generates.

Server-rendered rather than an interactive viewer: it reads in either language, works without
JavaScript, and is as accessible as the rest of the site. The schema itself (/api/v1/schema/)
is there for any OpenAPI tool.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.views.generic import TemplateView
from drf_spectacular.generators import SchemaGenerator

from ..caching import per_version

REF = "#/components/schemas/"


@dataclass
class Field:
    name: str
    kind: str  # its JSON type as a reader needs it: "integer", "date", "link", "list of link", one of its values
    values: list[str]  # the only values it takes, if it has such a list
    description: SafeString


@dataclass
class Operation:
    path: str
    summary: str
    description: str
    parameters: list[Field]
    fields: list[Field]  # of each record it answers with


@dataclass
class Group:
    tag: str
    anchor: str
    operations: list[Operation] = field(default_factory=list)


def referenced(schema: dict, components: dict) -> tuple[str, dict]:
    """(the component's name, its schema) behind a $ref, allOf of one $ref, or the schema itself."""
    if "allOf" in schema and len(schema["allOf"]) == 1:
        schema = {**schema["allOf"][0], **{k: v for k, v in schema.items() if k != "allOf"}}
    if "$ref" in schema:
        name = schema["$ref"].removeprefix(REF)
        return name, components[name]
    return "", schema


CHOICE = re.compile(r"^\* `([^`]*)` - (.*)$", re.MULTILINE)


def marked(text: str) -> SafeString:
    """A schema's description as HTML: escaped, with its `code` spans (Markdown's) as <code>."""
    return mark_safe(re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(text)))


def in_a_sentence(label: str) -> str:
    """A menu's label within a sentence: Russian writes it in lower case after a colon ("`ru`: русский"),
    where English keeps a name's capital ("`en`: English"). An acronym ("ООН") stays as it is."""
    if get_language() == "ru" and label[1:2].islower():
        return label[:1].lower() + label[1:]
    return label


def describe(name: str, schema: dict, components: dict) -> Field:
    component, resolved = referenced(schema, components)
    # A list of values has its own description in Markdown; the values are listed instead.
    description = str(schema.get("description") or ("" if resolved.get("enum") else resolved.get("description", "")))
    # A filter's choices come as a Markdown list after its label ("* `1` - Overdue only"): said in a sentence.
    meanings = CHOICE.findall(description)
    if meanings:
        description = CHOICE.sub("", description).strip().rstrip(".")
        description += ". " + "; ".join(f"`{value}`: {in_a_sentence(meaning)}" for value, meaning in meanings) + "."
    if resolved.get("type") == "array":
        inner = describe(name, resolved["items"], components)
        return Field(name, f"[{inner.kind}]", inner.values, marked(description) if description else inner.description)
    if "oneOf" in resolved:
        resolved = resolved["oneOf"][0]
    # Written as JSON's own words, the same in either language: "date", "[link]", "integer | null".
    kind = "link" if component == "Link" else resolved.get("format") or resolved.get("type", "object")
    if resolved.get("nullable") or schema.get("nullable"):
        kind += " | null"
    return Field(name, kind, [str(value) for value in resolved.get("enum", [])], marked(description))


def record_fields(response: dict, components: dict) -> list[Field]:
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    _name, record = referenced(schema, components)
    if "results" in record.get("properties", {}):  # a page of a list: its records
        _name, record = referenced(record["properties"]["results"]["items"], components)
    return [describe(name, prop, components) for name, prop in record.get("properties", {}).items()]


def groups_of(schema: dict) -> list[Group]:
    components = schema["components"]["schemas"]
    groups: dict[str, Group] = {}
    for path, methods in schema["paths"].items():
        operation = methods.get("get")
        if operation is None:
            continue
        tag = operation.get("tags", [""])[0]
        group = groups.setdefault(tag, Group(tag, f"api-{operation['operationId'].rsplit('_', 1)[0]}"))
        parameters = [describe(p["name"], {**p["schema"], "description": p.get("description", "")}, components)
                      for p in operation.get("parameters", [])]
        group.operations.append(Operation(path, operation.get("summary", ""), operation.get("description", ""),
                                          parameters, record_fields(operation["responses"]["200"], components)))
    return sorted(groups.values(), key=lambda group: group.tag)


class APIReferenceView(TemplateView):
    template_name = "conferences/api_reference.html"

    def get_context_data(self, **kwargs):
        # The same for every reader of a language (part of every key) until the code changes; the key's
        # content version makes it be worked out again now and then, which costs little.
        groups = per_version("api-reference", compute=lambda: groups_of(
            SchemaGenerator().get_schema(request=None, public=True)))
        return super().get_context_data(groups=groups, **kwargs)
