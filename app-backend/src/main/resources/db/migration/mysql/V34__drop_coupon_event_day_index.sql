-- issue 19: no statement filters coupons by day (the reconcile reads an event's admissions by event_id, which the
-- unique (event_id, user_id) index serves), so this index only cost a write per persisted coupon
ALTER TABLE coupon DROP INDEX ix_coupon_event_day;
