"""admin: several roles per account, one-time account links, the admin audit log

Revision ID: 0005_admin_people
Revises: 0004_security_auth_version

users.role (one role) becomes users.roles (a comma-separated set); every account keeps the role it had.
"""
from alembic import op
import sqlalchemy as sa

import designer.models.types


revision = '0005_admin_people'
down_revision = '0004_security_auth_version'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTER TABLE, never a batch "copy and move": on SQLite, dropping and re-creating `users` would
    # fire the foreign keys of every design, review and audit row that points at it.
    op.add_column('users', sa.Column('roles', designer.models.types.StringSet(), nullable=False,
                                     server_default=''))
    op.execute("UPDATE users SET roles = role")
    op.execute("ALTER TABLE users DROP COLUMN role")

    op.create_table('account_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=20), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', designer.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', designer.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('used_at', designer.models.types.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_account_tokens_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_account_tokens_token_hash'))
    )
    with op.batch_alter_table('account_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_account_tokens_user_id'), ['user_id'], unique=False)

    op.create_table('admin_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('target', sa.String(length=300), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('created_at', designer.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_admin_events_actor_id_users'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_admin_events'))
    )
    with op.batch_alter_table('admin_events', schema=None) as batch_op:
        batch_op.create_index('ix_admin_events_created', ['created_at'], unique=False)


def downgrade():
    with op.batch_alter_table('admin_events', schema=None) as batch_op:
        batch_op.drop_index('ix_admin_events_created')
    op.drop_table('admin_events')
    with op.batch_alter_table('account_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_account_tokens_user_id'))
    op.drop_table('account_tokens')
    op.add_column('users', sa.Column('role', sa.String(length=20), nullable=False, server_default='faculty'))
    # One role only: keep the most powerful one the account held.
    for role in ('faculty', 'organiser', 'reviewer', 'admin'):
        op.execute(sa.text("UPDATE users SET role = :r WHERE roles LIKE :p").bindparams(r=role, p=f"%{role}%"))
    op.execute("ALTER TABLE users DROP COLUMN roles")
