/// The recording format: a sockshell script whose comment lines carry the wire.
///
/// ```
/// # sockshell recording 1
/// # made by sockshell 0.1.0 against unix:///var/run/docker.sock
/// POST /containers/create {"Image":"busybox"}
/// #= 1 POST /containers/create at=2026-11-30T04:40:00.123Z on=unix:///var/run/docker.sock
/// #@ 1 0.000000
/// #> POST /containers/create HTTP/1.1\r\n
/// #> Host: docker\r\n
/// #> ...
/// #@ 1 0.002710
/// #< HTTP/1.1 201 Created\r\n
/// #< ...
/// #. 1 complete 0.002901 · 201 Created · 88 B · 2.9 ms
/// ```
///
/// - A line that does not start with `#` is a command as typed: a script run runs it, and
///   ignores every other line as a comment.
/// - `#= N METHOD TARGET [job] [at=TIME] [on=ENDPOINT]` opens exchange N (`job`: it ran in the
///   background, so its lines may interleave with later exchanges').
/// - `#@ N SECONDS` starts a run of bytes of exchange N that crossed the socket SECONDS after the
///   exchange began; the `#>` (written) or `#<` (read) lines after it are that run's bytes.
/// - `#>` / `#<` lines hold bytes escaped: `\r` `\n` `\t` `\\` and `\xHH`; every other character is
///   its UTF-8 bytes. A line ends after each escaped `\n` or after `lineBytes` bytes, so the bytes of
///   a run are its lines' decoded text joined with nothing in between.
/// - `#. N OUTCOME SECONDS [dropped=BYTES] · summary` closes exchange N: `complete`, `interrupted`
///   or `failed`, and how long it took. An exchange with no `#.` line was cut short (a killed
///   session): it keeps every byte written before that.
/// - Any other `#` line is a comment.
public enum TranscriptFormat {
    /// The first line of every recording, with the format's version.
    public static let magic = "# sockshell recording 1"
    /// Bytes per wire line at most: long enough that a JSON line reads as one, short enough for a
    /// pager; a line also ends at every LF byte.
    public static let lineBytes = 256

    public static let exchangeStart = "#= "
    public static let runStart = "#@ "
    public static let sentLine = "#> "
    public static let receivedLine = "#< "
    public static let exchangeEnd = "#. "
}
