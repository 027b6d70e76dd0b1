"""Accounts: the rules of create_user, sign-in by password, and the create-user command."""

import pytest

from convention_manager.exceptions import DomainError
from convention_manager.extensions import db as _db
from convention_manager.models import Organisation, User
from convention_manager.services import accounts, demo

PASSWORD = "correct horse battery"
CIDFF = demo.ACCOUNTS[3][2]


@pytest.fixture
def cidff(db):
    organisation = Organisation(kind="association", name=CIDFF)
    db.session.add(organisation)
    db.session.commit()
    return organisation


def count_users():
    return _db.session.scalar(_db.select(_db.func.count()).select_from(User))


def test_create_user_lowercases_the_address_and_hashes_the_password(app, db):
    app.config["PASSWORD_HASH_METHOD"] = "scrypt"  # the production default
    user = accounts.create_user("  Marie.Dupont@Example.ORG ", PASSWORD, "finance")

    assert user.email == "marie.dupont@example.org"
    assert user.role == "finance" and user.organisation is None and user.active
    assert PASSWORD not in user.password_hash
    assert user.password_hash.startswith("scrypt:")
    assert user.created_at is not None and user.last_login_at is None


def test_an_association_account_is_tied_to_its_organisation_found_by_exact_name(db, cidff):
    user = accounts.create_user("contact@cidff68.example", PASSWORD, "association", CIDFF)

    assert user.organisation == cidff
    assert user.organisation_scope == cidff.id


@pytest.mark.parametrize(
    ("email", "password", "role", "organisation", "message"),
    [
        ("pas-une-adresse", PASSWORD, "admin", None, "adresse électronique invalide"),
        ("a b@example.org", PASSWORD, "admin", None, "adresse électronique invalide"),
        ("a@example", PASSWORD, "admin", None, "adresse électronique invalide"),
        ("a@example.org", "11-caractèr", "admin", None, "12 caractères au moins"),
        ("a@example.org", PASSWORD, "superuser", None, "rôle inconnu « superuser »"),
        ("a@example.org", PASSWORD, "association", None, "rattaché à son organisation"),
        ("a@example.org", PASSWORD, "association", "CIDFF 68", "organisation inconnue"),
        ("a@example.org", PASSWORD, "association", CIDFF.upper(), "organisation inconnue"),
        ("a@example.org", PASSWORD, "drafter", CIDFF, "seul un compte association"),
    ],
)
def test_create_user_refuses_bad_input_in_french(
    db, cidff, email, password, role, organisation, message
):
    with pytest.raises(DomainError, match=message):
        accounts.create_user(email, password, role, organisation)

    assert count_users() == 0


def test_create_user_refuses_a_second_account_with_the_same_address_in_any_case(db):
    accounts.create_user("admin@example.org", PASSWORD, "admin")

    with pytest.raises(DomainError, match="un compte existe déjà pour admin@example.org"):
        accounts.create_user("ADMIN@example.org", PASSWORD, "drafter")


def test_the_database_refuses_an_association_account_without_organisation(db):
    from sqlalchemy.exc import IntegrityError

    db.session.add(User(email="x@example.org", password_hash="x", role="association"))

    with pytest.raises(IntegrityError):
        db.session.flush()


def test_authenticate_returns_the_account_for_the_right_password_only(db):
    accounts.create_user("drafter@example.org", PASSWORD, "drafter")

    assert accounts.authenticate("drafter@example.org", "wrong password!") is None
    assert accounts.authenticate("nobody@example.org", PASSWORD) is None
    user = accounts.authenticate("Drafter@Example.org", PASSWORD)

    assert user is not None and user.email == "drafter@example.org"
    assert user.last_login_at is not None


def test_authenticate_refuses_a_deactivated_account(db):
    user = accounts.create_user("old@example.org", PASSWORD, "finance")
    user.active = False

    assert accounts.authenticate("old@example.org", PASSWORD) is None


def test_create_user_command_reads_the_password_from_the_first_line_of_stdin(app, cli):
    result = cli(
        "create-user", "Finances@Example.org", "--role", "finance", input=f"{PASSWORD}\nignored\n"
    )

    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Compte créé : finances@example.org (finances)\n"
    with app.app_context():
        assert accounts.authenticate("finances@example.org", PASSWORD) is not None


def test_create_user_command_ties_an_association_account(app, cli, cidff):
    result = cli(
        "create-user",
        "cidff@example.org",
        "--role",
        "association",
        "--organisation",
        CIDFF,
        input=PASSWORD + "\n",
    )

    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Compte créé : cidff@example.org (association)\n"


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["--role", "superuser"], PASSWORD, "rôle inconnu « superuser »"),
        (["--role", "admin"], "court", "mot de passe trop court"),
        (["--role", "admin"], "", "mot de passe vide"),
        (["--role", "admin"], "\n" + PASSWORD, "mot de passe vide"),
        (
            ["--role", "association", "--organisation", "Inconnue"],
            PASSWORD,
            "organisation inconnue",
        ),
    ],
)
def test_create_user_command_refuses_bad_input_in_one_line_and_stores_nothing(
    app, cli, args, stdin, message
):
    result = cli("create-user", "someone@example.org", *args, input=stdin + "\n")

    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert result.stderr.startswith("erreur : ")
    with app.app_context():
        assert count_users() == 0


def test_create_user_command_refuses_a_duplicate_and_keeps_the_first(app, cli):
    cli("create-user", "admin@example.org", "--role", "admin", input=PASSWORD)

    result = cli("create-user", "admin@example.org", "--role", "finance", input=PASSWORD)

    assert result.exit_code == 1
    assert result.stderr == "erreur : un compte existe déjà pour admin@example.org\n"
    with app.app_context():
        assert [u.role for u in _db.session.scalars(_db.select(User))] == ["admin"]


def test_demo_creates_one_account_per_role_once(app, cli):
    first = cli("demo")
    second = cli("demo")

    assert first.exit_code == 0 and second.exit_code == 0, first.stderr + second.stderr
    assert "Compte cidff68@demo.invalid (association) : créé" in first.stdout
    assert "Compte admin@demo.invalid (administration) : déjà présent" in second.stdout
    assert f"Mot de passe des comptes de démonstration : {demo.PASSWORD}" in first.stdout
    with app.app_context():
        users = _db.session.scalars(_db.select(User).order_by(User.id)).all()
        assert [u.role for u in users] == ["admin", "drafter", "finance", "association"]
        assert users[3].organisation.name == CIDFF
        assert accounts.authenticate("redaction@demo.invalid", demo.PASSWORD) is not None
