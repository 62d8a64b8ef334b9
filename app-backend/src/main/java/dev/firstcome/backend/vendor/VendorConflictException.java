package dev.firstcome.backend.vendor;

/** Another vendor has this name: 409. */
public class VendorConflictException extends RuntimeException {

    public VendorConflictException(String message) {
        super(message);
    }
}
