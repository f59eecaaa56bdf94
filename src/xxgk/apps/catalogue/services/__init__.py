"""Every write to the catalogue: one function per use case, one transaction each, with its audit row.

- :mod:`.drafting` — create and edit drafts, attach files, start a correction;
- :mod:`.review` — submit, send back, acknowledge findings, approve, publish
  (now or at a set time), withdraw; the 索引号 is assigned on first publication;
- :mod:`.figures` — table 二's figures entered per unit and year.
"""

from xxgk.apps.catalogue.services.drafting import (
    DRAFT_FIELDS,
    AttachmentRefused,
    attachment_add,
    attachment_remove,
    entry_correct,
    entry_create,
    version_update,
)
from xxgk.apps.catalogue.services.review import (
    VersionChanged,
    allocate_index_number,
    finding_acknowledge,
    publish_due,
    scan_version,
    version_facts,
    version_transition,
)

__all__ = [
    "DRAFT_FIELDS",
    "AttachmentRefused",
    "VersionChanged",
    "allocate_index_number",
    "attachment_add",
    "attachment_remove",
    "entry_correct",
    "entry_create",
    "finding_acknowledge",
    "publish_due",
    "scan_version",
    "version_facts",
    "version_transition",
    "version_update",
]
