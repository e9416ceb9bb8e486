"""editor-autosave: autosaved editor copies per person and design, posts kept across an ended session

Revision ID: 0017_editor_autosave
Revises: 0016_revise_finding_comments

Two new tables; nothing existing changes.
"""
from alembic import op
import sqlalchemy as sa

import designer.models.types


revision = '0017_editor_autosave'
down_revision = '0016_revise_finding_comments'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('editor_autosaves',
    sa.Column('design_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('base_revision', sa.Integer(), nullable=False),
    sa.Column('pairs', sa.JSON(), nullable=False),
    sa.Column('updated_at', designer.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['design_id'], ['designs.id'], name=op.f('fk_editor_autosaves_design_id_designs'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_editor_autosaves_user_id_users'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('design_id', 'user_id', name=op.f('pk_editor_autosaves'))
    )
    op.create_table('editor_stashes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('design_id', sa.Integer(), nullable=True),
    sa.Column('pairs', sa.JSON(), nullable=False),
    sa.Column('created_at', designer.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['design_id'], ['designs.id'], name=op.f('fk_editor_stashes_design_id_designs'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_editor_stashes')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_editor_stashes_token_hash'))
    )
    op.create_index(op.f('ix_editor_stashes_created_at'), 'editor_stashes', ['created_at'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_editor_stashes_created_at'), table_name='editor_stashes')
    op.drop_table('editor_stashes')
    op.drop_table('editor_autosaves')
