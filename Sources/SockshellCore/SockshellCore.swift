/// SockshellCore: the pure core. Bytes in, bytes out: no terminal, no sockets, no globals, no Foundation.
///
/// Its folders are layers. A folder may use the folders listed before it, never one listed after it,
/// so the core has no cycles and each layer can be read (and tested) knowing only those below.
/// `LayeringTests` (SockshellCoreTests) reads this list and fails when a file names a type declared
/// in a folder above its own.
///
/// Layers, bottom to top:
/// 1. Basics: header fields (`HTTPFields`), byte codecs (hex, percent, base64, JSON strings, `\x` escapes),
///    request-target parts, the shell-words tokenizer (`ShellTokenizer`), file paths as text, string trimming, sizes
///    and durations, the syntax error every parser throws, the language the shell speaks (`ShellLanguage`).
/// 2. JSON: the JSON value, its parser and queries.
/// 3. HTTP: HTTP/1.1 grammar and framing: the message reader for both directions, the head split, the encoder.
/// 4. Endpoint: where requests go (unix socket, TCP) and how that is chosen.
/// 5. Wire: an exchange as the bytes that crossed the socket, its summary and its failures.
/// 6. Masking: the one secret policy (which headers and bodies are credentials, what hides them) and its
///    appliers to typed lines, request and response bytes and whole exchanges.
/// 7. Render: the views (wire, pretty, body, hex, JSON lines, HAR) of those bytes.
/// 8. Curl: curl command lines in (`curl ...`) and out (`export curl`).
/// 9. Live: live sessions' pure parts: detach keys and the proxy that watches for them, the `attach`,
///    `exec` and `run` commands and the Docker calls they make, as the docker CLI makes them.
/// 10. Language: the command language: commands, the parser, expectations, variables.
/// 11. HTTPFile: `.http` files (VS Code REST Client, JetBrains HTTP Client) read and turned into commands.
/// 12. Lessons: lesson files and progress.
/// 13. Transcript: recordings (`.sks`): writing, reading, escaping, masking commands for them.
/// 14. Completion: tab completion from the command language, the API's routes and what the session saw.
/// 15. Advice: what sockshell knows to tell: `explain`'s tables (status × route, header notes, the Docker API's
///     traps and their detectors over a recorded exchange) and the warnings before a request is sent.
/// 16. Replay: replaying and serving a recording, comparing responses.
/// 17. Tap: another client's connections read passively (`TapObserver`), shown, and summed up on exit.
/// 18. Editing: the line editor's pure parts (history search).
/// 19. Session: output sinks and the version.
public enum SockshellCore {}
