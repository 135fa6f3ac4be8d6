-- Text lengths are code points (api.md). MySQL and MariaDB count a VARCHAR's length in code points,
-- H2 in UTF-16 units, so on H2 a column exactly as wide as its rule refused text outside the Basic
-- Multilingual Plane that the rule accepts (128 emoji are 256 units). Each column that takes free
-- text is made twice as wide, enough for any text the rules accept on every database; the rules
-- stay the limit. The URLs become TEXT: 4,096 code points three times over would crowd MySQL's
-- 64 KiB row limit.
ALTER TABLE widgets MODIFY COLUMN name VARCHAR(256) NOT NULL;
ALTER TABLE widgets MODIFY COLUMN success_url TEXT NULL;
ALTER TABLE widgets MODIFY COLUMN cancel_url TEXT NULL;
ALTER TABLE widgets MODIFY COLUMN icon_url TEXT NULL;
ALTER TABLE widgets MODIFY COLUMN default_currency_address VARCHAR(132) NULL;
ALTER TABLE widgets MODIFY COLUMN default_network VARCHAR(64) NULL;
ALTER TABLE widgets MODIFY COLUMN default_deposit_address VARCHAR(256) NULL;

ALTER TABLE deposit_sessions MODIFY COLUMN deposit_address VARCHAR(256) NOT NULL;
ALTER TABLE deposit_sessions MODIFY COLUMN customer_reference VARCHAR(256) NULL;
ALTER TABLE deposit_sessions MODIFY COLUMN tx_id VARCHAR(256) NULL;

ALTER TABLE outbox_events MODIFY COLUMN deposit_address VARCHAR(256) NOT NULL;
ALTER TABLE outbox_events MODIFY COLUMN customer_reference VARCHAR(256) NULL;
ALTER TABLE outbox_events MODIFY COLUMN tx_id VARCHAR(256) NULL;

ALTER TABLE observations MODIFY COLUMN observation_id VARCHAR(256) NOT NULL;
ALTER TABLE observations MODIFY COLUMN tx_id VARCHAR(256) NULL;
