"""On PostgreSQL, a revision's observation is checked once per statement too.

A revision's foreign key checked each row with a query of its own and locked each
observation it named (FOR KEY SHARE), most of them written a moment before by the same
upload: two fifths of the time of storing 100,000 revisions. A trigger now checks a
statement's revisions at once and locks their observations' indicators instead, which is
enough because PostgreSQL now refuses to delete an observation whose indicator remains:
values are history, and go only with their indicator (whose deletion the lock holds
off until the revisions are committed, and then deletes them too). What the key did on
the other side is kept: deleting observations deletes their revisions, and an
observation's id cannot change under them. SQLite, with one writer at a time, needs no
lock and keeps the foreign key the tables declare.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | None = None
depends_on: str | None = None

KEY = "fk_observation_revisions_observation_id_observations"

CHECK = f"""
CREATE FUNCTION revisions_check_references(observation_ids integer[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  missing integer;
BEGIN
  PERFORM 1 FROM indicators
    WHERE id IN (SELECT indicator_id FROM observations WHERE id = ANY(observation_ids))
    ORDER BY id FOR KEY SHARE;
  SELECT wanted INTO missing FROM unnest(observation_ids) AS wanted
    WHERE NOT EXISTS (SELECT 1 FROM observations WHERE id = wanted) LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION USING
        MESSAGE = 'insert or update on table "observation_revisions" violates foreign key '
          || 'constraint "{KEY}"',
        ERRCODE = 'foreign_key_violation', CONSTRAINT = '{KEY}',
        TABLE = 'observation_revisions',
        DETAIL = format('Key (observation_id)=(%s) is not present in table "observations".',
                        missing);
  END IF;
END $$;

CREATE FUNCTION revisions_check_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM revisions_check_references((SELECT array_agg(observation_id) FROM added));
  RETURN NULL;
END $$;

CREATE FUNCTION revisions_check_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM revisions_check_references(ARRAY[NEW.observation_id]);
  RETURN NULL;
END $$;

CREATE TRIGGER revisions_check_added AFTER INSERT ON observation_revisions
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT
  EXECUTE FUNCTION revisions_check_added();

CREATE TRIGGER revisions_check_moved AFTER UPDATE OF observation_id
  ON observation_revisions FOR EACH ROW
  WHEN (OLD.observation_id IS DISTINCT FROM NEW.observation_id)
  EXECUTE FUNCTION revisions_check_moved();
"""

OBSERVATIONS = """
CREATE FUNCTION observations_go_with_indicator() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM indicators WHERE id = OLD.indicator_id) THEN
    RAISE EXCEPTION USING
        MESSAGE = 'an observation is deleted only with its indicator',
        ERRCODE = 'integrity_constraint_violation', TABLE = 'observations',
        DETAIL = format('Observation %s of indicator %s.', OLD.id, OLD.indicator_id);
  END IF;
  RETURN OLD;
END $$;

CREATE TRIGGER observations_go_with_indicator BEFORE DELETE ON observations FOR EACH ROW
  EXECUTE FUNCTION observations_go_with_indicator();

CREATE FUNCTION observations_delete_revisions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM observation_revisions WHERE observation_id IN (SELECT id FROM gone);
  RETURN NULL;
END $$;

CREATE TRIGGER observations_delete_revisions AFTER DELETE ON observations
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT
  EXECUTE FUNCTION observations_delete_revisions();

CREATE FUNCTION observations_keep_id() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM observation_revisions WHERE observation_id = OLD.id) THEN
    RAISE EXCEPTION USING
        MESSAGE = 'update or delete on table "observations" violates foreign key '
          || 'constraint "{KEY}" on table "observation_revisions"',
        ERRCODE = 'foreign_key_violation', CONSTRAINT = '{KEY}',
        TABLE = 'observation_revisions',
        DETAIL = format('Key (id)=(%s) is still referenced from table '
                        '"observation_revisions".', OLD.id);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER observations_keep_id AFTER UPDATE OF id ON observations FOR EACH ROW
  WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION observations_keep_id();
""".replace("{KEY}", KEY)

DROP = """
DROP TRIGGER revisions_check_added ON observation_revisions;
DROP TRIGGER revisions_check_moved ON observation_revisions;
DROP TRIGGER observations_go_with_indicator ON observations;
DROP TRIGGER observations_delete_revisions ON observations;
DROP TRIGGER observations_keep_id ON observations;
DROP FUNCTION revisions_check_added();
DROP FUNCTION revisions_check_moved();
DROP FUNCTION revisions_check_references(integer[]);
DROP FUNCTION observations_go_with_indicator();
DROP FUNCTION observations_delete_revisions();
DROP FUNCTION observations_keep_id();
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_constraint(KEY, "observation_revisions", type_="foreignkey")
    op.execute(CHECK)
    op.execute(OBSERVATIONS)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(DROP)
    op.create_foreign_key(
        KEY, "observation_revisions", "observations", ["observation_id"], ["id"],
        ondelete="CASCADE",
    )  # fmt: skip
