"""status and due date indexes

What is late, due soon or still owed is counted (and summed) on (status, due, ...) indexes
alone, without reading the rows: they replace the single-column status indexes they begin
with. The soldes waiting for a spend attestation have theirs; territories are listed from
their own index.

Revision ID: b81f5e0c2d47
Revises: 7e2b9c4d1a05
Create Date: 2026-12-07 06:30:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b81f5e0c2d47'
down_revision = '7e2b9c4d1a05'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.drop_index('ix_payment_status')
        batch_op.create_index(
            'ix_payment_status_due',
            ['status', 'due', 'kind', 'convention_id', 'amount'],
            unique=False,
        )
        batch_op.create_index(
            'ix_payment_waiting',
            ['condition', 'status', 'convention_id', 'period_label'],
            unique=False,
        )

    with op.batch_alter_table('obligation', schema=None) as batch_op:
        batch_op.drop_index('ix_obligation_status')
        batch_op.create_index('ix_obligation_status_due', ['status', 'due'], unique=False)

    with op.batch_alter_table('convention', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_convention_territory'), ['territory'], unique=False)


def downgrade():
    with op.batch_alter_table('convention', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_convention_territory'))

    with op.batch_alter_table('obligation', schema=None) as batch_op:
        batch_op.drop_index('ix_obligation_status_due')
        batch_op.create_index('ix_obligation_status', ['status'], unique=False)

    with op.batch_alter_table('payment', schema=None) as batch_op:
        batch_op.drop_index('ix_payment_waiting')
        batch_op.drop_index('ix_payment_status_due')
        batch_op.create_index('ix_payment_status', ['status'], unique=False)
