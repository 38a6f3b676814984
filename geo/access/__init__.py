"""Who may write: the local user, editors signed in on a shared link, the editor password.

`local_editor` is the identity of the person running the program (CLI, `make run`);
`signed_in_editor` turns a sign-in into an editor only if the allowlist names it;
`PasswordGate` checks the shared editor password and locks after repeated failures.
"""

from geo.access.identity import editor_allowlist, local_editor, signed_in_editor
from geo.access.password import PasswordGate

__all__ = ["PasswordGate", "editor_allowlist", "local_editor", "signed_in_editor"]
