-- issue 19: no statement filters coupons by day (the reconcile reads an event's admissions by event_id, which the
-- unique (event_id, user_id) index serves), so this index only cost a write per persisted coupon, and it was the
-- one a generic plan with stale statistics picked to find a batch's users, scanning the whole event
DROP INDEX IF EXISTS ix_coupon_event_day;
