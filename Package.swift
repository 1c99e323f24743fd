// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    // Linux only (Glibc): libc sits behind Sources/SockshellIO/Platform.swift, where a port would start.
    name: "sockshell",
    products: [
        .executable(name: "sockshell", targets: ["sockshell"]),
        .library(name: "SockshellCore", targets: ["SockshellCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // Pure core: parsing, rendering, the command language. No terminal, no sockets, no globals.
        // Grammar.md sits beside the HTTP parsers it describes; it is not a resource.
        .target(name: "SockshellCore", exclude: ["HTTP/Grammar.md"]),
        // libedit, the system line editor (apt libedit-dev), through a shim of non-variadic wrappers.
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // OpenSSL 3, the system's (apt libssl-dev), for TLS to a daemon; a shim wraps its function-like macros.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"])]
        ),
        // What Swift cannot do cleanly: async-signal-safe handlers (Ctrl-C, Ctrl-Z, resize, Ctrl-\, crashes) and pipe2.
        .target(name: "CSockshellSupport"),
        // The I/O edge: sockets, connections, running exchanges, signals.
        .target(name: "SockshellIO", dependencies: ["SockshellCore", "CSockshellSupport", "COpenSSL"]),
        // The thin executable: flags, input lines, stdout/stderr.
        .executableTarget(
            name: "sockshell",
            dependencies: [
                "SockshellCore", "SockshellIO", "CEditLine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "CPseudoTerminal", path: "Tests/CPseudoTerminal", linkerSettings: [.linkedLibrary("util")]),
        .target(
            name: "TestSupport", dependencies: ["SockshellCore", "SockshellIO", "CPseudoTerminal"],
            path: "Tests/TestSupport"),
        .testTarget(name: "SockshellCoreTests", dependencies: ["SockshellCore"]),
        .testTarget(
            name: "SockshellIOTests", dependencies: ["SockshellCore", "SockshellIO", "TestSupport", "CPseudoTerminal"]),
        .testTarget(name: "SockshellEndToEndTests", dependencies: ["SockshellCore", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
