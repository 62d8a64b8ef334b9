package dev.firstcome.backend.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The embedded Redis and PostgreSQL ask every client for the data directory's password, which is
 * generated once, kept owner-only, reused after a restart and never shown: not in the log, not in the
 * servers' own logs, not on a command line.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedServersAuthenticationIntegrationTests {

    private Path dataDir;

    @BeforeEach
    void newDataDir() throws Exception {
        dataDir = EmbeddedTestSupport.newDataDir("auth-test");
    }

    @AfterEach
    void deleteDataDir() throws Exception {
        EmbeddedTestSupport.delete(dataDir);
    }

    @Test
    void redisRefusesClientsWithoutThePassword() {
        try (var redis = EmbeddedRedis.start(dataDir, false)) {
            String wrong = redis.url().replace(EmbeddedPassword.of(dataDir), "0123456789abcdef0123456789abcdef");

            assertThatThrownBy(() -> ping(redis.address())).hasStackTraceContaining("NOAUTH");
            assertThatThrownBy(() -> ping(wrong)).hasStackTraceContaining("WRONGPASS");
            assertThat(ping(redis.url())).isEqualTo("PONG");
            assertThat(redis.springProperties())
                    .containsEntry("spring.data.redis.url", redis.url())
                    .hasSize(1);
        }
    }

    @Test
    void postgresRefusesConnectionsWithoutTheRightPassword() throws Exception {
        try (var postgres = EmbeddedPostgresServer.start(dataDir, false)) {
            String url = postgres.address();
            String user = EmbeddedPostgresServer.USER;

            assertThatThrownBy(() -> selectOne(url, user, "")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> selectOne(url, user, "not-the-password"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            assertThat(selectOne(url, user, EmbeddedPassword.of(dataDir))).isEqualTo(1);
            assertThat(postgres.springProperties())
                    .containsEntry("spring.datasource.url", url)
                    .containsEntry("spring.datasource.username", user)
                    .containsEntry("spring.datasource.password", EmbeddedPassword.of(dataDir));
            assertThat(Files.readString(dataDir.resolve("postgres/data/pg_hba.conf")))
                    .isEqualTo(PostgresPasswordSetup.PG_HBA)
                    .doesNotContainPattern("(?m)^[^#].*\\btrust\\b");
        }
    }

    @Test
    void passwordIsGeneratedOnceKeptOwnerOnlyReusedAfterRestartAndNeverShown(CapturedOutput output) throws Exception {
        Path file = dataDir.resolve(EmbeddedPassword.FILE_NAME);
        String first;
        try (var redis = EmbeddedRedis.start(dataDir, true);
                var postgres = EmbeddedPostgresServer.start(dataDir, false)) {
            first = Files.readString(file).trim();
            assertThat(first).matches("[0-9a-f]{64}");
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(commandLines()).isNotEmpty().noneMatch(line -> line.contains(first));
        }

        try (var redis = EmbeddedRedis.start(dataDir, true);
                var postgres = EmbeddedPostgresServer.start(dataDir, false)) {
            assertThat(Files.readString(file).trim()).isEqualTo(first);
            assertThat(ping(redis.url())).isEqualTo("PONG");
            assertThat(selectOne(postgres.address(), EmbeddedPostgresServer.USER, first))
                    .isEqualTo(1);
        }

        assertThat(output.getAll())
                .contains("Generated the password of the embedded Redis and PostgreSQL")
                .contains("password required")
                .doesNotContain(first);
        for (String log : List.of("redis/redis.log", "redis/redis.out", "postgres/postgres.log")) {
            assertThat(dataDir.resolve(log)).exists().content().doesNotContain(first);
        }
    }

    @Test
    void clusterAnOlderVersionInitialisedWithTrustNowRequiresThePassword() throws Exception {
        // an older FirstCome: trust for every connection, no password at all, no password file
        try (var postgres = EmbeddedPostgresServer.start(dataDir, false);
                var c = DriverManager.getConnection(
                        postgres.address(), EmbeddedPostgresServer.USER, EmbeddedPassword.of(dataDir));
                var st = c.createStatement()) {
            st.execute("CREATE TABLE older_probe (note TEXT)");
            st.execute("INSERT INTO older_probe VALUES ('kept')");
            st.execute("ALTER ROLE postgres PASSWORD NULL");
        }
        Files.writeString(dataDir.resolve("postgres/data/pg_hba.conf"), """
                local   all             all                                     trust
                host    all             all             127.0.0.1/32            trust
                host    all             all             ::1/128                 trust
                """);
        Files.delete(dataDir.resolve(EmbeddedPassword.FILE_NAME));

        try (var postgres = EmbeddedPostgresServer.start(dataDir, false)) {
            String password = EmbeddedPassword.of(dataDir);

            assertThatThrownBy(() -> selectOne(postgres.address(), EmbeddedPostgresServer.USER, ""))
                    .isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> selectOne(postgres.address(), EmbeddedPostgresServer.USER, "wrong"))
                    .hasMessageContaining("password authentication failed");
            try (var c = DriverManager.getConnection(postgres.address(), EmbeddedPostgresServer.USER, password);
                    var st = c.createStatement();
                    var rs = st.executeQuery("SELECT note FROM older_probe")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("kept");
            }
            assertThat(Files.readString(dataDir.resolve("postgres/data/pg_hba.conf")))
                    .isEqualTo(PostgresPasswordSetup.PG_HBA);
        }
    }

    private static String ping(String url) {
        try (var client = RedisClient.create(url);
                var connection = client.connect()) {
            return connection.sync().ping();
        }
    }

    private static int selectOne(String url, String user, String password) throws SQLException {
        try (var c = DriverManager.getConnection(url, user, password);
                var st = c.createStatement();
                var rs = st.executeQuery("SELECT 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The command lines of this data directory's redis-server and postgres processes, as {@code ps} shows them. */
    private List<String> commandLines() throws Exception {
        return EmbeddedTestSupport.serverProcesses(dataDir).stream()
                .map(p -> p.info().commandLine().orElse(""))
                .toList();
    }
}
