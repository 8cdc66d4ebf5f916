-- Rate-limit counters that replicas on one PostgreSQL share (chat turns per web user, registration
-- attempts per address and per user): the table layout of rate-limiter-flexible's
-- RateLimiterPostgres, created here so the schema stays in migrations. `expire` is epoch ms.
CREATE TABLE rate_limits (
  key    varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);
