package io.phonegate.common.event;

/** Why a code is sent: it changes the SMS wording, nothing else. */
public enum OtpPurpose {
    /** The user is pending: this code verifies the number and signs the person in. */
    SIGNUP,
    /** The user is known and verified. */
    LOGIN
}
