// The one file that names the C library. Every other file of SockshellIO, the executable (through
// `import SockshellIO`) and the I/O tests get libc from here, so a port to another libc is this file's
// work (and TestSupport's own small Platform.swift). The Darwin branches that used to sit in twenty
// files were never compiled, so they are gone rather than kept half-right.
#if canImport(Glibc)
@_exported import Glibc
#else
#error("sockshell builds on Linux (Glibc) only; a port starts in this file")
#endif

/// The libc calls whose names sockshell's own types reuse (`Posix.connect`, `OwnedDescriptor.close`,
/// `SessionRecorder.open`), so the code there calls the C function without naming the C module.
public enum Platform {
    public static func close(_ descriptor: Int32) -> Int32 {
        Glibc.close(descriptor)
    }

    public static func open(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
        Glibc.open(path, flags, mode)
    }

    public static func socket(_ domain: Int32, _ type: Int32, _ protocolNumber: Int32) -> Int32 {
        Glibc.socket(domain, type, protocolNumber)
    }

    public static func connect(_ descriptor: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
        Glibc.connect(descriptor, address, length)
    }

    public static func bind(_ descriptor: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
        Glibc.bind(descriptor, address, length)
    }

    public static func listen(_ descriptor: Int32, _ backlog: Int32) -> Int32 {
        Glibc.listen(descriptor, backlog)
    }
}
