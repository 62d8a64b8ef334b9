package dev.firstcome.backend.lab;

import java.net.URI;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The Redisson client of the {@code redis-lock} strategy, built on first use from the same Redis URL
 * as the rest of FirstCome ({@code spring.data.redis.url}, set for embedded and external Redis
 * alike), so contexts that never run that strategy do not pay for its connections and threads.
 */
@Component
class LabRedisson implements DisposableBean {

    private final Environment environment;
    private volatile RedissonClient client;

    LabRedisson(Environment environment) {
        this.environment = environment;
    }

    RedissonClient client() {
        RedissonClient current = client;
        if (current == null) {
            synchronized (this) {
                current = client;
                if (current == null) {
                    current = Redisson.create(
                            config(environment.getProperty("spring.data.redis.url", "redis://127.0.0.1:6379")));
                    client = current;
                }
            }
        }
        return current;
    }

    static Config config(String url) {
        URI uri = URI.create(url);
        Config config = new Config();
        var server = config.useSingleServer()
                .setAddress(uri.getScheme() + "://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 6379 : uri.getPort()))
                .setConnectionPoolSize(64)
                .setConnectionMinimumIdleSize(4)
                .setTimeout(3000);
        String userInfo = uri.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon >= 0) {
                if (colon > 0) {
                    server.setUsername(userInfo.substring(0, colon));
                }
                server.setPassword(userInfo.substring(colon + 1));
            } else {
                server.setPassword(userInfo);
            }
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            server.setDatabase(Integer.parseInt(path.substring(1)));
        }
        return config;
    }

    @Override
    public void destroy() {
        RedissonClient current = client;
        if (current != null) {
            current.shutdown();
        }
    }
}
