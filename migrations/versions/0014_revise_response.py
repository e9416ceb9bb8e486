"""revise: the authors' response to the reviewers on a resubmission

Revision ID: 0014_revise_response
Revises: 0013_prod_outbox_periodic

submissions.response holds what the authors wrote to the committee when they (re)submitted, which the
reviewers read beside the diff of what changed. Rounds submitted before this keep an empty response (the
note, if any, stays in their audit row).
"""
from alembic import op
import sqlalchemy as sa


revision = '0014_revise_response'
down_revision = '0013_prod_outbox_periodic'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('submissions', sa.Column('response', sa.Text(), nullable=False, server_default=''))


def downgrade():
    op.drop_column('submissions', 'response')
