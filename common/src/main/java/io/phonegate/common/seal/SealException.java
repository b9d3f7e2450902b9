package io.phonegate.common.seal;

/** A sealed code that cannot be opened. The message never contains the code or the key. */
public class SealException extends RuntimeException {

    public SealException(String message) {
        super(message);
    }
}
