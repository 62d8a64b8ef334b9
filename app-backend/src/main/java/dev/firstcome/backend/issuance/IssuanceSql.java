package dev.firstcome.backend.issuance;

import dev.firstcome.model.CouponAdmitted;
import dev.firstcome.model.CouponPersisted;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * The statements of the issuance tables that differ between PostgreSQL ({@link PostgresIssuanceSql})
 * and MySQL 8 / MariaDB ({@link MySqlIssuanceSql}). One implementation is chosen once, from the
 * database's {@link dev.firstcome.backend.infra.SqlDialect} ({@link IssuanceSqlConfiguration}); the
 * repositories hold the SQL both dialects share.
 */
interface IssuanceSql {

    /** The {@code rank} column as the dialect spells it (a reserved word in MySQL 8). */
    String rank();

    /**
     * Inserts the admissions (at least one, no duplicate (event, user) pairs among them), ignoring
     * existing rows. Runs inside the caller's transaction. Returns the rows it inserted, with their ids.
     */
    List<IssuedCoupon> insertIgnoringExisting(List<CouponAdmitted> admissions, Instant persistedAt);

    /** Claims the notices of the coupons (at least one) in one transaction; which ones this call claimed. */
    boolean[] claimNotifications(List<CouponPersisted> coupons, Timestamp at);

    /**
     * The {@code failed_issue} upsert: a new row is OPEN with one attempt; an existing row gets
     * attempts + 1, the new reason and time, and is OPEN again. Parameters: event, user, rank,
     * admission, day, admitted at, reason, first failed at, last failed at.
     */
    String recordFailure();
}
