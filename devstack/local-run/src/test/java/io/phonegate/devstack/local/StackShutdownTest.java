package io.phonegate.devstack.local;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs last: stopping the stack leaves no process behind and frees the services' ports. */
@Order(Integer.MAX_VALUE)
@ExtendWith(SharedLocalStack.class)
class StackShutdownTest {

    @Test
    void closingTheStackLeavesNoProcessBehind(LocalStack stack) {
        List<Long> pids = stack.childPids();
        List<Integer> ports = new ArrayList<>(List.of(stack.redis().port()));
        stack.services().forEach(service -> ports.addAll(List.of(service.port(), service.managementPort())));
        assertThat(pids).as("the broker, Redis and every service instance")
                .hasSize(2 + stack.services().size()).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());
        ports.add(stack.siteverify().orElseThrow(() -> new AssertionError("the shared stack switches the bot check on"))
                .endpoint().getPort());

        stack.close();

        assertThat(pids).allSatisfy(pid ->
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("process %d", pid).isFalse());
        assertThat(ports).allSatisfy(port -> assertThat(listening(port)).as("port %d", port).isFalse());
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
