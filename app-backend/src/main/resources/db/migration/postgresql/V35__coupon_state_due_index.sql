-- issue 19: the expiry job's only reader of this index asks for ISSUED coupons with a validity, in expiry order
-- (CouponStateRepository.DUE_FOR_EXPIRY). The old (status, expires_at) index held every coupon_state row: one index
-- write per persisted coupon even when its event has no validity, and rows that are long redeemed or expired.
-- The partial index holds only what the job can find; a coupon leaves it when it is redeemed or expires.
DROP INDEX IF EXISTS ix_coupon_state_expiry;
CREATE INDEX ix_coupon_state_due ON coupon_state (expires_at, coupon_id)
    WHERE status = 'ISSUED' AND expires_at IS NOT NULL;
