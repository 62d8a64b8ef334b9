package dev.firstcome.backend.infra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A fresh machine has no redis-server on PATH: the Redis 7.0.15 binary bundled in the jar is real and runs Lua. */
class BundledRedisIntegrationTests {

    @Test
    void bundledRedisBinaryRunsLuaScripts() throws Exception {
        Path dataDir = Files.createDirectories(Path.of("target", "bundled-redis-" + System.nanoTime()));
        try (var redis = EmbeddedRedis.start(dataDir, false, false);
                var client = RedisClient.create(redis.url());
                var connection = client.connect()) {
            Object answer = connection
                    .sync()
                    .eval("return redis.call('INCR', KEYS[1])", ScriptOutputType.INTEGER, new String[] {"fc:bundled"});
            assertThat(answer).isEqualTo(1L);
            assertThat(connection.sync().info("server")).contains("redis_version:7.0.15");
            assertThat(Files.isExecutable(dataDir.resolve("bin/redis-server-7.0.15-linux-amd64")))
                    .isTrue();
        }
    }
}
