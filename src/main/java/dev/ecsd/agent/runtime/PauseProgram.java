package dev.ecsd.agent.runtime;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The program of the pause container: a tiny static Linux executable, generated here so that it needs no
 * registry, no compiler and no busybox. It blocks until SIGTERM or SIGINT arrives, then exits 0 (so
 * {@code docker stop} returns at once; as PID 1 a process without handlers would ignore SIGTERM).
 */
final class PauseProgram {
    private static final long LOAD_ADDRESS = 0x400000L;
    private static final int ELF_HEADER_SIZE = 64;
    private static final int PROGRAM_HEADER_SIZE = 56;

    /*
     * x86_64, assembled with GNU as (Intel syntax):
     *   lea rax,[rip+handler]; push 0; push rax; push 0x04000000; push rax   ; kernel sigaction on the stack:
     *                                                                        ; handler, SA_RESTORER, restorer, mask
     *   mov rsi,rsp; xor edx,edx; mov r10d,8
     *   mov edi,15; mov eax,13; syscall                                      ; rt_sigaction(SIGTERM)
     *   mov edi,2;  mov eax,13; syscall                                      ; rt_sigaction(SIGINT)
     * wait:    mov eax,34; syscall; jmp wait                                 ; pause()
     * handler: xor edi,edi; mov eax,231; syscall                             ; exit_group(0)
     */
    private static final String X86_64 = "488d05350000006a00506800000004504889e631d241ba08000000bf0f000000b80d000000"
            + "0f05bf02000000b80d0000000f05b8220000000f05ebf731ffb8e70000000f05";

    /*
     * aarch64 (which has no pause syscall: ppoll with no descriptors and no timeout blocks the same way):
     *   adr x9,handler; sub sp,sp,#32; str x9,[sp]; str xzr,[sp,#8]; str xzr,[sp,#16]; str xzr,[sp,#24]
     *   mov x0,#15; mov x1,sp; mov x2,#0; mov x3,#8; mov x8,#134; svc #0     ; rt_sigaction(SIGTERM)
     *   mov x0,#2;  mov x1,sp; mov x2,#0; mov x3,#8; mov x8,#134; svc #0     ; rt_sigaction(SIGINT)
     * wait:    mov x0..x4,#0; mov x8,#73; svc #0; b wait                     ; ppoll(NULL, 0, NULL, NULL, 0)
     * handler: mov x0,#0; mov x8,#94; svc #0                                 ; exit_group(0)
     */
    private static final String AARCH64 = "49030010ff8300d1e90300f9ff0700f9ff0b00f9ff0f00f9e00180d2e1030091020080d2"
            + "030180d2c81080d2010000d4400080d2e1030091020080d2030180d2c81080d2010000d4000080d2010080d2020080d2"
            + "030080d2040080d2280980d2010000d4f9ffff17000080d2c80b80d2010000d4";

    /** A CPU architecture the program exists for: its ELF machine number, its code, and Docker's name for it. */
    enum Architecture {
        AMD64(0x3E, X86_64),
        ARM64(0xB7, AARCH64);

        private final int elfMachine;
        private final byte[] code;

        Architecture(int elfMachine, String code) {
            this.elfMachine = elfMachine;
            this.code = HexFormat.of().parseHex(code);
        }

        /** The image config's name for it. */
        String dockerName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The architecture of the JVM's host, as {@code os.arch} names it. */
        static Architecture ofJvm() {
            String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
            return switch (arch) {
                case "amd64", "x86_64" -> AMD64;
                case "aarch64", "arm64" -> ARM64;
                default -> throw new IllegalStateException("no pause program for the CPU architecture " + arch);
            };
        }
    }

    private PauseProgram() {
    }

    /** The whole executable: one ELF header, one loadable segment, the code. */
    static byte[] executable(Architecture architecture) {
        byte[] code = architecture.code;
        int size = ELF_HEADER_SIZE + PROGRAM_HEADER_SIZE + code.length;
        ByteBuffer elf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        elf.put(new byte[] {0x7f, 'E', 'L', 'F', 2 /* 64-bit */, 1 /* little endian */, 1 /* version */, 0 /* SysV */});
        elf.put(new byte[8]);
        elf.putShort((short) 2); // ET_EXEC
        elf.putShort((short) architecture.elfMachine);
        elf.putInt(1); // EV_CURRENT
        elf.putLong(LOAD_ADDRESS + ELF_HEADER_SIZE + PROGRAM_HEADER_SIZE); // entry point: the first code byte
        elf.putLong(ELF_HEADER_SIZE); // program headers follow the ELF header
        elf.putLong(0); // no section headers
        elf.putInt(0); // flags
        elf.putShort((short) ELF_HEADER_SIZE);
        elf.putShort((short) PROGRAM_HEADER_SIZE);
        elf.putShort((short) 1); // one program header
        elf.putShort((short) 64); // section header entry size (none present)
        elf.putShort((short) 0);
        elf.putShort((short) 0);
        // PT_LOAD the whole file, readable and executable, at LOAD_ADDRESS
        elf.putInt(1);
        elf.putInt(5);
        elf.putLong(0);
        elf.putLong(LOAD_ADDRESS);
        elf.putLong(LOAD_ADDRESS);
        elf.putLong(size);
        elf.putLong(size);
        elf.putLong(0x1000);
        elf.put(code);
        return elf.array();
    }
}
