-- The waiting room of an event (issue 17): OFF, SHUFFLED_PREQUEUE or FIFO, and its settings. The queue
-- itself lives in Redis, in the event's hash slot.
ALTER TABLE coupon_event ADD COLUMN waiting_room_mode VARCHAR(24) NOT NULL DEFAULT 'OFF';
ALTER TABLE coupon_event ADD COLUMN prequeue_opens_minutes_before INTEGER NOT NULL DEFAULT 30;
ALTER TABLE coupon_event ADD COLUMN outflow_per_second INTEGER NOT NULL DEFAULT 100;
ALTER TABLE coupon_event ADD COLUMN entry_token_seconds INTEGER NOT NULL DEFAULT 300;
