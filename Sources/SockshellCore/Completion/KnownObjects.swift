/// The objects of one kind seen in this session, most recent first, each with its id and names.
/// Keeping id and names together lets a delete by name also drop the id, and a name that moved to
/// a new object (a reused container name, a re-pointed image tag) leave the old one.
struct KnownObjects: Sendable, Equatable {
    struct Object: Sendable, Equatable {
        /// The full id; image ids are kept without their `sha256:` prefix, as paths accept them.
        var id: String?
        var names: [String]
    }

    private(set) var objects: [Object] = []
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    /// Records an object as the most recent, merging it with what was known about it.
    mutating func remember(id: String?, names newNames: [String]) {
        let id = id.flatMap { $0.isEmpty ? nil : $0 }
        var names: [String] = []
        for name in newNames where !name.isEmpty && name != id && !names.contains(name) {
            names.append(name)
        }
        guard id != nil || !names.isEmpty else { return }

        var merged = Object(id: id, names: names)
        // In place: most calls (an event about a new id) merge with nothing, and copying every
        // kept object into a new array per call made learning from a long /events body the
        // body view's largest cost.
        var index = objects.startIndex
        while index < objects.endIndex {
            let sameID = id != nil && objects[index].id == id
            let sharesName = !names.isEmpty && objects[index].names.contains(where: names.contains)
            // Without two ids to compare, a shared name means the same object.
            if sameID || (sharesName && (id == nil || objects[index].id == nil)) {
                if merged.id == nil { merged.id = objects[index].id }
                for name in objects[index].names where !merged.names.contains(name) { merged.names.append(name) }
                objects.remove(at: index)
                continue
            }
            if sharesName {
                // Two different ids with one name: the name has moved to the new object.
                objects[index].names.removeAll(where: names.contains)
                if objects[index].id == nil && objects[index].names.isEmpty {
                    objects.remove(at: index)
                    continue
                }
            }
            index += 1
        }
        objects.insert(merged, at: 0)
        let kept = max(1, limit)
        if objects.count > kept { objects.removeLast(objects.count - kept) }
    }

    /// Drops the object that `reference` names: a name, a full id, or a unique id prefix as the
    /// daemon accepts them.
    mutating func forget(_ reference: String) {
        guard !reference.isEmpty else { return }
        objects.removeAll { object in
            object.names.contains(reference) || (object.id?.hasPrefix(reference) ?? false)
        }
    }

    /// Removes one name (an untagged image tag) and keeps the object if it still has an id or names.
    mutating func forgetName(_ name: String) {
        for index in objects.indices {
            objects[index].names.removeAll { $0 == name }
        }
        objects.removeAll { $0.id == nil && $0.names.isEmpty }
    }

    /// The object a reference names, if known.
    func object(named reference: String) -> Object? {
        guard !reference.isEmpty else { return nil }
        return objects.first { $0.names.contains(reference) || ($0.id?.hasPrefix(reference) ?? false) }
    }

    /// Ids and names, most recent object first, each object's id before its names.
    var words: [String] {
        var seen = Set<String>()
        var out: [String] = []
        for object in objects {
            for word in (object.id.map { [$0] } ?? []) + object.names where seen.insert(word).inserted {
                out.append(word)
            }
        }
        return out
    }
}
