"""The audit log is append-only in the database itself, not only in the code: no row can be
deleted, and no recorded fact changed. The one update allowed is the foreign keys becoming NULL
when a user or organisation is deleted (the labels keep who and where)."""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'The audit log is append-only: its rows cannot be deleted';
    END IF;
    IF (NEW.id, NEW.public_id, NEW.at, NEW.action, NEW.actor_label, NEW.target_type,
        NEW.target_id, NEW.target_label, NEW.detail, NEW.ip_address, NEW.user_agent)
       IS DISTINCT FROM
       (OLD.id, OLD.public_id, OLD.at, OLD.action, OLD.actor_label, OLD.target_type,
        OLD.target_id, OLD.target_label, OLD.detail, OLD.ip_address, OLD.user_agent)
       OR (NEW.actor_id IS NOT NULL AND NEW.actor_id IS DISTINCT FROM OLD.actor_id)
       OR (NEW.organisation_id IS NOT NULL
           AND NEW.organisation_id IS DISTINCT FROM OLD.organisation_id) THEN
        RAISE EXCEPTION 'The audit log is append-only: its rows cannot be changed';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER core_auditevent_append_only
    BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent;
DROP FUNCTION IF EXISTS core_auditevent_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
