"""The role table: each role can do what its users need, and nothing of the others'."""

from types import SimpleNamespace

import pytest

from convention_manager import permissions


def user(role, authenticated=True):
    return SimpleNamespace(role=role, is_authenticated=authenticated)


@pytest.mark.parametrize(
    "role, allowed",
    [
        (
            "admin",
            {
                "draft",
                "record_payment",
                "receive_document",
                "send_document",
                "view_portfolio",
                "manage_accounts",
            },
        ),
        ("drafter", {"draft", "receive_document", "view_portfolio"}),
        ("finance", {"record_payment", "receive_document", "view_portfolio"}),
        ("association", {"send_document"}),
    ],
)
def test_each_role_is_allowed_exactly_its_actions(role, allowed):
    assert {a for a in permissions.ACTIONS if permissions.can(user(role), a)} == allowed


def test_anonymous_users_can_do_nothing():
    assert not any(permissions.can(user("admin", False), a) for a in permissions.ACTIONS)
    assert not permissions.can(None, "draft")


def test_an_unknown_action_is_a_programming_error():
    with pytest.raises(KeyError):
        permissions.can(user("admin"), "fly")
