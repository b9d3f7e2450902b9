package io.phonegate.common.keys;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HmacSha256Test {

    /** RFC 4231, test case 2. */
    private static final byte[] KEY = "Jefe".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
    private static final String MAC = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

    @Test
    void matchesTheRfcTestVectorEveryTime() {
        HmacSha256 hmac = new HmacSha256(KEY);

        assertThat(HexFormat.of().formatHex(hmac.of(DATA))).isEqualTo(MAC);
        assertThat(HexFormat.of().formatHex(hmac.of(DATA))).as("the kept Mac was reset").isEqualTo(MAC);
        assertThat(HexFormat.of().formatHex(HmacSha256.once(KEY, DATA))).isEqualTo(MAC);
    }

    @Test
    void threadsDoNotShareAMac() throws Exception {
        HmacSha256 hmac = new HmacSha256(KEY);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> {
                    for (int n = 0; n < 2_000; n++) {
                        if (!HexFormat.of().formatHex(hmac.of(DATA)).equals(MAC)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
