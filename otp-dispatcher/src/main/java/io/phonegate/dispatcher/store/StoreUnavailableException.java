package io.phonegate.dispatcher.store;

/**
 * The shared store did not answer a decision (down, slow past the timeout, or an answer that made
 * no sense). Whatever the cause, the decision was not made: the caller waits for the store and
 * asks again, never acts without it.
 */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String decision, Throwable cause) {
        super("the store did not answer the " + decision + " decision: " + cause, cause);
    }
}
