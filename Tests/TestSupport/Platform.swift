// The test helpers' one file that names the C library (the product's is SockshellIO/Platform.swift):
// TestSupport and the end-to-end tests that import it get libc from here.
#if canImport(Glibc)
@_exported import Glibc
#else
#error("sockshell builds on Linux (Glibc) only; a port starts in this file and SockshellIO/Platform.swift")
#endif
