package dev.firstcome.backend.vendor;

/** No vendor with this id: 404. */
public class VendorNotFoundException extends RuntimeException {

    public VendorNotFoundException(long vendorId) {
        super("Vendor " + vendorId + " does not exist");
    }
}
