package dev.ecsd.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PauseProgramTest {
    @ParameterizedTest
    @EnumSource(PauseProgram.Architecture.class)
    void isOneLoadableSegmentStartingRightAfterTheHeaders(PauseProgram.Architecture architecture) {
        byte[] program = PauseProgram.executable(architecture);
        ByteBuffer elf = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(program).startsWith(0x7f, 'E', 'L', 'F', 2, 1, 1);
        assertThat(elf.getShort(16)).isEqualTo((short) 2); // executable
        assertThat(elf.getLong(24)).isEqualTo(0x400000L + 120); // entry at the first code byte
        assertThat(elf.getShort(56)).isEqualTo((short) 1); // one program header
        assertThat(elf.getInt(64)).isEqualTo(1); // PT_LOAD
        assertThat(elf.getLong(64 + 32)).isEqualTo(program.length); // the whole file is loaded
        assertThat(program.length).isLessThan(256);
    }

    @Test
    void runsUntilSigtermAndThenExitsCleanly() throws Exception {
        assumeThat(System.getProperty("os.name")).isEqualTo("Linux");
        Path file = Files.createTempFile("ecsd-pause", "");
        try {
            Files.write(file, PauseProgram.executable(PauseProgram.Architecture.ofJvm()));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
            Process pause = new ProcessBuilder(file.toString()).start();
            assertThat(pause.waitFor(Duration.ofMillis(300).toMillis(), TimeUnit.MILLISECONDS)).isFalse();
            pause.destroy(); // SIGTERM
            assertThat(pause.waitFor(5, TimeUnit.SECONDS)).isTrue();
            assertThat(pause.exitValue()).isZero();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
