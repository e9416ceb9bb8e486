"""review workflow: submissions, reviews, decisions, audit log, notifications

Revision ID: 0002_review
Revises: 0001_initial

Reserved in the chain so the features built in parallel add their tables in a fixed order;
the review-workflow issue fills it in (or leaves it empty if it needs no tables).
"""
from alembic import op
import sqlalchemy as sa


revision = '0002_review'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
