-- Three widget settings of api.md: how long a new session lives (an ISO 8601 duration), the share
-- of the amount a payment may fall short and still confirm (a decimal string, percent), and test mode.
-- Existing widgets take the defaults.
ALTER TABLE widgets ADD COLUMN session_ttl VARCHAR(32) NOT NULL DEFAULT 'PT30M';
ALTER TABLE widgets ADD COLUMN payment_tolerance_percent VARCHAR(32) NOT NULL DEFAULT '0';
ALTER TABLE widgets ADD COLUMN test_mode BOOLEAN NOT NULL DEFAULT FALSE;
