package io.phonegate.dispatcher.message;

/**
 * How much of one SMS part a text takes. A part is 140 bytes: 160 GSM-7 septets when every
 * character is in the GSM 03.38 alphabet (characters of its extension table take two), else
 * 70 UCS-2 code units. Google's SMS Retriever states its limit the same way ("no longer than
 * 140 bytes").
 */
public final class SmsLength {

    public static final int PART_BYTES = 140;
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

    /** Bytes the text takes in an SMS: 7 bits per GSM-7 septet, rounded up, else 2 per UCS-2 code unit. */
    public static int bytes(String text) {
        int septets = gsm7Septets(text);
        return septets >= 0 ? (septets * 7 + 7) / 8 : text.length() * 2;
    }

    /** Whether the text goes out as a single SMS part (at most {@value #PART_BYTES} bytes). */
    public static boolean fitsOnePart(String text) {
        return bytes(text) <= PART_BYTES;
    }
}
