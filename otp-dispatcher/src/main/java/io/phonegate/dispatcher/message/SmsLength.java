package io.phonegate.dispatcher.message;

/**
 * How much of one SMS part a text takes. A part is 140 bytes: 160 GSM-7 septets when every
 * character is in the GSM 03.38 alphabet (characters of its extension table take two), else
 * 70 UCS-2 code units.
 */
public final class SmsLength {

    public static final int GSM7_PART = 160;
    public static final int UCS2_PART = 70;

    private static final String GSM7_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM7_EXTENSION = "^{}\\[~]|€\f";

    private SmsLength() {
    }

    /** Septets the text takes in GSM-7, or -1 when it needs UCS-2. */
    public static int gsm7Septets(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM7_BASIC.indexOf(c) >= 0) {
                septets += 1;
            } else if (GSM7_EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                return -1;
            }
        }
        return septets;
    }

    public static boolean isGsm7(String text) {
        return gsm7Septets(text) >= 0;
    }

    /** Whether the text goes out as a single SMS part. */
    public static boolean fitsOnePart(String text) {
        int septets = gsm7Septets(text);
        return septets >= 0 ? septets <= GSM7_PART : text.length() <= UCS2_PART;
    }
}
