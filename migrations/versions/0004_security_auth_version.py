"""security: users.auth_version, part of every session and remember-me cookie

Revision ID: 0004_security_auth_version
Revises: 0003_exports

Raising a user's auth_version (logout, password change, deactivation) ends every session and
remember-me cookie of that account. Existing accounts start at 1; their old cookies (which carry no
version) are no longer accepted, so everybody logs in once more after this upgrade.
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_security_auth_version'
down_revision = '0003_exports'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('auth_version', sa.Integer(), server_default='1', nullable=False))


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('auth_version')
