"""party (organisation, employer), convention end, period start and sums indexes

An organisation's parties are found on (organisation_id, employer), which also tells at once
whether it employs under any convention (the justificatifs' employer filter); it replaces the
index on organisation_id alone. The latest end of the conventions is read on its own index
(the year filters), and so are the first and last starts of the periods (the payments'
year filter). The totals of the conventions are summed on an index (gap, total cost,
funded), narrower than the rows, which also serves the gap filter of ix_convention_gap.

Revision ID: d4a7c3e91f20
Revises: b81f5e0c2d47
Create Date: 2026-12-07 12:30:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'd4a7c3e91f20'
down_revision = 'b81f5e0c2d47'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('period', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_period_start'), ['start'], unique=False)

    with op.batch_alter_table('party', schema=None) as batch_op:
        batch_op.drop_index('ix_party_organisation_id')
        batch_op.create_index(
            'ix_party_organisation_employer', ['organisation_id', 'employer'], unique=False
        )

    with op.batch_alter_table('convention', schema=None) as batch_op:
        batch_op.create_index('ix_convention_end', ['end'], unique=False)
        batch_op.drop_index('ix_convention_gap')
        batch_op.create_index(
            'ix_convention_gap_sums', ['gap', 'total_cost', 'funded'], unique=False
        )


def downgrade():
    with op.batch_alter_table('convention', schema=None) as batch_op:
        batch_op.drop_index('ix_convention_gap_sums')
        batch_op.create_index('ix_convention_gap', ['gap'], unique=False)
        batch_op.drop_index('ix_convention_end')

    with op.batch_alter_table('party', schema=None) as batch_op:
        batch_op.drop_index('ix_party_organisation_employer')
        batch_op.create_index('ix_party_organisation_id', ['organisation_id'], unique=False)

    with op.batch_alter_table('period', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_period_start'))
