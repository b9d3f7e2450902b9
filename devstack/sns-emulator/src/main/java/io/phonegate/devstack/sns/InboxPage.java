package io.phonegate.devstack.sns;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import static io.phonegate.devstack.sns.QueryXml.escape;

/** {@code GET /}: the messages sent, newest first, for a person watching a local run. */
final class InboxPage {

    private static final int SHOWN = 200;

    private final SmsInbox inbox;
    private final Supplier<Faults> faults;
    private final LongSupplier publishCalls;

    InboxPage(SmsInbox inbox, Supplier<Faults> faults, LongSupplier publishCalls) {
        this.inbox = inbox;
        this.faults = faults;
        this.publishCalls = publishCalls;
    }

    String render() {
        List<SmsMessage> newest = inbox.newest(SHOWN);
        Faults current = faults.get();
        StringBuilder html = new StringBuilder(4096 + newest.size() * 256);
        html.append("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta http-equiv="refresh" content="3">
                <title>SNS emulator: SMS inbox</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:2rem;color:#222}
                table{border-collapse:collapse;width:100%}
                th,td{border-bottom:1px solid #ddd;padding:.4rem .6rem;text-align:left;vertical-align:top}
                td.msg{white-space:pre-wrap;font-family:ui-monospace,monospace}
                .meta{color:#666;font-size:.9rem}
                </style></head><body>
                <h1>SMS inbox</h1>
                """);
        html.append("<p class=\"meta\">").append(publishCalls.getAsLong()).append(" Publish calls. Faults: throttleRate ")
                .append(current.throttleRate()).append(", errorRate ").append(current.errorRate())
                .append(", latencyMs ").append(current.latencyMs())
                .append(", rejectNumbers ").append(escape(current.rejectNumbers().toString()))
                .append(", throttleNumbers ").append(escape(current.throttleNumbers().toString()))
                .append(". Newest first; this page refreshes every 3 s. JSON: <code>GET /_inbox?phone=+E164</code>.</p>\n");
        if (newest.isEmpty()) {
            html.append("<p>No messages yet.</p>\n");
        } else {
            html.append("<table><thead><tr><th>received</th><th>to</th><th>message</th><th>attributes</th><th>message id</th></tr></thead><tbody>\n");
            for (SmsMessage message : newest) {
                html.append("<tr><td>").append(escape(message.receivedAt().toString()))
                        .append("</td><td>").append(escape(message.phone()))
                        .append("</td><td class=\"msg\">").append(escape(message.message()))
                        .append("</td><td class=\"meta\">").append(attributes(message.attributes()))
                        .append("</td><td class=\"meta\">").append(escape(message.messageId()))
                        .append("</td></tr>\n");
            }
            html.append("</tbody></table>\n");
        }
        return html.append("</body></html>\n").toString();
    }

    /** By name, in the same order on every row (the DLT entity and template ids, sender id, SMS type…). */
    private static String attributes(Map<String, String> attributes) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(attributes).forEach((name, value) -> out.append(escape(name)).append('=').append(escape(value)).append("<br>"));
        return out.toString();
    }
}
