package io.phonegate.devstack.sns;

/** SNS's AWS Query answers, byte for byte the shapes the SDKs parse. */
final class QueryXml {

    static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";

    private QueryXml() {
    }

    static String publishResponse(String messageId, String requestId) {
        return "<PublishResponse xmlns=\"" + NAMESPACE + "\">"
                + "<PublishResult><MessageId>" + escape(messageId) + "</MessageId></PublishResult>"
                + "<ResponseMetadata><RequestId>" + escape(requestId) + "</RequestId></ResponseMetadata>"
                + "</PublishResponse>";
    }

    static String errorResponse(SnsError error, String requestId) {
        return "<ErrorResponse xmlns=\"" + NAMESPACE + "\">"
                + "<Error><Type>" + (error.senderFault() ? "Sender" : "Receiver") + "</Type>"
                + "<Code>" + escape(error.code()) + "</Code>"
                + "<Message>" + escape(error.message()) + "</Message></Error>"
                + "<RequestId>" + escape(requestId) + "</RequestId>"
                + "</ErrorResponse>";
    }

    /** Escapes text for XML and HTML element content and attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
