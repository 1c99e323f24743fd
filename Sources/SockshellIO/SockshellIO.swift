/// SockshellIO: the I/O edge. Sockets, descriptors, signals, files and threads, kept thin: every
/// decision about bytes (framing, rendering, the command language, masking) is SockshellCore's.
///
/// The modules and what each may import:
///
///     sockshell (executable)   flags, the line editor, the REPL, stdout and stderr
///        │   imports SockshellIO, SockshellCore, CEditLine (libedit), ArgumentParser
///        ▼
///     SockshellIO              this module: sessions, exchanges, jobs, serve, the POSIX layer
///        │   imports SockshellCore, CSockshellSupport (signal handlers, pipe2), libc (only in Platform.swift)
///        ▼
///     SockshellCore            pure: bytes in, bytes out; imports nothing but the standard library
///
///     TestSupport (tests only) the fault server, the in-process daemon, the pseudo-terminal
///
/// Where a request's bytes go, from the typed line to the view:
/// 1. `LineEditor` (sockshell) reads the line; `LineAssembler` and `CommandParser` (core) make a
///    `Command` of it, waiting for more lines while a JSON body is open.
/// 2. `ShellSession.execute` hands it to `RequestSender`: `ScriptState.filled` fills `$references`,
///    `RequestEncoder` (core) writes the request's bytes with the session headers.
/// 3. `ExchangeRunner` takes a connection from `ConnectionPool` through the `Transport` (a unix or
///    TCP socket, `SocketConnection`; in tests an in-process daemon), writes the bytes, and reads
///    the answer in 256 KiB reads.
/// 4. Each read goes through the core's message reader (`HTTPMessageReader`), which frames the
///    response and says which bytes were head, body or chunk lines; the `ExchangeRenderer` for
///    the view (wire, pretty, body, hex, JSON lines) turns them into output the moment they arrive.
/// 5. The output goes to the session's `OutputSink` (stdout, escaped on a terminal), the bytes as
///    they crossed to the `SessionRecorder` when recording, and the exchange into
///    `ExchangeHistory` for `show`, `export`, `$body` and `expect`.
public enum SockshellIO {}
