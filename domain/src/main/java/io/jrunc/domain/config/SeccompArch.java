package io.jrunc.domain.config;

/** Seccomp architectures (libseccomp names) the spec and libseccomp 2.5+ know. */
public enum SeccompArch implements SpecEnum {
    X86,
    X86_64,
    X32,
    ARM,
    AARCH64,
    LOONGARCH64,
    M68K,
    MIPS,
    MIPS64,
    MIPS64N32,
    MIPSEL,
    MIPSEL64,
    MIPSEL64N32,
    PPC,
    PPC64,
    PPC64LE,
    S390,
    S390X,
    PARISC,
    PARISC64,
    RISCV64,
    SH,
    SHEB;

    @Override
    public String spec() {
        return "SCMP_ARCH_" + name();
    }
}
