"""factory_boy factories for units, users and memberships (shared by every app's tests)."""

from __future__ import annotations

import functools

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import get_hasher, make_password

from xxgk.apps.units.models import Membership, Role, Unit
from xxgk.core.units import UnitKind, org_code_check_digit

__all__ = ["PASSWORD", "MembershipFactory", "UnitFactory", "UserFactory"]

PASSWORD = "correct-horse-battery"


@functools.cache
def _hash_with(algorithm: str) -> str:
    return make_password(PASSWORD, hasher=algorithm)


def _default_hash() -> str:
    """The shared password hashed once per hasher (some test modules switch to a fast hasher)."""
    return _hash_with(get_hasher().algorithm)


def _org_code(n: int) -> str:
    body = f"{91000000 + n:08d}"
    return body + org_code_check_digit(body)


class UnitFactory(factory.django.DjangoModelFactory):
    """A township government by default; pass ``kind`` and ``parent`` for others."""

    class Meta:
        model = Unit
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"测试{n}镇人民政府")
    short_name = factory.Sequence(lambda n: f"测试{n}镇")
    org_code = factory.Sequence(_org_code)
    kind = UnitKind.GOVERNMENT.value
    parent = None


class UserFactory(factory.django.DjangoModelFactory):
    """An active staff account whose password is ``PASSWORD``."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "测试"
    last_name = "人员"
    is_active = True

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        if extracted:
            obj.set_password(extracted)
        else:
            obj.password = _default_hash()  # hashing is slow by design; hash the shared password once
        if create:
            obj.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    """A role in a unit (handler by default)."""

    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = Role.HANDLER
    is_supervisor = False
