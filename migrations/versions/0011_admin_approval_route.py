"""admin: multi-stage approval route per institution, reviewer assignments with due dates

Revision ID: 0011_admin_approval_route
Revises: 0010_prod_stored_files

Existing submissions are all at stage 1 of the default (single-stage) route, so nothing else changes.
"""
from alembic import op
import sqlalchemy as sa

import designer.models.types


revision = '0011_admin_approval_route'
down_revision = '0010_prod_stored_files'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('approval_stages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('institution', sa.String(length=300), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('reviews_required', sa.Integer(), nullable=False),
    sa.Column('scores_manual', sa.Boolean(), nullable=False),
    sa.Column('chair_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['chair_id'], ['users.id'], name=op.f('fk_approval_stages_chair_id_users'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_approval_stages')),
    sa.UniqueConstraint('institution', 'position', name='uq_approval_stages_institution_position')
    )
    op.create_index(op.f('ix_approval_stages_institution'), 'approval_stages', ['institution'], unique=False)
    op.create_table('approval_stage_members',
    sa.Column('stage_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['stage_id'], ['approval_stages.id'],
                            name=op.f('fk_approval_stage_members_stage_id_approval_stages'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_approval_stage_members_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('stage_id', 'user_id', name=op.f('pk_approval_stage_members'))
    )
    op.create_table('review_assignments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('submission_id', sa.Integer(), nullable=False),
    sa.Column('reviewer_id', sa.Integer(), nullable=False),
    sa.Column('assigned_by_name', sa.String(length=200), nullable=False),
    sa.Column('due_at', designer.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('reminded_before_at', designer.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('reminded_after_at', designer.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', designer.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['reviewer_id'], ['users.id'], name=op.f('fk_review_assignments_reviewer_id_users'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['submission_id'], ['submissions.id'],
                            name=op.f('fk_review_assignments_submission_id_submissions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_review_assignments')),
    sa.UniqueConstraint('submission_id', 'reviewer_id', name='uq_review_assignments_submission_reviewer')
    )
    op.create_index(op.f('ix_review_assignments_reviewer_id'), 'review_assignments', ['reviewer_id'], unique=False)
    op.create_index(op.f('ix_review_assignments_submission_id'), 'review_assignments', ['submission_id'],
                    unique=False)
    # Plain ADD COLUMN: SQLite must not re-create these tables (their foreign keys would fire).
    op.add_column('submissions', sa.Column('stage', sa.Integer(), nullable=False, server_default='1'))
    op.add_column('institution_profiles', sa.Column('changes_restart', sa.String(length=10), nullable=False,
                                                    server_default='first'))


def downgrade():
    op.execute("ALTER TABLE institution_profiles DROP COLUMN changes_restart")
    op.execute("ALTER TABLE submissions DROP COLUMN stage")
    op.drop_index(op.f('ix_review_assignments_submission_id'), table_name='review_assignments')
    op.drop_index(op.f('ix_review_assignments_reviewer_id'), table_name='review_assignments')
    op.drop_table('review_assignments')
    op.drop_table('approval_stage_members')
    op.drop_index(op.f('ix_approval_stages_institution'), table_name='approval_stages')
    op.drop_table('approval_stages')
