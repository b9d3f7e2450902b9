package io.phonegate.dispatcher.backstop;

import io.phonegate.common.phone.PhoneNumber;

import java.time.Instant;

/**
 * The backstop's hard cap of codes per number per UTC day, shared by every dispatcher instance.
 *
 * @throws io.phonegate.dispatcher.store.StoreUnavailableException when the store does not answer
 */
public interface NumberCap {

    /** @return true when the code was counted, false when the number already had its cap today (nothing counted) */
    boolean count(PhoneNumber phone, Instant now);
}
