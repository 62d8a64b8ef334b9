package dev.firstcome.backend.waitingroom;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /e/{eventId}}: the customer page (plain HTML, CSS and JavaScript in the jar under
 * {@code static/room/}): the event, the countdown, the waiting room and the apply. The page reads the
 * event id from its own address, so a shop can link to it or copy the three files.
 */
@RestController
class CustomerPageController {

    private final byte[] page;

    CustomerPageController() {
        try {
            this.page = new ClassPathResource("static/room/index.html").getContentAsByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read static/room/index.html", e);
        }
    }

    /**
     * The page loads only its own files ({@code /room/room.css}, {@code /room/room.js}, no inline script or
     * style; the script sets {@code element.style} through the CSSOM, which {@code style-src} allows) and calls
     * only this origin's API: nothing else may run, load, frame it or be sent elsewhere.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @GetMapping("/e/{eventId}")
    ResponseEntity<byte[]> page(@PathVariable long eventId) {
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noCache())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                // the page's address holds the event id and the visitor's ticket is in its requests: send no referrer
                .header("Referrer-Policy", "no-referrer")
                .body(page);
    }
}
