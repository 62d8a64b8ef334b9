-- Claiming a notice sets notified_at (not indexed): with free space on the page PostgreSQL updates the
-- row in place (a HOT update) instead of writing a new version into every index of the table.
ALTER TABLE coupon SET (fillfactor = 80);
