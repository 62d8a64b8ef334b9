package dev.firstcome.backend.infra.embedded;

import java.io.IOException;
import java.nio.file.Path;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The smallest FirstCome start: an application with no beans of its own, so only the embedded servers'
 * environment post-processor and listener run (the real ones, from {@code spring.factories}). Run
 * in-process by the tests, or as {@link #main} in a child JVM that prints {@code READY} with the servers'
 * addresses (never their password) and stops when its standard input closes or it is signalled.
 */
public final class EmbeddedServersProbe {

    private EmbeddedServersProbe() {}

    public static void main(String[] args) throws IOException {
        try (var context = start(Path.of(args[0]))) {
            System.out.println("READY " + addresses(context.getEnvironment()));
            System.out.flush();
            System.in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    /** Starts the embedded servers on {@code dataDir}; closing the context stops them (stop mode {@code context}). */
    static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(NoBeans.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(
                        "--firstcome.data-dir=" + dataDir.toAbsolutePath(),
                        "--firstcome.embedded.stop=context",
                        "--firstcome.embedded.postgres-fsync=false");
    }

    static String addresses(Environment env) {
        return "redis=" + env.getProperty("firstcome.infrastructure.redis.address") + " database="
                + env.getProperty("firstcome.infrastructure.database.address");
    }

    @Configuration(proxyBeanMethods = false)
    static class NoBeans {}
}
