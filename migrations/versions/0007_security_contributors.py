"""security: design_contributors, everyone who ever owned or co-authored a design

Revision ID: 0007_security_contributors
Revises: 0006_admin_institution

Nobody reviews a design they had a hand in, even after being removed as co-author. The table is
filled from what is known today: owners, current co-authors and the authors of every revision.
"""
from alembic import op
import sqlalchemy as sa


revision = '0007_security_contributors'
down_revision = '0006_admin_institution'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('design_contributors',
    sa.Column('design_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['design_id'], ['designs.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('design_id', 'user_id')
    )
    op.execute(
        "INSERT INTO design_contributors (design_id, user_id) "
        "SELECT id, owner_id FROM designs "
        "UNION SELECT design_id, user_id FROM design_coauthors "
        "UNION SELECT design_id, author_id FROM design_revisions WHERE author_id IS NOT NULL"
    )


def downgrade():
    op.drop_table('design_contributors')
