package dev.firstcome.backend.support;

import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

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

    private static final String PREFIX = "fc_it_";
    /** Test databases older than this were left by an earlier run (none runs for six hours). */
    static final long STALE_AFTER_MILLIS = 6 * 60 * 60 * 1000L;

    private ServicesDatabase() {}

    /**
     * Creates the database and sets the system properties; returns the database name. Drops the test databases
     * earlier runs left (older than {@link #STALE_AFTER_MILLIS}) first.
     */
    public static String use(Kind kind) {
        String name = PREFIX + System.currentTimeMillis() + "_" + (System.nanoTime() % 10000);
        try (var c = DriverManager.getConnection(kind.base + kind.adminDatabase, kind.user, "");
                var st = c.createStatement()) {
            dropStale(kind, st);
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

    /**
     * Clears the system properties. The database stays: the test's Spring context is cached and still uses it
     * until the JVM closes every cached context at exit (a context whose database was dropped under it waits the
     * pool's 30 s connection timeout there, once per such context, while Spring Modulith's event registry looks
     * for unfinished publications, and the test JVM outlived surefire's exit timeout). The next run drops it.
     */
    public static void release() {
        for (String key : KEYS) {
            System.clearProperty(key);
        }
    }

    /** Drops the test databases ({@code fc_it_<millis>_<n>}) created more than {@link #STALE_AFTER_MILLIS} ago. */
    private static void dropStale(Kind kind, Statement st) {
        List<String> stale = new ArrayList<>();
        String list = kind == Kind.POSTGRESQL
                ? "SELECT datname FROM pg_database WHERE datname LIKE 'fc\\_it\\_%'"
                : "SHOW DATABASES LIKE 'fc\\_it\\_%'";
        long cutoff = System.currentTimeMillis() - STALE_AFTER_MILLIS;
        try (ResultSet rows = st.executeQuery(list)) {
            while (rows.next()) {
                String name = rows.getString(1);
                if (createdMillis(name) < cutoff) {
                    stale.add(name);
                }
            }
        } catch (SQLException e) {
            return; // best effort: a leftover test database is harmless
        }
        for (String name : stale) {
            try {
                st.execute(
                        kind == Kind.POSTGRESQL
                                ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"
                                : "DROP DATABASE IF EXISTS " + name);
            } catch (SQLException e) {
                // best effort, as above (another run may have dropped it first)
            }
        }
    }

    /** The creation time in a test database's name; Long.MAX_VALUE (never stale) when the name has none. */
    static long createdMillis(String name) {
        if (!name.startsWith(PREFIX)) {
            return Long.MAX_VALUE;
        }
        int end = name.indexOf('_', PREFIX.length());
        try {
            return Long.parseLong(end < 0 ? name.substring(PREFIX.length()) : name.substring(PREFIX.length(), end));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
