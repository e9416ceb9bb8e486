"""revise: reviewers' comments on the automated findings

Revision ID: 0016_revise_finding_comments
Revises: 0015_admin_department_choices

reviews.finding_comments maps a failed automated check of the frozen report (C03, O02...) to the
reviewer's comment to the authors on it; the editor shows each beside the field the finding is about.
Existing reviews get an empty map.
"""
from alembic import op
import sqlalchemy as sa


revision = '0016_revise_finding_comments'
down_revision = '0015_admin_department_choices'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('reviews', sa.Column('finding_comments', sa.JSON(), nullable=False, server_default='{}'))


def downgrade():
    op.drop_column('reviews', 'finding_comments')
