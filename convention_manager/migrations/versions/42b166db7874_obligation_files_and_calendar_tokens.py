"""obligation files and calendar tokens

Files an employer sends with a justificatif (the bytes stay on disk under instance/uploads/, the
row keeps the original name, type, size and sender), and the secret token of each
organisation's calendar feed link (none until asked for).

Revision ID: 42b166db7874
Revises: 330c6179b28e
Create Date: 2026-11-22 11:40:45.098579

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '42b166db7874'
down_revision = '330c6179b28e'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'obligation_file',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('obligation_id', sa.Integer(), nullable=False),
        sa.Column('stored_name', sa.String(length=64), nullable=False),
        sa.Column('original_name', sa.String(length=255), nullable=False),
        sa.Column('content_type', sa.String(length=100), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column(
            'uploaded_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'),
            nullable=False,
        ),
        sa.Column('uploaded_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ['obligation_id'], ['obligation.id'],
            name=op.f('fk_obligation_file_obligation_id_obligation'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['uploaded_by_id'], ['user_account.id'],
            name=op.f('fk_obligation_file_uploaded_by_id_user_account'), ondelete='SET NULL',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_obligation_file')),
        sa.UniqueConstraint('stored_name', name=op.f('uq_obligation_file_stored_name')),
    )
    with op.batch_alter_table('obligation_file', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_obligation_file_obligation_id'), ['obligation_id'], unique=False
        )

    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.add_column(sa.Column('calendar_token', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f('uq_organisation_calendar_token'), ['calendar_token']
        )


def downgrade():
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_organisation_calendar_token'), type_='unique')
        batch_op.drop_column('calendar_token')

    with op.batch_alter_table('obligation_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_obligation_file_obligation_id'))

    op.drop_table('obligation_file')
