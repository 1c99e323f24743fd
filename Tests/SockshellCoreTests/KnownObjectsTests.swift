import Testing

@testable import SockshellCore

/// `KnownObjects.remember` works in place; these check it keeps what the list-rebuilding version
/// kept, over sequences that merge by id, by name, move names between ids and overflow the limit.
struct KnownObjectsTests {
    /// The earlier algorithm, kept here as the reference: rebuild the list on every call.
    private static func rememberByRebuilding(
        _ objects: [KnownObjects.Object], limit: Int, id: String?, names newNames: [String]
    ) -> [KnownObjects.Object] {
        let id = id.flatMap { $0.isEmpty ? nil : $0 }
        var names: [String] = []
        for name in newNames where !name.isEmpty && name != id && !names.contains(name) { names.append(name) }
        guard id != nil || !names.isEmpty else { return objects }
        var merged = KnownObjects.Object(id: id, names: names)
        var others: [KnownObjects.Object] = []
        for var object in objects {
            let sameID = id != nil && object.id == id
            let sharesName = object.names.contains(where: names.contains)
            if sameID || (sharesName && (id == nil || object.id == nil)) {
                if merged.id == nil { merged.id = object.id }
                merged.names += object.names.filter { !merged.names.contains($0) }
                continue
            }
            if sharesName {
                object.names.removeAll(where: names.contains)
                if object.id == nil && object.names.isEmpty { continue }
            }
            others.append(object)
        }
        return [merged] + others.prefix(max(0, limit - 1))
    }

    @Test(arguments: [1, 2, 3, 5, 8])
    func rememberingInPlaceKeepsWhatRebuildingKept(limit: Int) {
        // A small deterministic generator: few ids and names, so merges and moves are frequent.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(limit)
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let ids: [String?] = [nil, "", "a1", "b2", "c3", "d4", "e5"]
        let pool = ["", "web", "db", "cache", "a1", "api"]
        var known = KnownObjects(limit: limit)
        var reference: [KnownObjects.Object] = []
        for step in 0..<2_000 {
            let id = ids[next(ids.count)]
            let names = (0..<next(3)).map { _ in pool[next(pool.count)] }
            known.remember(id: id, names: names)
            reference = Self.rememberByRebuilding(reference, limit: limit, id: id, names: names)
            #expect(known.objects == reference, "step \(step): remember(id: \(id ?? "nil"), names: \(names))")
            if known.objects != reference { return }
        }
    }
}
