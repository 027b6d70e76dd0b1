"""convention-manager: partnership conventions that fund ISCG social workers."""

from pathlib import Path

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config=None):
    """Build the Flask application: configuration, extensions, blueprints, commands."""
    app = Flask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    from convention_manager import config

    config.load(app, test_config)
    register_extensions(app)
    register_blueprints(app)
    register_errorhandlers(app)
    register_response_headers(app)
    register_template_filters(app)
    register_commands(app)
    return app


def register_extensions(app):
    """Bind the unbound extension objects to this app."""
    from convention_manager import audit, freshness, locking
    from convention_manager.extensions import csrf, db, login_manager, migrate
    from convention_manager.services import accounts

    db.init_app(app)
    migrate.init_app(
        app, db, directory=str(Path(__file__).parent / "migrations"), render_as_batch=True
    )
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.user_loader(accounts.load_user)
    audit.register(app)
    locking.register(app)
    freshness.register(app)


def register_blueprints(app):
    """Attach one blueprint per area."""
    from convention_manager.views import (
        auth,
        conventions,
        document_templates,
        drafting,
        health,
        history,
        home,
        obligations,
        payments,
        portfolio,
    )

    for area in (
        auth,
        home,
        conventions,
        history,
        drafting,
        payments,
        obligations,
        portfolio,
        document_templates,
        health,
    ):
        app.register_blueprint(area.bp)


def register_errorhandlers(app):
    """French pages for the errors a user can meet."""
    from convention_manager.views import errors

    errors.register(app)


def register_response_headers(app):
    """The security headers (CSP and others) on every response."""
    from convention_manager.views import headers

    app.after_request(headers.secure)


def register_template_filters(app):
    """French formatting filters for the pages."""
    from convention_manager import formatting, labels
    from convention_manager.views import access, navigation

    app.jinja_env.filters.update(formatting.JINJA_FILTERS)
    app.context_processor(labels.template_globals)
    app.context_processor(access.template_globals)
    app.context_processor(navigation.template_globals)


def register_commands(app):
    """The console commands of interface.md."""
    from convention_manager import cli

    cli.register(app)
