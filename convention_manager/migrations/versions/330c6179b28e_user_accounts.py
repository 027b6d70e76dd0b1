"""user accounts

Accounts that sign in to the web application: one role each (admin, drafter, finance,
association); an association account names its organisation and no other role does.

Revision ID: 330c6179b28e
Revises: c3314a265acd
Create Date: 2026-11-22 11:17:22.115064

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '330c6179b28e'
down_revision = 'c3314a265acd'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'user_account',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('email', sa.String(length=254), nullable=False),
        sa.Column('password_hash', sa.String(length=255), nullable=False),
        sa.Column('role', sa.String(length=20), nullable=False),
        sa.Column('organisation_id', sa.Integer(), nullable=True),
        sa.Column('active', sa.Boolean(), nullable=False),
        sa.Column(
            'created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'),
            nullable=False,
        ),
        sa.Column('last_login_at', sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "(role = 'association') = (organisation_id IS NOT NULL)",
            name=op.f('ck_user_account_organisation'),
        ),
        sa.CheckConstraint(
            "role IN ('admin', 'drafter', 'finance', 'association')",
            name=op.f('ck_user_account_role'),
        ),
        sa.ForeignKeyConstraint(
            ['organisation_id'], ['organisation.id'],
            name=op.f('fk_user_account_organisation_id_organisation'),
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_user_account')),
        sa.UniqueConstraint('email', name=op.f('uq_user_account_email')),
    )
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_user_account_organisation_id'), ['organisation_id'], unique=False
        )


def downgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_account_organisation_id'))

    op.drop_table('user_account')
