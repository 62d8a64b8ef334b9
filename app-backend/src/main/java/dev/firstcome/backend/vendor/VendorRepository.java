package dev.firstcome.backend.vendor;

import dev.firstcome.model.VendorView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The {@code vendor} table (same SQL on both dialects). */
@Repository
class VendorRepository {

    private static final String COLUMNS = "id, name, cost_per_redemption, created_at, updated_at";

    private final JdbcTemplate jdbc;

    VendorRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    long insert(String name, long cost, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.update(
                c -> {
                    var ps = c.prepareStatement(
                            "INSERT INTO vendor (name, cost_per_redemption, created_at, updated_at) VALUES (?, ?, ?, ?)",
                            new String[] {"id"});
                    ps.setString(1, name);
                    ps.setLong(2, cost);
                    ps.setTimestamp(3, Timestamp.from(now));
                    ps.setTimestamp(4, Timestamp.from(now));
                    return ps;
                },
                keys);
        return keys.getKey().longValue();
    }

    void update(long id, String name, long cost, Instant now) {
        jdbc.update(
                "UPDATE vendor SET name = ?, cost_per_redemption = ?, updated_at = ? WHERE id = ?",
                name,
                cost,
                Timestamp.from(now),
                id);
    }

    Optional<VendorView> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM vendor WHERE id = ?", VendorRepository::row, id).stream()
                .findFirst();
    }

    Optional<VendorView> findForUpdate(long id) {
        return jdbc
                .query("SELECT " + COLUMNS + " FROM vendor WHERE id = ? FOR UPDATE", VendorRepository::row, id)
                .stream()
                .findFirst();
    }

    boolean nameTaken(String name, long exceptId) {
        Integer n = jdbc.queryForObject(
                "SELECT COUNT(*) FROM vendor WHERE name = ? AND id <> ?", Integer.class, name, exceptId);
        return n != null && n > 0;
    }

    List<VendorView> findAll() {
        return jdbc.query("SELECT " + COLUMNS + " FROM vendor ORDER BY id", VendorRepository::row);
    }

    private static VendorView row(ResultSet rs, int i) throws SQLException {
        return new VendorView(
                rs.getLong(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getTimestamp(4).toInstant(),
                rs.getTimestamp(5).toInstant());
    }
}
