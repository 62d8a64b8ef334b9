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

    @GetMapping("/e/{eventId}")
    ResponseEntity<byte[]> page(@PathVariable long eventId) {
        return ResponseEntity.ok()
                .contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noCache())
                .body(page);
    }
}
