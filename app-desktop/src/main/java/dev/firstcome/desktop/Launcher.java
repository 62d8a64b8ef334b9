package dev.firstcome.desktop;

import javafx.application.Application;

/**
 * Starts the console from a plain main (a fat jar cannot start a JavaFX {@code Application} subclass
 * directly). Exits the JVM once the window closed and the backend stopped: the embedded Kafka broker
 * has non-daemon threads.
 */
public final class Launcher {

    private Launcher() {}

    public static void main(String[] args) {
        System.setProperty("javafx.preloader", SplashPreloader.class.getName());
        Application.launch(ConsoleApplication.class, args);
        System.exit(ConsoleApplication.exitCode());
    }
}
