package io.phonegate.devstack.local;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs last: stopping the stack leaves no process behind and frees the services' ports. */
@Order(Integer.MAX_VALUE)
@ExtendWith(SharedLocalStack.class)
class StackShutdownTest {

    @Test
    void closingTheStackLeavesNoProcessBehind(LocalStack stack) {
        List<Long> pids = stack.childPids();
        List<Integer> ports = List.of(stack.gatewayUri().getPort(), stack.gateways().get(0).managementPort(),
                stack.dispatcherUri().getPort(), stack.reaperUri().getPort(), stack.redis().port(),
                stack.siteverify().orElseThrow(() -> new AssertionError("the shared stack switches the bot check on"))
                        .endpoint().getPort());
        assertThat(pids).hasSize(5).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());

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
