"""prod: stored_files, the database storage of rendered PDFs (STORAGE_BACKEND=database)

Revision ID: 0010_prod_stored_files
Revises: 0009_admin_sso

With STORAGE_BACKEND=database, rendered syllabi and built packs are rows here, so web and worker
processes on different machines need no shared folder. Empty (and unused) with the folder backend.
"""
from alembic import op
import sqlalchemy as sa

import designer.models.types


revision = '0010_prod_stored_files'
down_revision = '0009_admin_sso'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('stored_files',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('created_at', designer.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_stored_files'))
    )
    with op.batch_alter_table('stored_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stored_files_created_at'), ['created_at'], unique=False)


def downgrade():
    with op.batch_alter_table('stored_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stored_files_created_at'))
    op.drop_table('stored_files')
