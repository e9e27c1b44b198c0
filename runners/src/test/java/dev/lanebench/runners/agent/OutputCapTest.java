package dev.lanebench.runners.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OutputCapTest {
    @Test
    void shortOutputIsKeptWhole() {
        OutputCap cap = new OutputCap(8, 8);
        byte[] b = "hello world".getBytes(StandardCharsets.US_ASCII);

        cap.append(b, 0, b.length);

        assertThat(cap.render()).isEqualTo("hello world");
        assertThat(cap.total()).isEqualTo(11);
    }

    @Test
    void writesOfAnySizeKeepTheFirstAndLastBytesInOrder() {
        StringBuilder all = new StringBuilder();
        OutputCap cap = new OutputCap(10, 7);
        for (int i = 0; i < 500; i++) {
            String piece = "<" + i + ">".repeat(i % 13);
            all.append(piece);
            byte[] b = piece.getBytes(StandardCharsets.US_ASCII);
            cap.append(b, 0, b.length);
        }
        String s = all.toString();

        assertThat(cap.render()).isEqualTo(s.substring(0, 10) + "\n[... " + (s.length() - 17)
                + " bytes elided ...]\n" + s.substring(s.length() - 7));
    }
}
