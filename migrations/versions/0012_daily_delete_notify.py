"""daily: soft delete of drafts, email preferences and emailed notifications, review drafts

Revision ID: 0012_daily_delete_notify
Revises: 0011_admin_approval_route

Deleted drafts keep every row (deleted_at marks them) so they can be restored for 30 days. Existing
people get immediate email, the default for new accounts. Notifications already written count as not
emailed; the digest only sends those created after its last run (see review.digest).
"""
from alembic import op
import sqlalchemy as sa

import designer.models.types


revision = '0012_daily_delete_notify'
down_revision = '0011_admin_approval_route'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD/DROP COLUMN (SQLite 3.35+), not batch mode: recreating these tables trips their foreign keys.
    op.add_column('designs', sa.Column('deleted_at', designer.models.types.UTCDateTime(timezone=True),
                                       nullable=True))
    op.add_column('users', sa.Column('email_preference', sa.String(length=20), nullable=False,
                                     server_default='immediate'))
    op.add_column('notifications', sa.Column('link', sa.String(length=300), nullable=False, server_default=''))
    op.add_column('notifications', sa.Column('emailed_at', designer.models.types.UTCDateTime(timezone=True),
                                             nullable=True))
    op.create_table('review_drafts',
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('updated_at', designer.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['reviewer_id'], ['users.id'], name=op.f('fk_review_drafts_reviewer_id_users'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['submission_id'], ['submissions.id'],
                            name=op.f('fk_review_drafts_submission_id_submissions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('submission_id', 'reviewer_id', name=op.f('pk_review_drafts'))
    )


def downgrade():
    op.drop_table('review_drafts')
    op.drop_column('notifications', 'emailed_at')
    op.drop_column('notifications', 'link')
    op.drop_column('users', 'email_preference')
    op.drop_column('designs', 'deleted_at')
