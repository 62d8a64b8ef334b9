package dev.firstcome.backend.vendor;

import dev.firstcome.backend.infra.web.InvalidRequestException;

/** A vendor field is invalid: 400 naming it. */
public class VendorValidationException extends InvalidRequestException {

    public VendorValidationException(String field, String message) {
        super(field, message);
    }
}
