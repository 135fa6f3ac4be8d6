-- outbox.claimable reads the unpublished rows in its ORDER BY's order straight from this index and
-- stops at its LIMIT. With (published_at, occurred_at) alone it read and sorted the whole backlog
-- on every claim: 0.3-0.5 s per claim on MariaDB at 20,000 waiting events, so a relay that fell
-- behind fell further behind. Published rows stay out of the range either way (published_at IS
-- NULL is its first column). It also serves outbox.backlog and outbox.prunePublishedBefore, which
-- makes the old index, a prefix of this one, redundant.
CREATE INDEX outbox_events_unpublished_order ON outbox_events (published_at, occurred_at, session_id, sequence);
DROP INDEX outbox_events_published_occurred ON outbox_events;
