extension RequestCommand {
    /// The request a pasted curl command sends, as sockshell sends it: its data read and joined as curl
    /// would, its URL's host as Host, curl's form Content-Type for data unless the command sets one, and
    /// `-H 'Name:'` headers left out (curl's way to drop a header, its own defaults included).
    ///
    /// Pure: `fileContents` reads each `@file` (`-` is standard input), in order. Where the request goes
    /// (`--unix-socket`) is the session's business, not the request's.
    public init<Failure: Error>(
        curl: CurlRequest, fileContents: (String) throws(Failure) -> [UInt8]
    ) throws(Failure) {
        var headers = curl.headers
        if let host = curl.hostHeader, !headers.contains(named: "Host") {
            headers.insert(HeaderField(name: "Host", value: host), at: 0)
        }
        var target = curl.target
        var body: [UInt8]?
        switch curl.body {
        case nil: body = nil
        case .inline(let bytes): body = bytes
        case .file(let path, let stripLineBreaks):
            body = try fileContents(path)
            if stripLineBreaks { body?.removeAll { $0 == 0x0D || $0 == 0x0A } }
        case .parts(let parts): body = try CurlDataPart.join(parts, inQuery: false, fileContents: fileContents)
        }
        if !curl.queryData.isEmpty {
            let query = try CurlDataPart.join(curl.queryData, inQuery: true, fileContents: fileContents)
            target = CurlCommandLine.appendQuery(String(decoding: query, as: UTF8.self), to: target)
        }
        if body != nil, !headers.contains(named: "Content-Type") {
            headers.append(HeaderField(name: "Content-Type", value: "application/x-www-form-urlencoded"))
        }
        self.init(
            method: curl.method, target: target, version: curl.version, headers: headers,
            removedHeaders: curl.removedHeaders,
            body: body.map { .inline($0) } ?? .none, background: curl.background)
    }
}
