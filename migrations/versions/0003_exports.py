"""exports: syllabus PDF cache, pack jobs and saved selections

Revision ID: 0003_exports
Revises: 0002_review

Pack jobs carry the progress of a syllabi-pack build (done/total) that the browser and CLI show;
saved selections let organisers reuse a list of designs. The PDF cache itself lives on disk
(PDF_CACHE_DIR), keyed by revision id and template version, so it needs no table.
"""
from alembic import op
import sqlalchemy as sa

import designer.models.types


revision = '0003_exports'
down_revision = '0002_review'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('pack_jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('design_ids', sa.JSON(), nullable=False),
    sa.Column('duplex', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('done', sa.Integer(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('pages', sa.Integer(), nullable=False),
    sa.Column('error', sa.String(length=500), nullable=False),
    sa.Column('created_at', designer.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('finished_at', designer.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_pack_jobs_owner_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pack_jobs'))
    )
    with op.batch_alter_table('pack_jobs', schema=None) as batch_op:
        batch_op.create_index('ix_pack_jobs_owner_created', ['owner_id', 'created_at'], unique=False)

    op.create_table('saved_selections',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('design_ids', sa.JSON(), nullable=False),
    sa.Column('created_at', designer.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_saved_selections_owner_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_saved_selections'))
    )
    with op.batch_alter_table('saved_selections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_saved_selections_owner_id'), ['owner_id'], unique=False)


def downgrade():
    with op.batch_alter_table('saved_selections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_saved_selections_owner_id'))
    op.drop_table('saved_selections')
    with op.batch_alter_table('pack_jobs', schema=None) as batch_op:
        batch_op.drop_index('ix_pack_jobs_owner_created')
    op.drop_table('pack_jobs')
