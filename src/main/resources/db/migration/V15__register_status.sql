-- A recognised token can be suspended, revoked or surrendered after its decision (supervision after recognition):
-- the register's status takes SURRENDERED too, and records the day it took its current value.
ALTER TABLE register_entry DROP CONSTRAINT register_entry_status_check;
ALTER TABLE register_entry ADD CONSTRAINT register_entry_status_check
    CHECK (status IN ('RECOGNISED', 'SUSPENDED', 'REVOKED', 'SURRENDERED'));
ALTER TABLE register_entry ADD COLUMN status_since date;
UPDATE register_entry SET status_since = decision_date;
ALTER TABLE register_entry ALTER COLUMN status_since SET NOT NULL;
