"""Editor identities: who runs the program locally, and which signed-in people are editors."""

from __future__ import annotations

import getpass
from collections.abc import Iterable

from geo.models import Editor

__all__ = ["editor_allowlist", "local_editor", "signed_in_editor"]


def local_editor() -> Editor:
    """The person running this program (the CLI, a local dashboard): the OS user name.

    >>> local_editor().how
    'local'
    """
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # a container user with no passwd entry
        name = "local user"
    return Editor(name or "local user", "local")


def editor_allowlist(entries: object) -> frozenset[str]:
    """The allowlist as configured: a list of e-mail addresses or one comma-separated string,
    compared case-blind. Anything else is an empty list (nobody is an editor).

    >>> sorted(editor_allowlist("Ana@Example.org, bo@example.org"))
    ['ana@example.org', 'bo@example.org']
    >>> editor_allowlist(None)
    frozenset()
    """
    if isinstance(entries, str):
        entries = entries.split(",")
    if not isinstance(entries, Iterable):
        return frozenset()
    return frozenset(e.strip().lower() for e in entries if isinstance(e, str) and e.strip())


def signed_in_editor(email: object, allowlist: frozenset[str], *,
                     verified: object = True) -> Editor | None:
    """The editor a sign-in makes: only an allowlisted, verified e-mail; a stranger who signs
    in is a viewer (None).

    >>> signed_in_editor("ANA@example.org", frozenset({"ana@example.org"}))
    Editor(name='ana@example.org', how='oidc')
    >>> signed_in_editor("eve@example.org", frozenset({"ana@example.org"})) is None
    True
    """
    if not isinstance(email, str) or verified is False:
        return None
    address = email.strip().lower()
    return Editor(address, "oidc") if address and address in allowlist else None
