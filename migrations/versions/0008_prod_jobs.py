"""prod: pack jobs become the table of every background job (packs, renders on approval, email)

Revision ID: 0008_prod_jobs
Revises: 0007_security_contributors

Every existing pack job is kept (kind "pack"); the new columns say who is running a job and when it
last showed progress, so a restarted server or a killed worker hands it back instead of leaving it
"running". owner_id becomes optional (email jobs have no owner).
"""
from alembic import op
import sqlalchemy as sa

import designer.models.types


revision = '0008_prod_jobs'
down_revision = '0007_security_contributors'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('pack_jobs', schema=None) as batch_op:
        batch_op.drop_index('ix_pack_jobs_owner_created')
    op.rename_table('pack_jobs', 'jobs')
    if op.get_bind().dialect.name == 'postgresql':  # keep constraint names true to the naming convention
        op.execute('ALTER TABLE jobs RENAME CONSTRAINT pk_pack_jobs TO pk_jobs')
        op.execute('ALTER TABLE jobs RENAME CONSTRAINT fk_pack_jobs_owner_id_users TO fk_jobs_owner_id_users')
        op.execute('ALTER SEQUENCE pack_jobs_id_seq RENAME TO jobs_id_seq')
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=20), nullable=False, server_default='pack'))
        batch_op.add_column(sa.Column('payload', sa.JSON(), nullable=False, server_default='{}'))
        batch_op.add_column(sa.Column('note', sa.String(length=300), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('attempts', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('runner', sa.String(length=120), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('started_at', designer.models.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('heartbeat_at', designer.models.types.UTCDateTime(timezone=True), nullable=True))
        batch_op.alter_column('owner_id', existing_type=sa.Integer(), nullable=True)
        batch_op.create_index('ix_jobs_owner_created', ['owner_id', 'created_at'], unique=False)
        batch_op.create_index('ix_jobs_kind_status', ['kind', 'status'], unique=False)
    # The defaults only filled the existing rows; the app sets every value itself.
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        for name in ('kind', 'payload', 'note', 'attempts', 'runner'):
            batch_op.alter_column(name, server_default=None)


def downgrade():
    op.execute("DELETE FROM jobs WHERE kind <> 'pack'")
    with op.batch_alter_table('jobs', schema=None) as batch_op:
        batch_op.drop_index('ix_jobs_kind_status')
        batch_op.drop_index('ix_jobs_owner_created')
        batch_op.alter_column('owner_id', existing_type=sa.Integer(), nullable=False)
        for name in ('heartbeat_at', 'started_at', 'runner', 'attempts', 'note', 'payload', 'kind'):
            batch_op.drop_column(name)
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('ALTER TABLE jobs RENAME CONSTRAINT pk_jobs TO pk_pack_jobs')
        op.execute('ALTER TABLE jobs RENAME CONSTRAINT fk_jobs_owner_id_users TO fk_pack_jobs_owner_id_users')
        op.execute('ALTER SEQUENCE jobs_id_seq RENAME TO pack_jobs_id_seq')
    op.rename_table('jobs', 'pack_jobs')
    with op.batch_alter_table('pack_jobs', schema=None) as batch_op:
        batch_op.create_index('ix_pack_jobs_owner_created', ['owner_id', 'created_at'], unique=False)
