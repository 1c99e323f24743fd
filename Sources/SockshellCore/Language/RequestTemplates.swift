/// The `$references` of one piece of typed text (a request's target, a header value, an inline
/// body), parsed once when its line is parsed: the undefined-variable check reads them and the
/// command fills them when it runs (issue 11: they were parsed for the check, thrown away, and
/// parsed again on every run).
///
/// A `$` that does not parse is kept as its error and reported when the command runs, as it always
/// was: a request or `header` line with a bad `${` parses, and fails when it is sent or set (unlike
/// `echo` and `set`, whose templates are syntax errors when the line is read).
public enum TextTemplate: Sendable, Equatable {
    /// No `$`: the text is used as typed.
    case plain
    case parsed(VariableTemplate)
    /// Thrown when the command runs.
    case invalid(CommandSyntaxError)

    public init(_ text: String) {
        guard text.contains("$") else {
            self = .plain
            return
        }
        do throws(CommandSyntaxError) {
            self = .parsed(try VariableTemplate(parsing: text))
        } catch {
            self = .invalid(error)
        }
    }

    /// The template, when the text holds references that parse (what the undefined-variable check reads).
    public var template: VariableTemplate? {
        if case .parsed(let template) = self { return template }
        return nil
    }

    /// `text` (the text this was parsed from) with its references filled in by `value`.
    public func fill(
        _ text: String, json: Bool, value: (VariableTemplate.Reference) -> String?
    ) throws(CommandSyntaxError) -> String {
        switch self {
        case .plain: return text
        case .parsed(let template): return try template.render(json: json, value: value)
        case .invalid(let error): throw error
        }
    }
}

/// A request's templates: its target's, each header value's (in order) and its inline body's.
public struct RequestTemplates: Sendable, Equatable {
    public let target: TextTemplate
    public let headerValues: [TextTemplate]
    /// `.plain` when there is no inline body or it holds no `$`; a `@file` body is never filled.
    public let body: TextTemplate

    public init(target: String, headers: HTTPFields, body: RequestBody) {
        self.target = TextTemplate(target)
        headerValues = headers.map { TextTemplate($0.value) }
        if case .inline(let bytes) = body {
            self.body = TextTemplate(String(decoding: bytes, as: UTF8.self))
        } else {
            self.body = .plain
        }
    }

    /// Texts already filled in: nothing in them is a reference any more.
    init(plainHeaderCount: Int) {
        target = .plain
        headerValues = Array(repeating: .plain, count: plainHeaderCount)
        body = .plain
    }

    /// The templates that parsed, for the undefined-variable check.
    public var parsed: [VariableTemplate] {
        ([target] + headerValues + [body]).compactMap(\.template)
    }
}

extension RequestCommand {
    /// The request with every `$reference` in its target, header values and inline body filled in
    /// by `value`, from the templates parsed with the line. Inside a JSON body's strings values are
    /// escaped so the body stays valid JSON. The first reference that cannot be filled (or the first
    /// `$` that did not parse), in that order, is the error.
    public func filled(
        value: (VariableTemplate.Reference) -> String?
    ) throws(CommandSyntaxError) -> RequestCommand {
        let filledTarget = try templates.target.fill(target, json: false, value: value)
        var filledHeaders: HTTPFields = []
        for (field, template) in zip(headers, templates.headerValues) {
            filledHeaders.append(
                HeaderField(name: field.name, value: try template.fill(field.value, json: false, value: value)))
        }
        var filledBody = body
        if case .inline(let bytes) = body, templates.body != .plain {
            let text = try templates.body.fill(
                String(decoding: bytes, as: UTF8.self), json: RequestEncoder.looksLikeJSON(bytes), value: value)
            filledBody = .inline(Array(text.utf8))
        }
        return RequestCommand(
            method: method, target: filledTarget, version: version, headers: filledHeaders,
            removedHeaders: removedHeaders,
            body: filledBody, background: background,
            templates: RequestTemplates(plainHeaderCount: filledHeaders.count))
    }
}
