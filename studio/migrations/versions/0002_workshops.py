"""Live noise-audit workshops: sessions, votes, and the receipts that make a vote retry harmless.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workshop_sessions",
        sa.Column("code", sa.String(16), primary_key=True),
        sa.Column("project_id", sa.String(64), nullable=True, index=True),
        sa.Column("facilitator_token_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.String(300), nullable=False, server_default=""),
        sa.Column("cases", sa.Text, nullable=False),
        sa.Column("status", sa.String(10), nullable=False, server_default="open"),
        sa.Column("revealed", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "votes",
        sa.Column("vote_id", sa.String(64), primary_key=True),
        sa.Column("code", sa.String(16), sa.ForeignKey("workshop_sessions.code", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("participant", sa.String(64), nullable=False),
        sa.Column("case_id", sa.String(100), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("basis", sa.String(40), nullable=True),
        sa.Column("reason", sa.Text, nullable=True),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.UniqueConstraint("code", "participant", "case_id", name="uq_votes_code_participant_case"),
    )
    # Every vote_id ever accepted, also after a newer vote replaced it: a late retry of an old
    # vote must not overwrite the participant's newer answer.
    op.create_table(
        "vote_receipts",
        sa.Column("vote_id", sa.String(64), primary_key=True),
        sa.Column("code", sa.String(16), sa.ForeignKey("workshop_sessions.code", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("received_at", sa.String(40), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("vote_receipts")
    op.drop_table("votes")
    op.drop_table("workshop_sessions")
