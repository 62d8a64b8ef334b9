package dev.firstcome.backend.infra.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * After a request whose body missed its deadline ({@link RequestBodyDeadlineFilter} marks it), tells Tomcat not
 * to read ("swallow") the rest of the body before closing: by default Tomcat drains up to 2 MB of an unread
 * body to keep the connection, and a client trickling that body would hold the connection for as long as it
 * trickles.
 */
final class BodyDeadlineValve extends ValveBase {

    static final String MISSED = BodyDeadlineValve.class.getName() + ".missed";

    BodyDeadlineValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        try {
            getNext().invoke(request, response);
        } finally {
            if (request.getAttribute(MISSED) != null) {
                request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            }
        }
    }
}
