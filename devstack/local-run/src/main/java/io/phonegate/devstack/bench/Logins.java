package io.phonegate.devstack.bench;

import io.phonegate.devstack.faults.LoadDriver;
import io.phonegate.devstack.sns.SmsMessage;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Returning users for the benchmark ({@code --returning}): the second half of a log-in (each accepted start
 * answered with the code its SMS carried, as the person would), the numbers that completed one, and how a rate's
 * starts mix those numbers with new ones. A returning number's start is the common case in production: one Cognito
 * call ({@code AdminInitiateAuth}) and one event, where a new number's makes three calls and two events.
 */
final class Logins {

    private final List<URI> gateways;
    private final SocketStarts sockets;
    /** Numbers that completed a log-in, oldest first; a rate takes the next ones in turn, round the list. */
    private final List<String> returning = new ArrayList<>();
    private final Set<String> logged = new HashSet<>();
    private int next;

    Logins(List<URI> gateways, SocketStarts sockets) {
        this.gateways = List.copyOf(gateways);
        this.sockets = sockets;
    }

    int returningNumbers() {
        return returning.size();
    }

    /**
     * The numbers of one rate: {@code share} of them returning (spread evenly, and each used once while the list
     * has enough for the rate), the rest new ones from {@code fresh}.
     */
    Supplier<String> mix(Supplier<String> fresh, double share) {
        return new Supplier<>() {
            private long sent;

            @Override
            public synchronized String get() {
                sent++;
                boolean returningTurn = Math.floor(sent * share) > Math.floor((sent - 1) * share);
                if (!returningTurn || returning.isEmpty()) {
                    return fresh.get();
                }
                String phone = returning.get(next);
                next = (next + 1) % returning.size();
                return phone;
            }
        };
    }

    /**
     * Answers every accepted start that got its SMS with that SMS's code, at {@code rate} per second whatever the
     * answers (the open loop of the starts), and keeps the numbers that logged in as returning ones.
     *
     * @param sms each number's first SMS after its start
     * @return the verifies as the client saw them ({@code 200} with tokens; otherwise the problem type)
     */
    List<LoadDriver.Start> verify(List<LoadDriver.Start> starts, Map<String, SmsMessage> sms, double rate) {
        Map<String, String> bodies = new LinkedHashMap<>();
        for (LoadDriver.Start start : starts) {
            SmsMessage message = sms.get(start.phone());
            if (start.accepted() && start.challenge() != null && message != null) {
                message.originBoundCode().ifPresent(code -> bodies.put(start.phone(), "{\"phone\":\"" + start.phone()
                        + "\",\"challenge\":\"" + start.challenge() + "\",\"code\":\"" + code + "\"}"));
            }
        }
        Iterator<String> phones = List.copyOf(bodies.keySet()).iterator();
        List<LoadDriver.Start> verifies = new LoadDriver(gateways, sockets.verifies(bodies::get))
                .run(phones::next, rate, sent -> phones.hasNext());
        for (LoadDriver.Start verify : verifies) {
            if (verify.status() == 200 && logged.add(verify.phone())) {
                returning.add(verify.phone());
            }
        }
        return verifies;
    }
}
