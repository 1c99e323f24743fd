import SockshellCore

/// A `.http` file (VS Code REST Client, JetBrains HTTP Client) run as a script: read here (the file,
/// its `.env`, the bodies it names), turned into commands by the core, sent like typed requests.
public enum HTTPFileScript {
    /// `FILE.http` (and REST Client's other name for it, `FILE.rest`) is read as a `.http` file.
    public static func isHTTPFile(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return lowered.hasSuffix(".http") || lowered.hasSuffix(".rest")
    }

    /// The commands of the `.http` file `text` and the notes to say on stderr (`name:line: ...`).
    /// `directory`: the file's folder as the session names body files (relative to
    /// `session.bodyFileDirectory`), where its `< body` files and `.env` are.
    static func commands(
        _ text: String, name: String, directory: String, session: ShellSession
    ) -> (result: Result<[ScriptRunner.ParsedCommand], CommandSyntaxError>, notes: [String]) {
        func read(_ file: String) -> [UInt8]? {
            guard case .success(let bytes) = BodyFile.read(FilePath.resolved(file, in: session.bodyFileDirectory))
            else { return nil }
            return bytes
        }
        let inputs = HTTPFileInputs(
            directory: directory, environment: session.environment,
            dotenv: read(FilePath.resolved(".env", in: directory)).map {
                DotenvFile.parse(String(decoding: $0, as: UTF8.self))
            },
            readFile: read, guid: guid, randomInt: { Int.random(in: $0..<$1) },
            timestamp: WallClock.secondsSince1970)
        do throws(CommandSyntaxError) {
            let file = try HTTPFileParser.parse(text)
            let (commands, notes) = try HTTPFileTranslation.commands(file, inputs: inputs)
            return (
                .success(commands.map { ($0.command, $0.line, $0.text) }),
                notes.map { ScriptRunner.location(name, $0.line) + $0.message }
            )
        } catch {
            return (.failure(error), [])
        }
    }

    /// The `.http` file at `path` as a script source for the command line (`sockshell FILE.http`),
    /// its notes said on `sink`; nil after saying why it cannot run (`FILE:LINE: ...`).
    public static func source(
        _ text: String, path: String, session: ShellSession, sink: any OutputSink
    ) -> ScriptRunner.Source? {
        let read = commands(text, name: path, directory: ".", session: session)
        for note in read.notes { sink.diagnostic(note) }
        switch read.result {
        case .success(let commands): return ScriptRunner.Source(name: path, commands: commands)
        case .failure(let error):
            sink.diagnostic(ScriptRunner.location(path, error.line) + error.message)
            return nil
        }
    }

    /// A random (version 4) UUID, lower case, as both tools write one.
    static func guid() -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255) }
        bytes[6] = bytes[6] & 0x0f | 0x40
        bytes[8] = bytes[8] & 0x3f | 0x80
        return [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].map { Hex.encode(bytes[$0]) }.joined(separator: "-")
    }
}
