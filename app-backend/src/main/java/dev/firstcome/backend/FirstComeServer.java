package dev.firstcome.backend;

import org.springframework.boot.SpringApplication;

/** The headless server: HTTP API and consumers, no UI. */
public final class FirstComeServer {

    private FirstComeServer() {}

    public static void main(String[] args) {
        SpringApplication.run(FirstComeApplication.class, args);
    }
}
