"""Officer-facing messages made from a template and values, so that every one is translatable.

The core speaks Indonesian and never imports Qt. A message with values in it is written as its
template and the values (``msg("Koreksi {ref} tidak ada.", ref="#3")``), never as an f-string: the
template is the catalogue entry (``tools/i18n_domain.py`` collects every ``msg(...)`` template
into the interface's translation catalogue, context ``Issue``) and the values are the parameters
an ``Issue`` carries. A ``Message`` *is* the Indonesian text (a ``str``): the command line, the
logs, JSON and every test read it as before; the window translates its template and fills in
the same values (``ui.models.display.message``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class Message(str):
    """The Indonesian text of a message, with the template and values it was made from."""

    template: str
    params: dict[str, str]

    def __new__(cls, template: str, params: Mapping[str, object]) -> Message:
        values = {name: str(value) for name, value in params.items()}
        self = super().__new__(cls, template.format(**values))
        self.template = template
        self.params = values
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # crosses process pools whole (imports run in workers)
        return (Message, (self.template, self.params))


def msg(template: str, /, **params: object) -> Message:
    """A message from its catalogue template and its values (each shown as ``str(value)``)."""
    return Message(template, params)


def params_of(text: str) -> dict[str, str]:
    """The values a message was made from (none for a constant message)."""
    return dict(text.params) if isinstance(text, Message) else {}
