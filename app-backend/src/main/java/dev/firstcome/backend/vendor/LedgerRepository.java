package dev.firstcome.backend.vendor;

import dev.firstcome.backend.infra.SqlDialect;
import dev.firstcome.model.SettlementDay;
import dev.firstcome.model.VendorBalance;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The append-only {@code vendor_ledger}: one row per {@code (redemption_id, kind)}, never updated. */
@Repository
class LedgerRepository {

    private final JdbcTemplate jdbc;
    private final String insertIgnoring;

    LedgerRepository(DataSource dataSource, SqlDialect dialect) {
        this.jdbc = new JdbcTemplate(dataSource);
        String insert = " INTO vendor_ledger (vendor_id, redemption_id, kind, amount, coupon_id, event_id, order_id,"
                + " occurred_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        this.insertIgnoring = dialect == SqlDialect.POSTGRESQL
                ? "INSERT" + insert + " ON CONFLICT (redemption_id, kind) DO NOTHING"
                : "INSERT IGNORE" + insert;
    }

    /** Books the entry unless it is booked already; true when this call booked it. */
    boolean book(LedgerEntry e, Instant now) {
        return jdbc.update(
                        insertIgnoring,
                        e.vendorId(),
                        e.redemptionId(),
                        e.kind(),
                        e.amount(),
                        e.couponId(),
                        e.eventId(),
                        e.orderId(),
                        Timestamp.from(e.at()),
                        Timestamp.from(now))
                == 1;
    }

    VendorBalance balance(long vendorId) {
        return jdbc.queryForObject(
                "SELECT COUNT(CASE WHEN kind = 'CREDIT' THEN 1 END), COUNT(CASE WHEN kind = 'REVERSAL' THEN 1 END),"
                        + " COALESCE(SUM(amount), 0) FROM vendor_ledger WHERE vendor_id = ?",
                (rs, i) -> new VendorBalance(vendorId, rs.getLong(1), rs.getLong(2), rs.getLong(3)),
                vendorId);
    }

    /** The vendor's entries in [from, to) summed per day in {@code zone}, oldest day first. */
    List<SettlementDay> settlement(long vendorId, Instant from, Instant to, ZoneId zone) {
        Map<LocalDate, long[]> days = new TreeMap<>();
        jdbc.query(
                "SELECT occurred_at, kind, amount FROM vendor_ledger WHERE vendor_id = ? AND occurred_at >= ?"
                        + " AND occurred_at < ?",
                rs -> {
                    LocalDate day = rs.getTimestamp(1).toInstant().atZone(zone).toLocalDate();
                    long[] sums = days.computeIfAbsent(day, d -> new long[3]);
                    sums["CREDIT".equals(rs.getString(2)) ? 0 : 1]++;
                    sums[2] += rs.getLong(3);
                },
                vendorId,
                Timestamp.from(from),
                Timestamp.from(to));
        List<SettlementDay> report = new ArrayList<>(days.size());
        days.forEach((day, s) -> report.add(new SettlementDay(vendorId, day, s[0], s[1], s[2])));
        return report;
    }
}
