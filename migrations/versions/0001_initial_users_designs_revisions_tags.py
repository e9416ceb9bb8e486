"""users, designs, revisions, tags

Revision ID: 0001_initial
Revises: 
Create Date: 2026-11-22 10:31:32.473940

The first tables: accounts, designs with their append-only revisions, co-authors and tags.

"""
from alembic import op
import sqlalchemy as sa

import designer.models.types


# revision identifiers, used by Alembic.
revision = '0001_initial'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('institution', sa.String(length=300), nullable=False),
    sa.Column('department', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=256), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', designer.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email'))
    )
    op.create_table('designs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('institution', sa.String(length=300), nullable=False),
    sa.Column('department', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('level', sa.Double(), nullable=True),
    sa.Column('credits', sa.Double(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('latest_revision', sa.Integer(), nullable=False),
    sa.Column('approved_revision_id', sa.Integer(), nullable=True),
    sa.Column('cloned_from_id', sa.Integer(), nullable=True),
    sa.Column('created_at', designer.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', designer.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['cloned_from_id'], ['designs.id'], name=op.f('fk_designs_cloned_from_id_designs'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['owner_id'], ['users.id'], name=op.f('fk_designs_owner_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_designs'))
    )
    with op.batch_alter_table('designs', schema=None) as batch_op:
        batch_op.create_index('ix_designs_institution_status', ['institution', 'status'], unique=False)
        batch_op.create_index('ix_designs_owner_updated', ['owner_id', 'updated_at'], unique=False)

    op.create_table('design_coauthors',
    sa.Column('design_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['design_id'], ['designs.id'], name=op.f('fk_design_coauthors_design_id_designs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_design_coauthors_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('design_id', 'user_id', name=op.f('pk_design_coauthors'))
    )
    op.create_table('design_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('design_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('document', sa.JSON(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.Column('created_at', designer.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_design_revisions_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['design_id'], ['designs.id'], name=op.f('fk_design_revisions_design_id_designs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_design_revisions')),
    sa.UniqueConstraint('design_id', 'number', name='uq_design_revisions_design_number')
    )
    with op.batch_alter_table('design_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_design_revisions_design_id'), ['design_id'], unique=False)
    # designs <-> design_revisions reference each other: the second key is added once both tables exist.
    with op.batch_alter_table('designs', schema=None) as batch_op:
        batch_op.create_foreign_key(op.f('fk_designs_approved_revision_id_design_revisions'), 'design_revisions',
                                    ['approved_revision_id'], ['id'], ondelete='SET NULL')

    op.create_table('design_tags',
    sa.Column('design_id', sa.Integer(), nullable=False),
    sa.Column('tag', sa.String(length=60), nullable=False),
    sa.ForeignKeyConstraint(['design_id'], ['designs.id'], name=op.f('fk_design_tags_design_id_designs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('design_id', 'tag', name=op.f('pk_design_tags'))
    )
    with op.batch_alter_table('design_tags', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_design_tags_tag'), ['tag'], unique=False)



def downgrade():
    with op.batch_alter_table('design_tags', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_design_tags_tag'))

    op.drop_table('design_tags')
    with op.batch_alter_table('designs', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('fk_designs_approved_revision_id_design_revisions'), type_='foreignkey')
    with op.batch_alter_table('design_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_design_revisions_design_id'))

    op.drop_table('design_revisions')
    op.drop_table('design_coauthors')
    with op.batch_alter_table('designs', schema=None) as batch_op:
        batch_op.drop_index('ix_designs_owner_updated')
        batch_op.drop_index('ix_designs_institution_status')

    op.drop_table('designs')
    op.drop_table('users')
