"""exports: syllabus PDF cache, pack jobs and saved selections

Revision ID: 0003_exports
Revises: 0002_review

Reserved in the chain so the features built in parallel add their tables in a fixed order;
the PDF and packs issue fills it in (or leaves it empty if it needs no tables).
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_exports'
down_revision = '0002_review'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
