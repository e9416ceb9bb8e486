"""editor-autosave: an autosaved copy of the new-design editor, one slot per person

Revision ID: 0018_editor_new_autosave
Revises: 0017_editor_autosave

One new table; nothing existing changes (editor_autosaves keeps its rows and its key).
"""
from alembic import op
import sqlalchemy as sa

import designer.models.types


revision = '0018_editor_new_autosave'
down_revision = '0017_editor_autosave'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('editor_new_autosaves',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('pairs', sa.JSON(), nullable=False),
    sa.Column('updated_at', designer.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_editor_new_autosaves_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_editor_new_autosaves'))
    )


def downgrade():
    op.drop_table('editor_new_autosaves')
