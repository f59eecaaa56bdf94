"""The one masking rule (applications.md §11)."""

from __future__ import annotations

import pytest

from xxgk.core.cases.privacy import mask_email, mask_identity, mask_name, mask_phone


@pytest.mark.parametrize(
    ("mask", "value", "shown"),
    [
        (mask_identity, "110101199003071234", "110***********1234"),
        (mask_identity, "1234567", "*******"),
        (mask_name, "王小明", "王**"),
        (mask_name, "王", "王"),
        (mask_phone, "13800001234", "*******1234"),
        (mask_email, "wang@example.cn", "w***@example.cn"),
    ],
)
def test_personal_data_is_masked_one_way_everywhere(mask, value, shown):
    assert mask(value) == shown
