package dev.firstcome.backend.infra.web;

import java.beans.PropertyEditorSupport;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Every whole number the HTTP API reads from a path or a query string is an id ({@code eventId}):
 * canonical positive decimal only ({@link Ids}). A property editor, not a converter: the binder falls
 * back to its lenient default editor ({@code +1}, {@code 01}) when a converter fails, never when an
 * editor does. A refused value is a 400 naming the parameter (ApiExceptionHandler).
 */
@ControllerAdvice
class IdBinding {

    @InitBinder
    void canonicalIds(WebDataBinder binder) {
        binder.registerCustomEditor(long.class, new CanonicalId());
        binder.registerCustomEditor(Long.class, new CanonicalId());
    }

    private static final class CanonicalId extends PropertyEditorSupport {
        @Override
        public void setAsText(String text) {
            long id = Ids.parseOrNegative(text);
            if (id < 0) {
                throw new IllegalArgumentException("not a canonical positive decimal id");
            }
            setValue(id);
        }
    }
}
