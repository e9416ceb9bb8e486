"""admin: single sign-on (the provider account an account is linked to; password login can be turned off)

Revision ID: 0009_admin_sso
Revises: 0008_prod_jobs
"""
from alembic import op
import sqlalchemy as sa


revision = '0009_admin_sso'
down_revision = '0008_prod_jobs'
branch_labels = None
depends_on = None


def upgrade():
    # Plain ALTER TABLE and CREATE INDEX: SQLite must not re-create `users` (its foreign keys would fire).
    op.add_column('users', sa.Column('sso_subject', sa.String(length=300), nullable=True))
    op.create_index('ix_users_sso_subject', 'users', ['sso_subject'], unique=True)
    op.add_column('institution_profiles', sa.Column('password_login', sa.Boolean(), nullable=False,
                                                    server_default=sa.true()))


def downgrade():
    op.execute("ALTER TABLE institution_profiles DROP COLUMN password_login")
    op.drop_index('ix_users_sso_subject', table_name='users')
    op.execute("ALTER TABLE users DROP COLUMN sso_subject")
