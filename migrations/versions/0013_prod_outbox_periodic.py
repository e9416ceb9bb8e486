"""prod: scheduled runs (digests, reminders) claimed once per slot; an email outbox

Revision ID: 0013_prod_outbox_periodic
Revises: 0012_daily_delete_notify

periodic_runs: one row per slot of a scheduled job (its key is unique), so two schedulers or a beat
firing twice cannot send a digest or a reminder round twice. outbox: each email sent through the task
queue, claimed queued -> sending -> sent, so a redelivered task does not send it again. New tables only.
"""
from alembic import op
import sqlalchemy as sa

import designer.models.types


revision = '0013_prod_outbox_periodic'
down_revision = '0012_daily_delete_notify'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('periodic_runs',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('runner', sa.String(length=120), nullable=False),
    sa.Column('started_at', designer.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('finished_at', designer.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('sent', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_periodic_runs'))
    )
    op.create_table('outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.String(length=200), nullable=False),
    sa.Column('recipient', sa.String(length=320), nullable=False),
    sa.Column('subject', sa.String(length=500), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('error', sa.String(length=500), nullable=False),
    sa.Column('created_at', designer.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('claimed_at', designer.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('sent_at', designer.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
    sa.UniqueConstraint('message_id', name=op.f('uq_outbox_message_id'))
    )
    op.create_index('ix_outbox_state_created', 'outbox', ['state', 'created_at'], unique=False)


def downgrade():
    op.drop_index('ix_outbox_state_created', table_name='outbox')
    op.drop_table('outbox')
    op.drop_table('periodic_runs')
