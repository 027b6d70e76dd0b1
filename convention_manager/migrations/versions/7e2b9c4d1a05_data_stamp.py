"""data stamp

One row whose value every committed change to conventions moves: the list pages keep their
counts and panels until it does (convention_manager.freshness).

Revision ID: 7e2b9c4d1a05
Revises: 641d376623f4
Create Date: 2026-12-05 16:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7e2b9c4d1a05'
down_revision = '641d376623f4'
branch_labels = None
depends_on = None


def upgrade():
    stamp = op.create_table('data_stamp',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('value', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_data_stamp'))
    )
    op.bulk_insert(stamp, [{'id': 1, 'value': 0}])


def downgrade():
    op.drop_table('data_stamp')
