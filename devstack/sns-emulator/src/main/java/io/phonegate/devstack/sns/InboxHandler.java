package io.phonegate.devstack.sns;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.phonegate.common.phone.InvalidPhoneNumberException;
import io.phonegate.common.phone.PhoneNumber;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /_inbox?phone=<E.164>}: the messages sent to that number, newest last
 * (without {@code phone}: every message). {@code DELETE /_inbox}: empties it.
 */
final class InboxHandler implements HttpHandler {

    private final SmsInbox inbox;

    InboxHandler(SmsInbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        switch (exchange.getRequestMethod()) {
            case "GET" -> list(exchange);
            case "DELETE" -> {
                inbox.clear();
                Http.noContent(exchange);
            }
            default -> Http.methodNotAllowed(exchange, "GET, DELETE");
        }
    }

    private void list(HttpExchange exchange) throws IOException {
        String phone = Http.query(exchange).get("phone");
        List<SmsMessage> messages;
        if (phone == null) {
            messages = inbox.all();
        } else {
            try {
                messages = inbox.forPhone(PhoneNumber.ofE164(phone.strip()).e164());
            } catch (InvalidPhoneNumberException e) {
                throw new Http.BadRequest("phone must be an E.164 number such as +919876543210");
            }
        }
        Http.json(exchange, 200, messages.stream().map(InboxHandler::entry).toList());
    }

    /**
     * The inbox entry shape other tools rely on: phone, message, messageId, receivedAt, and the message
     * attributes sent with it by name (SMS type, sender id, DLT entity and template ids…).
     */
    static Map<String, Object> entry(SmsMessage message) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("phone", message.phone());
        entry.put("message", message.message());
        entry.put("messageId", message.messageId());
        entry.put("receivedAt", message.receivedAt().toString());
        entry.put("attributes", new TreeMap<>(message.attributes()));
        return entry;
    }
}
