package io.phonegate.devstack.sns;

/**
 * The JDK's HTTP server leaves Nagle's algorithm on, which with the client's delayed ACKs
 * adds about 40 ms to every answer; the real AWS endpoints have no such delay. The server
 * reads this property once, when its first instance starts.
 */
final class NoDelay {

    private NoDelay() {
    }

    static void enable() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
}
