package dev.firstcome.backend.order;

/** No such order (for this customer): 404. */
public class OrderNotFoundException extends RuntimeException {

    public OrderNotFoundException(long orderId) {
        super("Order " + orderId + " does not exist");
    }
}
