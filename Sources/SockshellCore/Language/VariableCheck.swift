/// Finds a variable a script uses before anything defines it, so the script stops with exit 2
/// before a single request is sent (an empty string must never reach the daemon).
public enum VariableCheck {
    /// The templates a command fills in when it runs.
    public static func templates(of command: Command) -> [VariableTemplate] {
        switch command {
        case .request(let request):
            return request.templates.parsed
        case .header(.set(_, let value)):
            return value.template.map { [$0] } ?? []
        case .set(_, let value), .echo(let value):
            return [value]
        case .onEvent(let block):
            return block.request.templates.parsed
        case .curl(let curl):
            // A curl line's request is built when it runs (its files read, its URL's query joined),
            // and parses its templates then; here its texts as typed are checked.
            var texts = [curl.target] + curl.headers.map(\.value)
            if case .inline(let body)? = curl.body { texts.append(String(decoding: body, as: UTF8.self)) }
            return texts.compactMap { try? VariableTemplate(parsing: $0) }
        default:
            return []
        }
    }

    /// True when `template` is the inline JSON body of a request: where a shell command's `$i` is
    /// most likely to have been typed (`"Cmd": ["sh", "-c", "echo $i"]`).
    static func isJSONBody(_ template: VariableTemplate, of command: Command) -> Bool {
        guard case .request(let request) = command, case .inline(let bytes) = request.body else { return false }
        return request.templates.body.template == template && RequestEncoder.looksLikeJSON(bytes)
    }

    /// The variable a command defines, if any.
    public static func defines(_ command: Command) -> String? {
        switch command {
        case .set(let name, _), .capture(let name, _): return name
        default: return nil
        }
    }

    /// The first use of an undefined variable or environment variable, as a syntax error with its line.
    public static func firstUndefined(
        in commands: [(command: Command, line: Int)], defined: Set<String>, environment: [String: String],
        sourcedDefinitions: (String) -> Set<String> = { _ in [] }
    ) -> CommandSyntaxError? {
        var known = defined.union(["status", "body"])
        for (command, line) in commands {
            for template in templates(of: command) {
                for reference in template.references {
                    switch reference {
                    case .variable(let name) where !known.contains(name):
                        let readsAsShell = isJSONBody(template, of: command) && template.readsAsShellText(reference)
                        return CommandSyntaxError(
                            VariableTemplate.undefinedMessage(reference, readsAsShell: readsAsShell), line: line)
                    case .environment(let name) where environment[name] == nil:
                        return CommandSyntaxError(VariableTemplate.undefinedMessage(reference), line: line)
                    default:
                        continue
                    }
                }
            }
            if let name = defines(command) { known.insert(name) }
            if case .source(let path) = command { known.formUnion(sourcedDefinitions(path)) }
            if case .onEvent(let block) = command {
                // Inside, $event is the event; what the block defines is known only inside it.
                let body = block.body.map { ($0.command, line + $0.offset - 1) }
                if let error = firstUndefined(
                    in: body, defined: known.union([EventBlock.eventVariable]), environment: environment,
                    sourcedDefinitions: sourcedDefinitions)
                {
                    return error
                }
            }
        }
        return nil
    }
}
