package dev.firstcome.desktop.commerce;

import dev.firstcome.model.VendorBalance;
import dev.firstcome.model.VendorView;

/** A vendor with what it is owed (its balance: null when it could not be read). */
public record VendorRow(VendorView vendor, VendorBalance balance) {

    public long id() {
        return vendor.id();
    }
}
