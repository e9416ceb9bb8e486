"""admin: institution profiles, the managed list of departments, uploaded rubric versions

Revision ID: 0006_admin_institution
Revises: 0005_admin_people

Departments were free text on accounts and designs; every distinct (institution, department) pair that is
in use becomes a row of the managed list, so existing designs keep their department and the filters offer it.
"""
from alembic import op
import sqlalchemy as sa

import designer.models.types


revision = '0006_admin_institution'
down_revision = '0005_admin_people'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('institution_profiles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('legal_name', sa.String(length=300), nullable=False),
    sa.Column('short_name', sa.String(length=60), nullable=False),
    sa.Column('website', sa.String(length=300), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('region', sa.String(length=100), nullable=False),
    sa.Column('abc_id', sa.String(length=60), nullable=False),
    sa.Column('aishe_code', sa.String(length=30), nullable=False),
    sa.Column('grading_scheme', sa.String(length=300), nullable=False),
    sa.Column('pass_mark', sa.Double(), nullable=True),
    sa.Column('approving_bodies', sa.JSON(), nullable=False),
    sa.Column('qa_process', sa.Text(), nullable=False),
    sa.Column('review_cycle_months', sa.Integer(), nullable=True),
    sa.Column('time_zone', sa.String(length=60), nullable=False),
    sa.Column('default_rubric', sa.String(length=100), nullable=False),
    sa.Column('logo', sa.LargeBinary(), nullable=True),
    sa.Column('logo_mime', sa.String(length=40), nullable=False),
    sa.Column('previous_values', sa.JSON(), nullable=False),
    sa.Column('updated_at', designer.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_institution_profiles')),
    sa.UniqueConstraint('name', name=op.f('uq_institution_profiles_name'))
    )
    departments = op.create_table('departments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('institution', sa.String(length=300), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', designer.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_departments')),
    sa.UniqueConstraint('institution', 'name', name='uq_departments_institution_name')
    )
    op.create_table('rubric_uploads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('rubric_id', sa.String(length=100), nullable=False),
    sa.Column('version', sa.String(length=40), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('uploaded_by_name', sa.String(length=200), nullable=False),
    sa.Column('uploaded_at', designer.models.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_rubric_uploads')),
    sa.UniqueConstraint('rubric_id', 'version', name='uq_rubric_uploads_rubric_id_version')
    )
    with op.batch_alter_table('rubric_uploads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_rubric_uploads_rubric_id'), ['rubric_id'], unique=False)
    conn = op.get_bind()
    in_use = set()
    for table in ('users', 'designs'):
        rows = conn.execute(sa.text(f"SELECT DISTINCT institution, department FROM {table} "  # noqa: S608
                                    "WHERE department <> ''"))
        in_use.update((institution, department) for institution, department in rows)
    if in_use:
        from datetime import datetime, timezone

        now = datetime.now(timezone.utc)
        op.bulk_insert(departments, [{"institution": i, "name": d, "active": True, "created_at": now}
                                     for i, d in sorted(in_use)])


def downgrade():
    with op.batch_alter_table('rubric_uploads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_rubric_uploads_rubric_id'))
    op.drop_table('rubric_uploads')
    op.drop_table('departments')
    op.drop_table('institution_profiles')
