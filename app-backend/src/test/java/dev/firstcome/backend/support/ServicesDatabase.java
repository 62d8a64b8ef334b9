package dev.firstcome.backend.support;

import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * For tests tagged "services": a fresh database on the machine's PostgreSQL or MariaDB, and the
 * machine's Redis under a fresh namespace, so runs never see each other's data or schema. Component
 * addresses are read before a test context's dynamic properties exist, so they are passed as system
 * properties set before the context starts and cleared after.
 */
public final class ServicesDatabase {

    public enum Kind {
        POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/", "postgres", "postgres"),
        MARIADB("jdbc:mariadb://127.0.0.1:3306/", "root", "test");

        final String base;
        final String user;
        final String adminDatabase;

        Kind(String base, String user, String adminDatabase) {
            this.base = base;
            this.user = user;
            this.adminDatabase = adminDatabase;
        }
    }

    private static final String[] KEYS = {
        "firstcome.db.url", "firstcome.db.user", "firstcome.db.password", "firstcome.redis.url", "firstcome.namespace"
    };

    private ServicesDatabase() {}

    /** Creates the database and sets the system properties; returns the database name. */
    public static String use(Kind kind) {
        String name = "fc_it_" + System.currentTimeMillis() + "_" + (System.nanoTime() % 10000);
        try (var c = DriverManager.getConnection(kind.base + kind.adminDatabase, kind.user, "");
                var st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "the machine's " + kind + " does not answer (run -Pservices only where it does)", e);
        }
        System.setProperty("firstcome.db.url", kind.base + name);
        System.setProperty("firstcome.db.user", kind.user);
        System.setProperty("firstcome.db.password", "");
        System.setProperty("firstcome.redis.url", "redis://127.0.0.1:6379");
        System.setProperty("firstcome.namespace", name);
        return name;
    }

    /** Clears the system properties and drops the database. */
    public static void release(Kind kind, String name) {
        for (String key : KEYS) {
            System.clearProperty(key);
        }
        if (name == null) {
            return;
        }
        try (var c = DriverManager.getConnection(kind.base + kind.adminDatabase, kind.user, "");
                var st = c.createStatement()) {
            st.execute(
                    (kind == Kind.POSTGRESQL
                            ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"
                            : "DROP DATABASE IF EXISTS " + name));
        } catch (SQLException e) {
            // best effort: a leftover test database is harmless
        }
    }
}
