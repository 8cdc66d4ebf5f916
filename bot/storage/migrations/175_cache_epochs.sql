-- A counter per group of read-mostly tables that a turn reads (bot/storage/turn-cache.ts): every
-- statement that writes one of them moves its group's counter in the same transaction, from any
-- process or replica. A process keeps those rows in memory and drops a group when its counter moved.
CREATE TABLE cache_epochs (
  name text PRIMARY KEY,
  n    bigint NOT NULL DEFAULT 0
);
INSERT INTO cache_epochs (name) VALUES ('users'), ('pending'), ('office'), ('addresses');

CREATE FUNCTION cache_epoch_bump() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE cache_epochs SET n = n + 1 WHERE name = TG_ARGV[0];
  RETURN NULL;
END $$;

-- Who speaks: the user, their identities and their unit's name.
CREATE TRIGGER users_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION cache_epoch_bump('users');
CREATE TRIGGER identities_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON identities
  FOR EACH STATEMENT EXECUTE FUNCTION cache_epoch_bump('users');
CREATE TRIGGER units_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON units
  FOR EACH STATEMENT EXECUTE FUNCTION cache_epoch_bump('users');
CREATE TRIGGER pending_choices_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pending_choices
  FOR EACH STATEMENT EXECUTE FUNCTION cache_epoch_bump('pending');
CREATE TRIGGER office_deadlines_epoch AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON office_deadlines
  FOR EACH STATEMENT EXECUTE FUNCTION cache_epoch_bump('office');
-- Addresses are saved on every turn; only an address marked dead (its sender was told "gone")
-- must reach the other processes, so that their next turn from it saves it alive again.
CREATE TRIGGER addresses_dead_epoch AFTER UPDATE ON addresses
  FOR EACH ROW WHEN (NEW.dead AND NOT OLD.dead) EXECUTE FUNCTION cache_epoch_bump('addresses');
